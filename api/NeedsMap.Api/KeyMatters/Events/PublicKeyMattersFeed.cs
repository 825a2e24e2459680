using System.Text.Json;
using NeedsMap.Api.Common.Events;
using NeedsMap.Api.Needs.Stats;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Weather.Rollups;

namespace NeedsMap.Api.KeyMatters.Events;

/// <summary>The key-matter events the public hears (<see cref="PublicKeyMattersFeed"/>): each names the jurisdiction subscribed to only.</summary>
public sealed class PublicKeyMattersChangeHub : Hub<KeyMattersChange>;

/// <summary>
/// keyMattersChanged for the public, by <see cref="PublicViewFeed{TKey, TItem}"/>: a jurisdiction when its public key matters
/// read differently, and without the communities whose needs changed (those name where each need arrived). The key matters
/// compared are the default question at both category levels: the last <see cref="CellQueryDefaults.WindowDays"/> days up to
/// today, the top <see cref="KeyMatterReader.DefaultTop"/>, under the small-group rule.
/// </summary>
public sealed class PublicKeyMattersFeed(KeyMattersChangeHub changes, PublicKeyMattersChangeHub hub, IServiceScopeFactory scopes, ReferenceData reference,
    CityDays days, TimeProvider time, IConfiguration configuration, ILogger<PublicKeyMattersFeed> logger)
    : PublicViewFeed<string, string>(scopes, reference, configuration, logger)
{
    protected override DateOnly Today => days.Today;

    protected override IDisposable HearRawChanges() => changes.Subscribe(Heard);

    protected override async Task<IReadOnlyDictionary<string, string>> ReadAsync(IServiceProvider services, string jurisdictionCode,
        CancellationToken cancellationToken)
    {
        var reader = services.GetRequiredService<KeyMatterReader>();
        var window = new CellWindow(Today, CellQueryDefaults.WindowDays);
        var leaves = await reader.ReadAsync(jurisdictionCode, window, KeyMatterReader.DefaultTop, CategoryLevel.Leaf, null, cancellationToken);
        var tops = await reader.ReadAsync(jurisdictionCode, window, KeyMatterReader.DefaultTop, CategoryLevel.Top, null, cancellationToken);
        return new Dictionary<string, string>(StringComparer.Ordinal) { [jurisdictionCode] = JsonSerializer.Serialize(new[] { leaves, tops }) };
    }

    protected override void Publish(string jurisdictionCode, string item, string? now, string? before)
    {
        if (Reference.Current.FindJurisdiction(jurisdictionCode) is { } jurisdiction)
        {
            hub.Publish(new KeyMattersChange([jurisdiction.Path], time.GetUtcNow()));
        }
    }

    private void Heard(KeyMattersChange change)
    {
        var snapshot = Reference.Current;
        Changed(Watched.Where(code => snapshot.FindJurisdiction(code) is { } j
            && change.Paths.Any(path => KeyMatterSource.PathsOverlap(j.Path, path))));
    }
}
