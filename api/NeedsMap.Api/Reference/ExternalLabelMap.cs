using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;

namespace NeedsMap.Api.Reference;

/// <summary>
/// The city's table of external labels in memory, for ingestion: a record that carries its channel's own classification
/// (<c>城乡建设/噪声污染</c>) and no category gets the category the city mapped it to. The whole path is looked up first, then
/// each level from the most specific (噪声污染) to the top (城乡建设); the channel's own mapping before the one for every
/// channel. A category merged away resolves to the one that took it; a retired one to nothing.
/// </summary>
public sealed class ExternalLabelMap(IServiceScopeFactory scopes, ReferenceData reference)
{
    private volatile Dictionary<(string Source, string Label), string> _labels = [];

    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NeedsMapDbContext>();
        _labels = await db.Set<ExternalLabel>().AsNoTracking().ToDictionaryAsync(l => (l.Source, l.Label), l => l.CategoryCode, cancellationToken);
    }

    /// <summary>Full-width slashes, '>' and '-' between levels become '/', spaces around them go.</summary>
    public static string Normalize(string label) =>
        string.Join('/', label.Replace('／', '/').Replace('>', '/').Replace('＞', '/').Split('/', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    public string? Resolve(string channel, string? label)
    {
        if (string.IsNullOrWhiteSpace(label) || _labels.Count == 0)
        {
            return null;
        }
        var path = Normalize(label);
        var levels = path.Split('/');
        foreach (var candidate in new[] { path }.Concat(levels.Reverse()))
        {
            foreach (var source in new[] { channel, ExternalLabel.AnySource })
            {
                if (_labels.TryGetValue((source, candidate), out var code) && Live(code) is { } live)
                {
                    return live;
                }
            }
        }
        return null;
    }

    private string? Live(string code)
    {
        var snapshot = reference.Current;
        for (var hops = 0; hops < 16; hops++)
        {
            var category = snapshot.FindCategory(code);
            if (category is null || (category.RetiredAt is not null && category.MergedInto is null))
            {
                return null;
            }
            if (category.MergedInto is not { } next)
            {
                return code;
            }
            code = next;
        }
        return null;
    }
}
