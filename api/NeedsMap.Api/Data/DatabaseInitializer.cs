using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using NeedsMap.Api.Data.Seeding;
using NeedsMap.Api.Reference;
using Npgsql;

namespace NeedsMap.Api.Data;

/// <summary>At start-up: apply migrations, seed reference data, load the demo city when asked and the store is empty.</summary>
public sealed class DatabaseInitializer(IServiceScopeFactory scopes, ReferenceData reference, IConfiguration configuration,
    ILogger<DatabaseInitializer> logger) : IHostedService
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
            await db.Database.MigrateAsync(cancellationToken);
            // The migration created the postgis extension; connections opened before it must learn its types.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await ((NpgsqlConnection)db.Database.GetDbConnection()).ReloadTypesAsync(cancellationToken);
            await db.Database.CloseConnectionAsync();
            await ReferenceSeeder.SeedAsync(db, cancellationToken);
            if (configuration.GetValue("NeedsMap:LoadDemoCity", false))
            {
                var demo = scope.ServiceProvider.GetRequiredService<DemoCityLoader>();
                await demo.LoadJurisdictionsIfEmptyAsync(cancellationToken);
                // Yiwu's school districts are drawn on Yiwu: another city (Seeding/CityDataFolder) imports its own service areas.
                if (string.IsNullOrEmpty(configuration[CityDataFolder.Setting]))
                {
                    await scope.ServiceProvider.GetRequiredService<Areas.DemoSchoolDistrictsLoader>().LoadIfEmptyAsync(cancellationToken);
                }
                if (configuration.GetValue("NeedsMap:LoadDemoNeeds", true))
                {
                    await demo.LoadNeedsIfEmptyAsync(cancellationToken);
                }
            }
        }
        await reference.ReloadAsync(cancellationToken);
        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Reference.ExternalLabelMap>().ReloadAsync(cancellationToken);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
