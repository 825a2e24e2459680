using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Events;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using Npgsql;

namespace NeedsMap.Api.Classification;

/// <summary>
/// A person's label: corrects the need's category (the confidence and classifier version go, since no classifier
/// speaks for it any more), keeps the label with who and when for the next training, writes the need's history, keeps
/// derived tables right through the write hooks and announces the change, all in one transaction.
/// </summary>
public sealed class NeedLabeler(NeedsMapDbContext db, AccessScope scope, ReferenceData reference, IEnumerable<INeedWriteHook> hooks, TimeProvider clock,
    ActiveClassifier classifier)
{
    public async Task<Need> LabelAsync(string id, string categoryCode, CancellationToken cancellationToken)
    {
        if (!GlobalId.TryDecodeLong(id, NeedGraphType.TypeName, out var needId))
        {
            throw new DomainException(ErrorCodes.InvalidId, "Not a need id.");
        }

        var snapshot = reference.Current;
        if (snapshot.FindCategory(categoryCode) is null)
        {
            throw new DomainException(ErrorCodes.UnknownCategory, $"No category has the code \"{categoryCode}\".");
        }

        // A label trains the next model: a leaf always can; a category with sub-categories only when the model in use
        // predicts at that level (a city that trained on its own top-level labels).
        if (snapshot.ChildCategoriesOf(categoryCode).Any() && classifier.Current.Model?.Labels.Contains(categoryCode) != true)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"\"{categoryCode}\" has sub-categories: label with one of them (or with a label the classifier in use predicts), so the label can train the classifier.");
        }

        var need = await db.Needs.FirstOrDefaultAsync(n => n.Id == needId, cancellationToken)
            ?? throw new DomainException(ErrorCodes.NotFound, "No need has this id.");
        EnsureInScope(need);

        var before = NeedFacts.Of(need);
        var now = clock.GetUtcNow();
        db.Set<NeedLabel>().Add(new NeedLabel
        {
            NeedId = need.Id,
            CategoryCode = categoryCode,
            PreviousCategoryCode = need.CategoryCode,
            PreviousConfidence = need.CategoryConfidence,
            PreviousClassifierVersion = need.ClassifierVersion,
            LabelledBy = scope.Actor,
            LabelledAt = now,
        });
        db.NeedHistory.Add(new NeedHistoryEntry
        {
            NeedId = need.Id,
            At = now,
            Actor = scope.Actor,
            Kind = "labelled",
            Note = $"{need.CategoryCode} → {categoryCode}",
        });
        need.CategoryCode = categoryCode;
        need.CategoryConfidence = null;
        need.ClassifierVersion = null;
        need.UpdatedAt = now;

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var change = new StoredNeedChange(need.Id, before, NeedFacts.Of(need), need.JurisdictionCode, need.JurisdictionPath);
        foreach (var hook in hooks)
        {
            await hook.OnStoredAsync(connection, [change], cancellationToken);
        }

        await NeedNotifications.NotifyAsync(connection, NeedChangeKind.Updated, need.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return need;
    }

    /// <summary>Reviewers label within their jurisdiction; a need elsewhere is refused, not hidden, as every write outside scope is.</summary>
    private void EnsureInScope(Need need)
    {
        var allowed = !scope.IsEstablished || scope.Right.Scope switch
        {
            DataScope.City => true,
            DataScope.Subtree => scope.JurisdictionPath is { } own && need.JurisdictionPath.StartsWith(own, StringComparison.Ordinal),
            _ => false,
        };
        if (!allowed)
        {
            throw new DomainException(ErrorCodes.Forbidden, "This need lies outside what you may label.");
        }
    }
}
