using GraphQL;
using GraphQL.Types;
using NeedsMap.Api.Common.Events;
using NeedsMap.Api.Graph;
using NeedsMap.Api.KeyMatters.Events;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.KeyMatters.Graph;

/// <summary>What a subscriber hears: its jurisdiction's key matters changed; refetch keyMatters.</summary>
public sealed record KeyMattersChanged(string JurisdictionCode, IReadOnlyList<string> ChangedJurisdictionCodes, DateTimeOffset At);

public sealed class KeyMattersChangedGraphType : ObjectGraphType<KeyMattersChanged>
{
    public KeyMattersChangedGraphType()
    {
        Name = "KeyMattersChanged";
        Description = "The key matters of a jurisdiction changed (关键小事有变化): refetch keyMatters. Changes within a second come as one event.";
        Field(e => e.JurisdictionCode).Description("The jurisdiction subscribed to (or the part of it the caller may see).");
        Field(e => e.ChangedJurisdictionCodes).Description("The jurisdictions whose needs changed, within the one subscribed to; the city's code after a rebuild. "
            + "Without a token: the jurisdiction subscribed to only.");
        Field(e => e.At).Description("When this server sent the event.");
    }
}

internal sealed class KeyMatterSubscriptions : ISubscriptionFields
{
    public void AddTo(ObjectGraphType subscription) =>
        subscription.Field<NonNullGraphType<KeyMattersChangedGraphType>, KeyMattersChanged>("keyMattersChanged")
            .Description("Tells when a jurisdiction's key matters change, from every server on the database, at most once a second "
                + "(NeedsMap:KeyMatters:DebounceMilliseconds). Scoped like keyMatters: a street's officer hears of their street only; "
                + "a jurisdiction outside the caller's view, and callers who see only their own needs (use needChanged), are refused: FORBIDDEN. "
                + "Without a token: when the public's key matters of the jurisdiction read differently (the default window and top, either category level). 关键小事变化订阅。")
            .Argument<StringGraphType>("jurisdictionCode", a => a.Description = "The city when omitted.")
            .ResolveStream(ctx =>
            {
                var snapshot = ctx.Service<ReferenceData>().Current;
                var requested = KeyMatterReader.Jurisdiction(snapshot, ctx.GetArgument<string?>("jurisdictionCode"));
                // Decided now, from the caller's scope; each event is then checked against what was decided.
                var scope = ctx.Service<AccessScope>();
                scope.EnsureMayWatchAggregates(requested.Path);
                var source = KeyMatterSource.Resolve(scope, requested, snapshot);
                if (source is not KeyMatterSource.Rollup)
                {
                    throw new DomainException(ErrorCodes.Forbidden, "Your key matters are your own needs: subscribe to needChanged instead.");
                }
                var shown = ((KeyMatterSource.Rollup)source).Jurisdiction;
                // The public hears when its key matters read differently, not which community a need arrived in (PublicKeyMattersFeed).
                IObservable<KeyMattersChange> changes = scope.IsPublic
                    ? ctx.Service<PublicKeyMattersFeed>().Following(shown.Code, ctx.Service<PublicKeyMattersChangeHub>())
                    : ctx.Service<KeyMattersChangeHub>();
                return changes
                    .Where(change => change.Paths.Any(source.Overlaps))
                    .Select(change => new KeyMattersChanged(shown.Code,
                        [.. change.Paths.Where(source.Overlaps).Select(p => p.TrimEnd('.').Split('.')[^1]).Distinct(StringComparer.Ordinal)], change.At));
            });
}
