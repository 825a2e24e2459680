using NeedsMap.DemoCity.Boundaries;
using NeedsMap.Sdk.Categories;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Bench.Weather;

/// <summary>
/// Needs inside Yiwu's generated communities, bulk-loaded with binary COPY: communities weighted by a skewed
/// (Zipf-like) popularity, points uniform inside the community, a weekly rhythm over the last <c>days</c> days, growing towards today (two thirds as many a day at the start as at the end, whatever the span).
/// </summary>
internal static class NeedGenerator
{
    public static async Task<int> LoadAsync(NpgsqlDataSource dataSource, int count, int days, DateTimeOffset end, int seed)
    {
        var random = new Random(seed);
        var communities = DemoBoundaryGenerator.Yiwu.Communities;
        var locators = communities.Select(c => new IndexedPointInAreaLocator(c.Geometry)).ToArray();
        var popularity = communities.Select((_, i) => 1.0 / Math.Pow(1 + random.Next(communities.Count), 0.8)).ToArray();
        var cumulative = Cumulative(popularity);
        var categories = StandardTaxonomy.All.Where(c => c.ParentCode is not null).Select(c => c.Code).ToArray();
        var categoryCumulative = Cumulative(categories.Select((_, i) => 1.0 / (1 + i)).ToArray());

        var paths = new Dictionary<string, string>();
        var channels = new List<(string Code, double Weight)>();
        var categoryWeights = new Dictionary<string, double>();
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await using (var cmd = new NpgsqlCommand("SELECT code, path FROM jurisdictions", connection))
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync()) paths[reader.GetString(0)] = reader.GetString(1);
            }
            await using (var cmd = new NpgsqlCommand("SELECT code, weight FROM channels ORDER BY code", connection))
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync()) channels.Add((reader.GetString(0), reader.GetDouble(1)));
            }
            await using (var cmd = new NpgsqlCommand("SELECT code, weight FROM categories", connection))
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync()) categoryWeights[reader.GetString(0)] = reader.GetDouble(1);
            }
        }
        var channelCumulative = Cumulative(channels.Select((_, i) => i == 0 ? 6.0 : 1.0).ToArray());
        double[] weekday = [1.3, 1.1, 1.0, 1.0, 1.0, 0.6, 0.5];
        var dayCumulative = Cumulative(Enumerable.Range(0, days).Select(d => weekday[(int)end.AddDays(-d).DayOfWeek % 7] * (1 + d / (2.0 * days) * -1 + 0.5)).ToArray());

        await using var copyConnection = await dataSource.OpenConnectionAsync();
        await using var copy = await copyConnection.BeginBinaryImportAsync("""
            COPY needs (channel_code, external_id, version, received_at, updated_at, text, category_code, status, weight, location,
                        located_by, jurisdiction_code, jurisdiction_path)
            FROM STDIN (FORMAT BINARY)
            """);
        copy.Timeout = TimeSpan.FromHours(1);
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        for (var i = 0; i < count; i++)
        {
            var c = Pick(cumulative, random);
            var community = communities[c];
            var env = community.Geometry.EnvelopeInternal;
            Coordinate at;
            do
            {
                at = new Coordinate(env.MinX + random.NextDouble() * env.Width, env.MinY + random.NextDouble() * env.Height);
            }
            while (locators[c].Locate(at) != Location.Interior);
            var category = categories[Pick(categoryCumulative, random)];
            var channel = channels[Pick(channelCumulative, random)];
            var received = end.AddDays(-Pick(dayCumulative, random)).AddSeconds(-random.Next(86_400));
            await copy.StartRowAsync();
            await copy.WriteAsync(channel.Code, NpgsqlDbType.Text);
            await copy.WriteAsync($"bench-{seed}-{i}", NpgsqlDbType.Text);
            await copy.WriteAsync(1L, NpgsqlDbType.Bigint);
            await copy.WriteAsync(received.UtcDateTime, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(received.UtcDateTime, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync("基准测试诉求", NpgsqlDbType.Text);
            await copy.WriteAsync(category, NpgsqlDbType.Text);
            await copy.WriteAsync("New", NpgsqlDbType.Text);
            await copy.WriteAsync(channel.Weight * categoryWeights.GetValueOrDefault(category, 1.0), NpgsqlDbType.Double);
            await copy.WriteAsync(factory.CreatePoint(at), NpgsqlDbType.Geometry);
            await copy.WriteAsync("Coordinates", NpgsqlDbType.Text);
            await copy.WriteAsync(community.Code, NpgsqlDbType.Text);
            await copy.WriteAsync(paths[community.Code], NpgsqlDbType.Text);
        }
        await copy.CompleteAsync();
        return count;
    }

    private static double[] Cumulative(double[] weights)
    {
        var result = new double[weights.Length];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            result[i] = sum;
        }
        for (var i = 0; i < result.Length; i++)
        {
            result[i] /= sum;
        }
        return result;
    }

    private static int Pick(double[] cumulative, Random random)
    {
        var i = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }
}
