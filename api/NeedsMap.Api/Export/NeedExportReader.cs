using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using Npgsql;

namespace NeedsMap.Api.Export;

/// <summary>
/// The needs an export holds: the caller's filter narrowed by <see cref="AccessScope.Restrict"/> and translated by
/// <see cref="NeedFilterSql"/>, exactly as the <c>needs</c> query does, newest first; read from one server-side cursor so a
/// million rows never sit in memory; texts and addresses masked by <see cref="AccessScope.Mask"/> as the GraphQL fields are.
/// </summary>
public sealed class NeedExportReader(NpgsqlDataSource dataSource, NeedFilterSql filterSql, AccessScope scope, ReferenceData reference, CityClock clock)
{
    public static readonly IReadOnlyList<ExportColumn> Columns =
    [
        new("id", "The need's global id, as Need.id in GraphQL."),
        new("externalId", "The id its channel gave it."),
        new("channel", "The channel's code."),
        new("receivedAt", "When the channel received it (city time; ISO 8601 with offset in CSV and GeoJSON)."),
        new("updatedAt", "When it last changed."),
        new("text", "The resident's words; personal data masked unless the role may see it.", FreeText: true),
        new("category", "The category's code."),
        new("categoryName", "The category's Chinese name."),
        new("categoryConfidence", "The classifier's confidence, 0 to 1; empty when a person or the channel set the category."),
        new("status", "NEW, ASSIGNED, IN_PROGRESS, RESOLVED, CLOSED or REOPENED."),
        new("weight", "The need's weight in demand indexes."),
        new("longitude", "WGS-84 longitude."),
        new("latitude", "WGS-84 latitude."),
        new("address", "The address the channel sent; house, unit and room numbers masked unless the role may see personal data.", FreeText: true),
        new("locatedBy", "COORDINATES or ADDRESS_GAZETTEER."),
        new("jurisdiction", "The code of the smallest jurisdiction containing it."),
        new("jurisdictionName", "That jurisdiction's name."),
        new("case", "The global id of the case it was linked into, if any."),
    ];

    public const int CommandTimeoutSeconds = 3600;

    /// <summary>How many needs the export would hold (counted before streaming, to refuse one over the limit up front).</summary>
    public async Task<long> CountAsync(NeedFilter? filter, CancellationToken cancellationToken)
    {
        var p = new SqlParameters();
        await using var command = dataSource.CreateCommand($"SELECT count(*) FROM needs n WHERE {filterSql.Where(scope.Restrict(filter), p)}");
        p.AddTo(command);
        command.CommandTimeout = CommandTimeoutSeconds;
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "The condition comes from NeedFilterSql, which puts every value in a parameter; the direction is one of two constants.")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000:Dispose objects before losing scope", Justification = "NeedRows owns the command (and its connection and reader) and disposes them; the catch disposes the connection on failure.")]
    public async Task<IExportRows> OpenAsync(NeedFilter? filter, NeedOrder order, CancellationToken cancellationToken)
    {
        var p = new SqlParameters();
        var where = filterSql.Where(scope.Restrict(filter), p);
        var direction = order == NeedOrder.ReceivedAtAsc ? "ASC" : "DESC";
        var sql = $"""
            SELECT n.id, n.external_id, n.channel_code, n.received_at, n.updated_at, n.text, n.category_code, n.category_confidence,
                   n.status, n.weight, ST_X(n.location), ST_Y(n.location), n.address, n.located_by, n.jurisdiction_code, l.case_id
            FROM needs n LEFT JOIN need_cases l ON l.need_id = n.id WHERE {where} ORDER BY n.received_at {direction}, n.id {direction}
            """;
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var command = new NpgsqlCommand(sql, connection) { CommandTimeout = CommandTimeoutSeconds };
            p.AddTo(command);
            var reader = await command.ExecuteReaderAsync(cancellationToken);
            return new NeedRows(connection, command, reader, scope, reference.Current, TimeZoneInfo.FindSystemTimeZoneById(clock.TimeZoneId));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class NeedRows(NpgsqlConnection connection, NpgsqlCommand command, NpgsqlDataReader reader, AccessScope scope,
        ReferenceSnapshot snapshot, TimeZoneInfo zone) : IExportRows
    {
        public IReadOnlyList<ExportColumn> Columns => NeedExportReader.Columns;

        public object?[] Current { get; } = new object?[NeedExportReader.Columns.Count];

        public long Read { get; private set; }

        public bool MoveNext() => reader.Read() && Project();

        public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken) => await reader.ReadAsync(cancellationToken) && Project();

        // Npgsql holds one row at a time in this (non-sequential) mode: the cursor streams, columns read in any order.
        private bool Project()
        {
            var id = reader.GetInt64(0);
            var category = reader.GetString(6);
            var jurisdiction = reader.GetString(14);
            var values = Current;
            values[0] = GlobalId.Encode(NeedGraphType.TypeName, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            values[1] = reader.GetString(1);
            values[2] = reader.GetString(2);
            values[3] = TimeZoneInfo.ConvertTime(reader.GetFieldValue<DateTimeOffset>(3), zone);
            values[4] = TimeZoneInfo.ConvertTime(reader.GetFieldValue<DateTimeOffset>(4), zone);
            values[5] = scope.Mask(reader.GetString(5));
            values[6] = category;
            values[7] = snapshot.FindCategory(category)?.Name;
            values[8] = reader.IsDBNull(7) ? null : reader.GetDouble(7);
            values[9] = ConstantCase(reader.GetString(8));
            values[10] = reader.GetDouble(9);
            values[11] = reader.GetDouble(10);
            values[12] = reader.GetDouble(11);
            values[13] = reader.IsDBNull(12) ? null : scope.Mask(reader.GetString(12));
            values[14] = ConstantCase(reader.GetString(13));
            values[15] = jurisdiction;
            values[16] = snapshot.FindJurisdiction(jurisdiction)?.Name;
            values[17] = reader.IsDBNull(15) ? null
                : GlobalId.Encode(Cases.CaseReader.TypeName, reader.GetInt64(15).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Read++;
            return true;
        }

        public async ValueTask DisposeAsync()
        {
            await reader.DisposeAsync();
            await command.DisposeAsync();
            await connection.DisposeAsync();
        }
    }

    /// <summary>Enum values as GraphQL spells them: InProgress → IN_PROGRESS.</summary>
    internal static string ConstantCase(string pascal) =>
        string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : char.ToUpperInvariant(c).ToString()));
}
