namespace NeedsMap.Api.Data;

/// <summary>
/// Run by the <see cref="DatabaseInitializer"/> after every <see cref="IDatabaseSeed"/>, in registration order: caches that
/// read what the seeds stored (the reference snapshot) load here, before any other hosted service starts.
/// </summary>
public interface IDatabaseReady
{
    Task ReadyAsync(CancellationToken cancellationToken);
}
