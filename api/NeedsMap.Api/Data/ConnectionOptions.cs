using Npgsql;

namespace NeedsMap.Api.Data;

/// <summary>
/// The server's own PostgreSQL settings on its connections (<c>-c name=value</c> in the connection string's <c>Options</c>),
/// each left as the operator wrote it when their <c>Options</c> already set it.
/// </summary>
internal static class ConnectionOptions
{
    public static void SetUnlessChosen(NpgsqlConnectionStringBuilder connection, string name, string value)
    {
        if (connection.Options?.Contains(name + "=", StringComparison.Ordinal) == true)
        {
            return;
        }
        connection.Options = $"{connection.Options} -c {name}={value}".Trim();
    }
}
