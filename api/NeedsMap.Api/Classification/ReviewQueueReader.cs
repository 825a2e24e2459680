using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Data;
using NeedsMap.Api.Data.Sql;
using NeedsMap.Api.Filtering;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NpgsqlTypes;

namespace NeedsMap.Api.Classification;

/// <summary>
/// Needs the classifier placed with less than <see cref="ClassifierSettings.ReviewThreshold"/> confidence and no person
/// has labelled yet, least confident first (ties oldest first), in the caller's scope: the needs the model is least sure
/// of teach the next training most (uncertainty sampling). The threshold applies when reading, so changing it re-sorts
/// the queue without touching a need. The cursor carries the last item's confidence and id.
/// </summary>
public sealed class ReviewQueueReader(NeedsMapDbContext db, NeedFilterSql filterSql, AccessScope scope, ReferenceData reference,
    ActiveClassifier classifier, IOptions<ClassifierSettings> settings)
{
    private const string CursorPrefix = "review:";

    public async Task<Connection<ReviewItem>> PageAsync(string jurisdictionCode, int? first, string? after, CancellationToken cancellationToken)
    {
        if (reference.Current.FindJurisdiction(jurisdictionCode) is null)
        {
            throw new DomainException(ErrorCodes.UnknownJurisdiction, $"No jurisdiction has the code \"{jurisdictionCode}\".");
        }

        var page = PageRequest.From(first, after, null, null, scope.MaxPageSize);
        var parameters = new SqlParameters();
        var where = Where(jurisdictionCode, parameters);
        if (after is not null)
        {
            var (confidence, id) = DecodeCursor(after);
            where += $" AND (n.category_confidence, n.id) > ({parameters.Add(confidence, NpgsqlDbType.Double)}, {parameters.Add(id, NpgsqlDbType.Bigint)})";
        }

        var sql = $"SELECT n.* FROM needs n WHERE {where} ORDER BY n.category_confidence, n.id LIMIT {page.Size + 1}";
        var rows = await db.Needs.FromSqlRaw(sql, [.. parameters.All]).AsNoTracking().ToListAsync(cancellationToken);
        var hasMore = rows.Count > page.Size;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        var current = classifier.Current;
        var edges = rows.Select(n =>
        {
            var result = current.Classify(n.Text);
            IReadOnlyList<CategoryScoreView> suggestions = [new(result.CategoryCode, result.Confidence), .. result.Alternatives.Select(a => new CategoryScoreView(a.CategoryCode, a.Score))];
            return new Edge<ReviewItem>(EncodeCursor(n.CategoryConfidence ?? 0, n.Id), new ReviewItem(n, suggestions));
        }).ToList();
        var info = new PageInfo(hasMore, false, edges.FirstOrDefault()?.Cursor, edges.LastOrDefault()?.Cursor);
        return new Connection<ReviewItem>(edges, info, ct => CountAsync(jurisdictionCode, ct));
    }

    private async Task<int> CountAsync(string jurisdictionCode, CancellationToken cancellationToken)
    {
        var parameters = new SqlParameters();
        var sql = $"SELECT n.* FROM needs n WHERE {Where(jurisdictionCode, parameters)}";
        return await db.Needs.FromSqlRaw(sql, [.. parameters.All]).CountAsync(cancellationToken);
    }

    private string Where(string jurisdictionCode, SqlParameters parameters)
    {
        var inScope = filterSql.Where(scope.Restrict(new NeedFilter { JurisdictionIn = [jurisdictionCode] }), parameters);
        var threshold = parameters.Add(settings.Value.ReviewThreshold, NpgsqlDbType.Double);
        return $"{inScope} AND n.classifier_version IS NOT NULL AND n.category_confidence < {threshold} " +
               "AND NOT EXISTS (SELECT 1 FROM need_labels l WHERE l.need_id = n.id)";
    }

    private static string EncodeCursor(double confidence, long id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(CursorPrefix + confidence.ToString("R", CultureInfo.InvariantCulture) + ":" + id.ToString(CultureInfo.InvariantCulture)));

    private static (double Confidence, long Id) DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            var colon = text.LastIndexOf(':');
            if (text.StartsWith(CursorPrefix, StringComparison.Ordinal) && colon > CursorPrefix.Length
                && double.TryParse(text.AsSpan(CursorPrefix.Length, colon - CursorPrefix.Length), NumberStyles.Float, CultureInfo.InvariantCulture, out var confidence)
                && double.IsFinite(confidence)
                && long.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                return (confidence, id);
            }
        }
        catch (FormatException)
        {
        }

        throw new DomainException(ErrorCodes.InvalidCursor, "This cursor was not issued by the review queue.");
    }
}
