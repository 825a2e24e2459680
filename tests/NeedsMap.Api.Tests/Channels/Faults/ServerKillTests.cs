using System.Diagnostics;
using System.Text;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Channels.Faults;

/// <summary>
/// Issue #17: the server killed (SIGKILL) in the middle of a file. <c>NeedsMap.Api ingest</c> runs as its own process, the
/// way an operator runs it; killed after its first chunk committed, then run again over the same file, it leaves every record
/// stored once and the derived tables as a rebuild makes them.
/// </summary>
public sealed class ServerKillTests(IntakeHost host) : IClassFixture<IntakeHost>
{
    private const int Records = 15_000; // three chunks of the command's 5,000

    [Fact]
    public async Task An_ingest_killed_mid_file_and_run_again_stores_every_record_once_and_counts_as_a_rebuild_counts()
    {
        await host.WaitForPluginAsync("open311");
        var file = Path.Combine(host.Plugins.Root, "..", $"needsmap-kill-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, new Open311Deliveries(host.Service<ReferenceData>()).Page("kill", 0, Records), Encoding.UTF8);
        try
        {
            await using (var probe = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(host.ConnectionString) { Pooling = false }.ConnectionString))
            using (var killed = StartIngest(file))
            {
                // Drained from the start: a child blocked on a full pipe would never reach its first commit.
                var killedErrors = killed.StandardError.ReadToEndAsync();
                _ = killed.StandardOutput.ReadToEndAsync();
                await probe.OpenAsync();
                await using var stored = new Npgsql.NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM needs WHERE external_id LIKE 'kill-%')", probe);
                var deadline = DateTime.UtcNow.AddMinutes(4);
                while (!(bool)(await stored.ExecuteScalarAsync())!)
                {
                    if (killed.HasExited)
                    {
                        Assert.Fail($"the ingest ended before storing anything: {await killedErrors}");
                    }
                    Assert.True(DateTime.UtcNow < deadline, "the ingest stored nothing in time");
                    await Task.Delay(25);
                }
                killed.Kill(entireProcessTree: true);
                await killed.WaitForExitAsync();
            }
            var partial = await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM needs WHERE external_id LIKE 'kill-%'");
            Assert.InRange(partial, 1, Records - 1);

            using (var again = StartIngest(file))
            {
                var output = again.StandardOutput.ReadToEndAsync();
                var errors = again.StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
                await again.WaitForExitAsync(timeout.Token);
                Assert.True(again.ExitCode == 0, $"the second ingest failed ({again.ExitCode}): {await output} {await errors}");
                Assert.Contains($"open311: {Records} accepted, 0 quarantined", await output, StringComparison.Ordinal);
            }

            Assert.Equal(Records, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(*) FROM needs WHERE external_id LIKE 'kill-%'"));
            Assert.Equal(Records, await DerivedTables.ScalarAsync(host.ConnectionString, "SELECT count(DISTINCT external_id) FROM needs WHERE external_id LIKE 'kill-%'"));
            Assert.Equal(Records, await DerivedTables.ScalarAsync(host.ConnectionString,
                "SELECT count(*) FROM need_history h JOIN needs n ON n.id = h.need_id WHERE n.external_id LIKE 'kill-%' AND h.kind = 'created'"));
            Assert.Empty(await DerivedTables.DifferencesFromRebuildAsync(host.Services, host.ConnectionString));
        }
        finally
        {
            File.Delete(file);
        }
    }

    // The server's own build output, run as scripts/run would run it, with this test's database, plugins and keys.
    private Process StartIngest(string file)
    {
        var api = Path.Combine(PluginFolder.RepositoryRoot, "api", "NeedsMap.Api", "bin", PluginFolder.Configuration, "net10.0");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = api,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine(api, "NeedsMap.Api.dll"), "ingest", "open311", file })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__NeedsMap"] = host.ConnectionString;
        start.Environment["NeedsMap__Plugins__Root"] = host.Plugins.Root;
        start.Environment["NeedsMap__Plugins__CallTimeout"] = "00:02:00";
        start.Environment["NeedsMap__LoadDemoCity"] = "true";
        start.Environment["NeedsMap__LoadDemoNeeds"] = "false";
        start.Environment["NeedsMap__Auth__SigningKey"] = NeedsMapHost.TestSigningKey;
        start.Environment["NeedsMap__Privacy__EncryptionKey"] = NeedsMapHost.TestEncryptionKey;
        start.Environment["NeedsMap__Plugins__IdentitySalt"] = "a-secret-salt-of-the-test-city"; // Production refuses the development salt
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        return Process.Start(start)!;
    }
}
