using System.Globalization;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using Npgsql;
using NpgsqlTypes;

namespace NeedsMap.Api.Open311;

/// <summary>The standard GET filters; <see cref="Ids"/> overrides the rest, as the specification says.</summary>
public sealed record Open311Query(IReadOnlyList<long>? Ids, IReadOnlyList<string>? ServiceCodes, DateTimeOffset? Start, DateTimeOffset? End,
    IReadOnlyList<NeedStatus>? Statuses);

/// <summary>
/// Needs as GeoReport service requests, through the same scope as every reader (<see cref="AccessScope.Restrict"/>, texts and
/// notes through <see cref="AccessScope.Mask"/>). Status and notes come from the whistle loop: <c>open</c> until a whistle
/// resolves the need, <c>status_notes</c> the latest status move's note (the whistle's title and what the department said),
/// <c>agency_responsible</c> the departments the latest whistle called, <c>expected_datetime</c> its deadline while it is open.
/// </summary>
public sealed class Open311RequestReader(NpgsqlDataSource dataSource, NeedFilterSql filterSql, AccessScope scope, ReferenceData reference,
    CityClock clock, TimeProvider time, IOptions<Open311Options> options)
{
    public static readonly IReadOnlyList<NeedStatus> Open = [NeedStatus.New, NeedStatus.Assigned, NeedStatus.InProgress, NeedStatus.Reopened];
    public static readonly IReadOnlyList<NeedStatus> Closed = [NeedStatus.Resolved, NeedStatus.Closed];

    public const string TokenPrefix = "o311-";

    private const string Columns = """
        SELECT n.id, n.status, n.category_code, n.text, n.received_at, n.updated_at, n.address, ST_Y(n.location), ST_X(n.location),
               h.note, w.due_at, w.status, w.departments
        FROM needs n
        LEFT JOIN LATERAL (
          SELECT h.note FROM need_history h WHERE h.need_id = n.id AND h.kind = 'status' AND h.note IS NOT NULL
          ORDER BY h.at DESC, h.id DESC LIMIT 1) h ON TRUE
        LEFT JOIN LATERAL (
          SELECT w.due_at, w.status,
                 (SELECT string_agg(d.name, '、' ORDER BY d.code) FROM whistle_departments wd JOIN departments d ON d.code = wd.department_code
                  WHERE wd.whistle_id = w.id) AS departments
          FROM whistle_needs wn JOIN whistles w ON w.id = wn.whistle_id WHERE wn.need_id = n.id
          ORDER BY w.blown_at DESC, w.id DESC LIMIT 1) w ON TRUE
        """;

    public async Task<IReadOnlyList<Open311Request>> ReadAsync(Open311Query query, CancellationToken cancellationToken)
    {
        var filter = query.Ids is not null ? null : new NeedFilter
        {
            CategoryIn = query.ServiceCodes,
            StatusIn = query.Statuses,
            ReceivedFrom = query.Start ?? (query.End is null ? time.GetUtcNow().AddDays(-options.Value.DefaultDays) : null),
            // W3C datetimes name whole seconds: an end_date includes its own second.
            ReceivedBefore = query.End?.AddSeconds(1),
        };
        var p = new SqlParameters();
        string where;
        try
        {
            where = filterSql.Where(scope.Restrict(filter), p);
        }
        catch (DomainException ex)
        {
            throw new Open311Exception(ex.Code == ErrorCodes.UnknownCategory ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, ex.Message);
        }
        if (query.Ids is { } ids)
        {
            where += $" AND n.id = ANY({p.Add(ids.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Bigint)})";
        }
        return await QueryAsync($"{Columns} WHERE {where} ORDER BY n.received_at DESC, n.id DESC LIMIT {options.Value.MaxRequests}", p, cancellationToken);
    }

    public async Task<Open311Request?> FindAsync(string serviceRequestId, CancellationToken cancellationToken) =>
        Graph.Relay.GlobalId.TryParseKey(serviceRequestId, out var id)
            ? (await ReadAsync(new Open311Query([id], null, null, null, null), cancellationToken)) is [var request, ..] ? request : null
            : null;

    /// <summary>
    /// The service_request_id behind a token POST handed out. The token is 128 random bits, known only to whoever submitted the
    /// request, so it needs no other credential; it reveals the id and nothing else.
    /// </summary>
    public async Task<string?> IdOfTokenAsync(string token, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT id FROM needs WHERE channel_code = ANY($1) AND external_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = options.Value.Channels.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = TokenPrefix + token });
        return await command.ExecuteScalarAsync(cancellationToken) is long id ? id.ToString(CultureInfo.InvariantCulture) : null;
    }

    private async Task<IReadOnlyList<Open311Request>> QueryAsync(string sql, SqlParameters p, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        p.AddTo(command);
        var snapshot = reference.Current;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(clock.TimeZoneId);
        var requests = new List<Open311Request>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var status = Enum.Parse<NeedStatus>(reader.GetString(1));
            var category = reader.GetString(2);
            var whistleOpen = !reader.IsDBNull(11) && reader.GetString(11) is not ("Resolved" or "Closed");
            requests.Add(new Open311Request(
                reader.GetInt64(0).ToString(CultureInfo.InvariantCulture),
                Closed.Contains(status) ? "closed" : "open",
                reader.IsDBNull(9) ? null : scope.Mask(reader.GetString(9)),
                snapshot.FindCategory(category)?.Name,
                category,
                scope.Mask(reader.GetString(3)),
                reader.IsDBNull(12) ? null : reader.GetString(12),
                null,
                W3c(reader.GetFieldValue<DateTimeOffset>(4), zone),
                W3c(reader.GetFieldValue<DateTimeOffset>(5), zone),
                whistleOpen && !reader.IsDBNull(10) ? W3c(reader.GetFieldValue<DateTimeOffset>(10), zone) : null,
                reader.IsDBNull(6) ? null : scope.Mask(reader.GetString(6)),
                null,
                null,
                reader.GetDouble(7),
                reader.GetDouble(8),
                null));
        }
        return requests;
    }

    public static string W3c(DateTimeOffset at, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
