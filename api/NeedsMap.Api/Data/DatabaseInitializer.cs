using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace NeedsMap.Api.Data;

/// <summary>
/// At start-up: apply migrations, then the features' seeds (<see cref="IDatabaseSeed"/>: the reference data, the demo city when
/// asked and the store is empty) and what reads them (<see cref="IDatabaseReady"/>: the reference snapshot).
/// </summary>
public sealed class DatabaseInitializer(IServiceScopeFactory scopes, IEnumerable<IDatabaseSeed> seeds, IEnumerable<IDatabaseReady> ready,
    IConfiguration configuration, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await DatabaseCreator.EnsureExistsAsync(DatabaseRegistration.ResolveConnectionString(configuration), logger, cancellationToken);
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>();
            // EF Core reads the history table before creating it on a database it did not create, and logs the expected
            // failure as an error: create it first (EF's own script, IF NOT EXISTS), so a first start logs no fail: line.
            await db.Database.ExecuteSqlRawAsync(db.GetService<IHistoryRepository>().GetCreateIfNotExistsScript(), cancellationToken);
            logger.LogInformation("Applying migrations");
            // A migration may rewrite or backfill every row of a table (partitioning moved every need; filling a column over ten
            // million needs took 6.5 min): on the one connection EF migrates on, neither the client's command timeout nor the
            // server's statement_timeout (StatementTimeout) applies. Returned to the pool, the connection is reset to the server's.
            db.Database.SetCommandTimeout(0);
            await db.Database.OpenConnectionAsync(cancellationToken);
            await StatementTimeout.LiftAsync((NpgsqlConnection)db.Database.GetDbConnection(), cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
            // The migration created the postgis extension; connections opened before it must learn its types.
            await ((NpgsqlConnection)db.Database.GetDbConnection()).ReloadTypesAsync(cancellationToken);
            await db.Database.CloseConnectionAsync();
            db.Database.SetCommandTimeout(null); // the seeds below keep the server's limits
            foreach (var seed in seeds)
            {
                await seed.SeedAsync(scope.ServiceProvider, cancellationToken);
            }
        }
        foreach (var step in ready)
        {
            await step.ReadyAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
