using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Extensions;

internal static class DataExtensions
{
    public static IServiceCollection AddNeedsMapData(this IServiceCollection services, IConfiguration configuration)
    {
        // Resolved when first used: a missing connection string is named at start with every other missing setting (Startup/SettingsRules).
        services.AddSingleton(_ => DatabaseRegistration.BuildDataSource(DatabaseRegistration.ResolveConnectionString(configuration),
            configuration.GetValue<double?>(StatementTimeout.Setting)));
        services.AddDbContext<NeedsMapDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<Npgsql.NpgsqlDataSource>(), npgsql => npgsql.UseNetTopologySuite())
                .UseSnakeCaseNamingConvention());
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<CityClock>();
        services.AddSingleton<ReferenceData>();
        // Registered first so the schema exists before anything else starts.
        services.AddHostedService<DatabaseInitializer>();
        return services;
    }
}
