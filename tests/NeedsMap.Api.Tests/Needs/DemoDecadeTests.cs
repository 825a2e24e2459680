using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Demo.Seeding;
using NeedsMap.Api.Tests.Infrastructure;
using Npgsql;

namespace NeedsMap.Api.Tests.Needs;

/// <summary>The demo city over ten years, as the key-matters bench loads it (days=3650), on a database of its own.</summary>
public sealed class DemoDecadeHost : NeedsMapHost
{
    public DemoDecadeHost()
        : base(seeded: false)
    {
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:DemoNeedCount", "3000");
        builder.UseSetting("NeedsMap:DemoNeedDays", "3650");
        builder.UseSetting("NeedsMap:DemoNow", "2026-11-20T00:00:00Z");
    }
}

public sealed class DemoDecadeTests(DemoDecadeHost host) : IClassFixture<DemoDecadeHost>
{
    [Fact]
    public async Task A_ten_year_load_spreads_over_its_own_quarters_and_without_cells_still_counts_key_matters()
    {
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoCityLoader>().LoadNeedsIfEmptyAsync(countCells: false, CancellationToken.None);
        }
        await using var connection = await host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        async Task<long> Scalar(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.Equal(3000, await Scalar("SELECT count(*) FROM needs"));
        // Ten years back from 2026-11-20, every need in a quarter partition made for it, none in the default one.
        Assert.Equal(0, await Scalar("SELECT count(*) FROM needs WHERE received_at < '2016-11-19' OR received_at > '2026-11-20'"));
        Assert.True(await Scalar("SELECT count(*) FROM needs WHERE received_at < '2017-11-20'") > 150);
        Assert.Equal(0, await Scalar("SELECT count(*) FROM needs_default"));
        // Written in the order they were received, so ids follow time as in ingestion (the rebuild's batches are then a few days).
        Assert.Equal(0, await Scalar("""
            SELECT count(*) FROM (SELECT received_at < lag(received_at) OVER (ORDER BY id) AS back FROM needs) s WHERE back
            """));
        // The cells were left unbuilt; the key matters were built.
        Assert.Equal(0, await Scalar("SELECT count(*) FROM cell_demand"));
        Assert.True(await Scalar("SELECT count(*) FROM key_matter_demand") > 0);
    }
}
