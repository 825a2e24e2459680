using Microsoft.EntityFrameworkCore;

namespace NeedsMap.Api.Data;

/// <summary>The database: the data source, the DbContext and, at start, the migrations (<see cref="DatabaseInitializer"/>).</summary>
public static class DataModule
{
    public static IServiceCollection AddNeedsMapData(this IServiceCollection services, IConfiguration configuration)
    {
        // Resolved when first used: a missing connection string is named at start with every other missing setting (Startup/SettingsRules).
        services.AddSingleton(_ => DatabaseRegistration.BuildDataSource(DatabaseRegistration.ResolveConnectionString(configuration),
            configuration.GetValue<double?>(StatementTimeout.Setting), configuration.GetValue(QueryJit.Setting, false)));
        services.AddDbContext<NeedsMapDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), npgsql => npgsql.UseNetTopologySuite())
                .UseSnakeCaseNamingConvention());
        // Registered first so the schema exists before anything else starts.
        services.AddHostedService<DatabaseInitializer>();
        return services;
    }
}
