using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Data;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Events;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Sdk.Geo;
using Npgsql;

namespace NeedsMap.Api.Tests.Transport;

/// <summary>
/// The listener reads changed needs with its own prepared statement instead of EF (Needs/Events/NeedBatchLoader): every
/// property must come out as EF's mapping reads it, or subscribers would see a need other than the needs query shows.
/// </summary>
public sealed class NeedBatchLoaderTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>, IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_loader_reads_every_property_of_a_need_as_EF_reads_it()
    {
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var full = new IncomingNeed("12345", "loader-full", 3, TestNeeds.BaseTime, "夜间施工噪声扰民，凌晨两点还在打桩", at, CoordinateSystem.Wgs84,
            "义乌市江东街道鸡鸣山社区 12 号", "noise.construction", "test")
        {
            ReporterKey = "resident-1",
            ReporterAgeBand = "30-39",
            ReporterGender = "female",
            ReporterGroup = "resident",
            Contact = new ReporterContact("张三", "13800000000", null),
            Attributes = new Dictionary<string, string> { ["handling_unit"] = "江东街道", ["zip"] = "322000" },
            Status = NeedStatus.InProgress,
        };
        // The bare minimum: no address, no reporter, no contact, no attributes, its category left to the classifier.
        var bare = new IncomingNeed("12345", "loader-bare", 1, TestNeeds.BaseTime.AddDays(40), "小区门口乱停车", TestNeeds.Offset(at, 30, 20),
            CoordinateSystem.Wgs84, null, null, "test");
        await host.Service<BatchIngestion>().IngestAsync([full, bare], null, CancellationToken.None);

        await using var scope = host.Services.CreateAsyncScope();
        var byEf = await scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>().Needs.AsNoTracking()
            .Where(n => n.ExternalId.StartsWith("loader-")).ToDictionaryAsync(n => n.Id);
        Assert.Equal(2, byEf.Count);
        using var loader = new NeedBatchLoader(host.Service<NpgsqlDataSource>());
        var byLoader = loader.Load([.. byEf.Keys, -1]);

        Assert.Equal(byEf.Keys.Order(), byLoader.Keys.Order());
        foreach (var (id, expected) in byEf)
        {
            var actual = byLoader[id];
            foreach (var property in typeof(Need).GetProperties())
            {
                var (e, a) = (property.GetValue(expected), property.GetValue(actual));
                if (e is NetTopologySuite.Geometries.Point pe)
                {
                    var pa = Assert.IsType<NetTopologySuite.Geometries.Point>(a);
                    Assert.True(pe.EqualsExact(pa) && pe.SRID == pa.SRID, $"{property.Name}: {pe} (SRID {pe.SRID}) against {pa} (SRID {pa.SRID})");
                }
                else if (e is byte[] be)
                {
                    Assert.Equal(be, Assert.IsType<byte[]>(a));
                }
                else
                {
                    Assert.True(Equals(e, a), $"{expected.ExternalId}.{property.Name}: EF read {e ?? "null"}, the loader {a ?? "null"}");
                }
            }
        }
        // Not vacuous: the full one carries what the bare one lacks.
        var fullNeed = byLoader.Values.Single(n => n.ExternalId == "loader-full");
        Assert.NotNull(fullNeed.ContactEncrypted);
        Assert.NotNull(fullNeed.Attributes);
        Assert.Null(byLoader.Values.Single(n => n.ExternalId == "loader-bare").Address);
    }

    [Fact]
    public async Task A_kept_connection_that_the_server_ended_is_replaced_without_losing_the_batch()
    {
        var need = await TestNeeds.AddAsync(host, "井盖松动", "utilities.drainage", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan));
        using var loader = new NeedBatchLoader(host.Service<NpgsqlDataSource>());
        Assert.Single(loader.Load([need.Id]));

        // The loader's connection sits idle with its prepared statement; end it from the server's side.
        await using (var terminate = host.Service<NpgsqlDataSource>().CreateCommand("""
            SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%FROM needs WHERE id = ANY($1)%'
            """))
        {
            // Exactly the loader's: this host has no subscriber, so its own listener loads nothing.
            Assert.Equal(1L, await terminate.ExecuteScalarAsync());
        }
        await Task.Delay(200);

        var again = loader.Load([need.Id]);
        Assert.Equal(need.ExternalId, Assert.Single(again).Value.ExternalId);
    }
}
