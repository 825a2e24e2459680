using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NeedsMap.Api.Data;
using NeedsMap.Api.Tests.Infrastructure;
using Npgsql;

namespace NeedsMap.Api.Tests.Operations;

/// <summary>
/// Migrations run without the statement timeout every other statement of the server runs under: one that rewrites or fills
/// a large table (partitioning moved every need; filling a column of ten million took 6.5 min) would otherwise fail at
/// start on the very databases that need it. Here the timeout is 50 ms, which creating PostGIS alone exceeds.
/// </summary>
public sealed class MigrationTimeoutTests : IAsyncLifetime
{
    private readonly string _connectionString = TestDatabase.NewDatabaseConnectionString("migrationtimeout");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => TestDatabase.DropAsync(_connectionString);

    [Fact]
    public async Task An_empty_database_is_migrated_whole_under_a_statement_timeout_shorter_than_its_migrations()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseRegistration.ConnectionStringName}"] = _connectionString,
            // 150 ms: under a busy CI run Npgsql's first connection (it loads the database's types before the initializer
            // can lift the timeout) took over 50 ms and was cancelled; the migrations' longest statements still take longer.
            [StatementTimeout.Setting] = "0.15",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddNeedsMapData(configuration);
        await using var provider = services.BuildServiceProvider();
        var initializer = ActivatorUtilities.CreateInstance<DatabaseInitializer>(provider, NullLogger<DatabaseInitializer>.Instance);

        await initializer.StartAsync(CancellationToken.None);

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>();
            Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        var dataSource = provider.GetRequiredService<NpgsqlDataSource>();
        // Not vacuous: the server's own statements still stop at the timeout.
        await using var slow = dataSource.CreateCommand("SELECT pg_sleep(1)");
        var refused = await Assert.ThrowsAsync<PostgresException>(() => slow.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.QueryCanceled, refused.SqlState);
    }
}
