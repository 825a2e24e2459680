using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.KeyMatters.Rollups;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Sdk.Geo;
using Npgsql;

namespace NeedsMap.Api.Divisions;

/// <summary>What to import: the table (CSV text or XLSX bytes), the boundaries (GeoJSON text), their datum, the tolerance.</summary>
public sealed record DivisionSource(string? Csv, byte[]? Xlsx, string? BoundariesGeoJson, CoordinateSystem CoordinateSystem, double Tolerance)
{
    /// <summary>Boundaries already read (a Shapefile from the command line); wins over <see cref="BoundariesGeoJson"/>.</summary>
    public DivisionBoundaryFile.Result? Boundaries { get; init; }
}

/// <summary>What an import did, or would do on a dry run: the plan's report and, when applied, what followed.</summary>
public sealed record DivisionImportResult(DivisionPlan Plan, bool Applied, long RelocatedNeeds, long UnplacedNeeds, TimeSpan Elapsed);

/// <summary>
/// Imports a city's divisions: reads and validates everything first (<see cref="DivisionPlanner"/>); on a dry run or any
/// error nothing is written. Otherwise, in one transaction, divisions are added or updated in place (codes never change,
/// so whistles, consultations and labels keep pointing at them), paths follow moves, and every need is placed again in
/// the deepest division that covers its point — each one that moves gets a <c>relocated</c> history entry — then the
/// cell and key-matter rollups are rebuilt from the needs, the reference snapshot reloaded, and the import audited.
/// </summary>
public sealed class DivisionImport(NeedsMapDbContext db, CellRollupRebuilder cells, KeyMatterRebuilder keyMatters,
    ReferenceData reference, AccessScope scope, TimeProvider time, ILogger<DivisionImport> logger)
{
    public const int MaxCsvCharacters = 32 * 1024 * 1024;

    public async Task<DivisionImportResult> ImportAsync(DivisionSource source, bool dryRun, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        if (source.Tolerance is < 0 or > 0.5 || !double.IsFinite(source.Tolerance))
        {
            throw new DomainException(ErrorCodes.InvalidInput, "tolerance is a share of area between 0 and 0.5.");
        }
        var (rows, rowIssues) = source switch
        {
            { Xlsx: { } bytes } => DivisionTable.ReadXlsx(new MemoryStream(bytes, writable: false)),
            { Csv: { Length: <= MaxCsvCharacters } csv } => DivisionTable.ReadCsv(csv),
            { Csv: not null } => throw new DomainException(ErrorCodes.InvalidInput, $"The divisions table takes at most {MaxCsvCharacters} characters."),
            _ => throw new DomainException(ErrorCodes.InvalidInput, "A divisions table (CSV or XLSX) is required."),
        };
        var boundaries = source.Boundaries
            ?? (string.IsNullOrWhiteSpace(source.BoundariesGeoJson) ? new DivisionBoundaryFile.Result(new(StringComparer.Ordinal), [])
                : DivisionBoundaryFile.ReadGeoJson(source.BoundariesGeoJson, source.CoordinateSystem));
        var existing = await db.Jurisdictions.AsNoTracking().ToListAsync(cancellationToken);
        var plan = DivisionPlanner.Plan(rows, boundaries.Boundaries, existing, source.Tolerance, rowIssues.Concat(boundaries.Issues));
        if (dryRun || plan.HasErrors)
        {
            return new DivisionImportResult(plan, false, 0, 0, started.Elapsed);
        }
        var (relocated, unplaced) = await WriteAsync(plan, existing, cancellationToken);
        // The rollups are derived from the needs' places: rebuilt whole, as after a bulk load (Demo/Seeding/DemoCityLoader).
        await cells.RebuildAsync(cancellationToken);
        await keyMatters.RebuildAsync(cancellationToken);
        await reference.ReloadAsync(cancellationToken);
        logger.LogInformation("Divisions imported by {Actor}: {Added} added, {Updated} updated, {Relocated} needs relocated",
            scope.Actor, plan.Count(DivisionChange.Added), plan.Count(DivisionChange.Updated), relocated);
        return new DivisionImportResult(plan, true, relocated, unplaced, started.Elapsed);
    }

    private async Task<(long Relocated, long Unplaced)> WriteAsync(DivisionPlan plan, List<Jurisdiction> existing, CancellationToken cancellationToken)
    {
        var storedPaths = existing.ToDictionary(j => j.Code, j => j.Path, StringComparer.Ordinal);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var d in plan.Divisions.Where(d => d.Change == DivisionChange.Added))
        {
            db.Jurisdictions.Add(new Jurisdiction
            {
                Code = d.Code, Name = d.Name, OfficialName = d.OfficialName, ParentCode = d.ParentCode, Kind = d.Kind, Level = d.Level,
                Path = d.Path, Boundary = d.Boundary, InteriorPoint = d.InteriorPoint, BoundarySource = d.BoundarySource,
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var d in plan.Divisions.Where(d => d.Change == DivisionChange.Updated))
        {
            await db.Jurisdictions.Where(j => j.Code == d.Code).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Name, d.Name).SetProperty(j => j.OfficialName, d.OfficialName).SetProperty(j => j.Kind, d.Kind)
                .SetProperty(j => j.ParentCode, d.ParentCode).SetProperty(j => j.Boundary, d.Boundary)
                .SetProperty(j => j.InteriorPoint, d.InteriorPoint).SetProperty(j => j.BoundarySource, d.BoundarySource), cancellationToken);
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await Data.StatementTimeout.LiftAsync(connection, cancellationToken);
        // A moved division takes its stored subtree along: every path under its old one is rewritten.
        foreach (var d in plan.Divisions.Where(d => d.Moved))
        {
            await ExecuteAsync(connection, """
                UPDATE jurisdictions SET path = @to || substr(path, length(@from) + 1) WHERE path LIKE @from || '%';
                UPDATE cases SET jurisdiction_path = @to || substr(jurisdiction_path, length(@from) + 1) WHERE jurisdiction_path LIKE @from || '%';
                UPDATE demand_warnings SET jurisdiction_path = @to || substr(jurisdiction_path, length(@from) + 1) WHERE jurisdiction_path LIKE @from || '%';
                """, cancellationToken, ("from", storedPaths[d.Code]), ("to", d.Path));
        }
        var relocated = await ScalarAsync(connection, """
            CREATE TEMP TABLE relocations ON COMMIT DROP AS
              SELECT n.id, n.jurisdiction_code AS old_code, p.code, p.path
              FROM needs n CROSS JOIN LATERAL (
                SELECT j.code, j.path FROM jurisdictions j WHERE ST_Covers(j.boundary, n.location) ORDER BY j.level DESC LIMIT 1) p
              WHERE n.jurisdiction_code IS DISTINCT FROM p.code OR n.jurisdiction_path IS DISTINCT FROM p.path;
            UPDATE needs n SET jurisdiction_code = r.code, jurisdiction_path = r.path FROM relocations r WHERE n.id = r.id;
            INSERT INTO need_history (need_id, at, actor, kind, note)
              SELECT id, @now, @actor, 'relocated', 'divisions re-imported: ' || old_code || ' -> ' || code FROM relocations
              WHERE old_code IS DISTINCT FROM code;
            SELECT count(*) FROM relocations WHERE old_code IS DISTINCT FROM code;
            """, cancellationToken, ("now", time.GetUtcNow()), ("actor", scope.Actor));
        // A need no division covers any more (the outline shrank) keeps its division; its path follows a move.
        var unplaced = await ScalarAsync(connection, """
            UPDATE needs n SET jurisdiction_path = j.path FROM jurisdictions j
              WHERE j.code = n.jurisdiction_code AND n.jurisdiction_path <> j.path;
            SELECT count(*) FROM needs n WHERE NOT EXISTS (SELECT 1 FROM jurisdictions j WHERE ST_Covers(j.boundary, n.location));
            """, cancellationToken);
        await ExecuteAsync(connection, """
            INSERT INTO audit_log (at, actor, role, fields, action) VALUES (@now, @actor, @role, @fields, 'division_import');
            """, cancellationToken, ("now", time.GetUtcNow()), ("actor", scope.Actor), ("role", scope.IsEstablished ? scope.Right.Role : "cli"),
            ("fields", $"added={plan.Count(DivisionChange.Added)},updated={plan.Count(DivisionChange.Updated)},moved={plan.Divisions.Count(d => d.Moved)},"
                + $"reshaped={plan.Divisions.Count(d => d.Reshaped)},generated={plan.Generated},relocated={relocated}"));
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return (relocated, unplaced);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Called only with this class's constant SQL; every value is a parameter.")]
    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities", Justification = "Called only with this class's constant SQL; every value is a parameter.")]
    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
