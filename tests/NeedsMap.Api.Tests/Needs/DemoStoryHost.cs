using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Api.Tests.Security;
using Npgsql;

namespace NeedsMap.Api.Tests.Needs;

/// <summary>
/// The demo city as scripts/run loads it (divisions, a year of needs, the story), pinned in time, behind real tokens:
/// anonymous callers are the public. The server's clock stands at the demo's now, so a scene measured live is
/// measured on the same weeks the story's evaluation used.
/// </summary>
public sealed class DemoStoryHost : SecuredHost
{
    public static readonly DateTimeOffset DemoNow = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    public ManualClock Clock { get; } = new(DemoNow);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:LoadDemoNeeds", "true");
        builder.UseSetting("NeedsMap:DemoNow", DemoNow.ToString("O"));
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>How many rows each table the story writes holds.</summary>
    public async Task<Dictionary<string, long>> CountStoryRowsAsync()
    {
        string[] tables = ["whistles", "whistle_history", "whistle_needs", "whistle_departments", "scenes", "consultations", "consultation_participants",
            "consultation_posts", "consultation_proposals", "proposal_votes", "reform_items", "one_things", "service_items", "need_history"];
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            counts[table] = (long)(await command.ExecuteScalarAsync())!;
        }
        return counts;
    }
}

/// <summary>A second server over the story host's database: a restart of scripts/run.</summary>
internal sealed class RestartedDemoHost(string connectionString) : NeedsMapHost(connectionString, ownsDatabase: false)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:LoadDemoNeeds", "true");
        builder.UseSetting("NeedsMap:DemoNow", DemoStoryHost.DemoNow.ToString("O"));
    }
}
