using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Extensions;

internal static class DataExtensions
{
    public static IServiceCollection AddNeedsMapData(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = DatabaseRegistration.ResolveConnectionString(configuration);
        var statementTimeout = configuration.GetValue<double?>(StatementTimeout.Setting);
        services.AddSingleton(_ => DatabaseRegistration.BuildDataSource(connectionString, statementTimeout));
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
