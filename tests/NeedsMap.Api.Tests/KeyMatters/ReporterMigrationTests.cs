using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NeedsMap.Api.Data;
using NeedsMap.Api.Tests.Infrastructure;
using Npgsql;

namespace NeedsMap.Api.Tests.KeyMatters;

/// <summary>
/// A database counted before the reporters moved onto the rollup rows keeps its counts: the migration carries each
/// row's reporters (and how many needs each made) over, so no rebuild is needed, and going back restores the table.
/// </summary>
public sealed class ReporterMigrationTests : IAsyncLifetime
{
    private const string Before = "20261128134300_PendingRollups";

    /// <summary>
    /// The last migration that can be taken back: <c>PartitionNeedsByTime</c> moves every need into partitions and refuses to
    /// be reverted in place (docs/partitions.md), so the round trip stops just before it.
    /// </summary>
    private const string LastReversible = "20261205063100_CellBlocksCovering";
    private readonly string _connectionString = TestDatabase.NewDatabaseConnectionString("kmmigration");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestDatabase.DropAsync(_connectionString);

    [Fact]
    public async Task Counted_reporters_move_onto_their_rows_and_back()
    {
        var options = new DbContextOptionsBuilder<NeedsMapDbContext>();
        DatabaseRegistration.Configure(options, _connectionString);
        await using var db = new NeedsMapDbContext(options.Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(Before);
        await ExecuteAsync("""
            INSERT INTO key_matter_demand (jurisdiction_code, day, category_code, topic, records, cases, weight, anonymous) VALUES
              ('330782', '2026-06-10', 'noise.construction', '', 4, 3, 4, 1),
              ('330782', '2026-06-10', 'noise.construction', '打桩', 1, 1, 1, 1);
            INSERT INTO key_matter_reporters (jurisdiction_code, day, category_code, topic, reporter, needs) VALUES
              ('330782', '2026-06-10', 'noise.construction', '', 9, 2),
              ('330782', '2026-06-10', 'noise.construction', '', -5, 1),
              ('330782', '2026-06-10', 'noise.construction', '', 7, 0);
            """);

        await migrator.MigrateAsync(LastReversible);
        Assert.Equal(["{-5,9}|{1,2}", "{}|{}"], await RowsAsync(
            "SELECT reporters::text || '|' || reporter_needs::text FROM key_matter_demand ORDER BY topic"));

        await migrator.MigrateAsync(Before);
        Assert.Equal(["-5:1", "9:2"], await RowsAsync(
            "SELECT reporter || ':' || needs FROM key_matter_reporters ORDER BY reporter"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<List<string>> RowsAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }
}
