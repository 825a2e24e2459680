using NeedsMap.Api.Data;

namespace NeedsMap.Api.Reference;

/// <summary>At start, after every seed: the reference snapshot and the external label table read what was stored.</summary>
internal sealed class ReferenceReady(ReferenceData reference, IServiceScopeFactory scopes) : IDatabaseReady
{
    public async Task ReadyAsync(CancellationToken cancellationToken)
    {
        await reference.ReloadAsync(cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ExternalLabelMap>().ReloadAsync(cancellationToken);
    }
}
