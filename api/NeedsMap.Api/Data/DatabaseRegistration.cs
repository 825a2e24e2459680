using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace NeedsMap.Api.Data;

public static class DatabaseRegistration
{
    public const string ConnectionStringName = "NeedsMap";

    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.UseNetTopologySuite()).UseSnakeCaseNamingConvention();

    public static NpgsqlDataSource BuildDataSource(string connectionString, double? statementTimeoutSeconds = null, bool jit = false)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        StatementTimeout.Apply(builder.ConnectionStringBuilder, statementTimeoutSeconds);
        QueryJit.Apply(builder.ConnectionStringBuilder, jit);
        ParallelQueries.Apply(builder.ConnectionStringBuilder);
        builder.UseNetTopologySuite();
        return builder.Build();
    }

    /// <summary>Configuration first (tests give each host its own database), then NEEDSMAP_DB, which the scripts set.</summary>
    public static string ResolveConnectionString(IConfiguration configuration) =>
        FindConnectionString(configuration)
        ?? throw new InvalidOperationException(
            "No database: set NEEDSMAP_DB or ConnectionStrings:NeedsMap (scripts/run does this for you).");

    /// <summary>The connection string, or null. NEEDSMAP_DB comes through configuration, which holds the environment's variables.</summary>
    public static string? FindConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) ?? configuration["NEEDSMAP_DB"];
}
