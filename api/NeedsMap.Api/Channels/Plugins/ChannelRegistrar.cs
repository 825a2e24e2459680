using NeedsMap.Api.Reference;
using NeedsMap.Sdk;
using Npgsql;

namespace NeedsMap.Api.Channels.Plugins;

/// <summary>
/// Makes sure a loaded plugin's channel exists (a row in <c>channels</c>, in the reference data every server reads) before
/// anything is stored for it: the watcher registers new plugins' channels each scan, and a delivery that arrives between a
/// plugin's load and that registration registers its channel itself, rather than meeting an unknown channel. Each channel
/// is inserted on its own (<c>ON CONFLICT DO NOTHING</c>, so servers may race), so one the database refuses does not hold
/// back the others; the refusal is rethrown for the caller to log and retry.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable",
    Justification = "A SemaphoreSlim holds no handle until AvailableWaitHandle is read, which this code never does; it lives as long as its owner.")]
public sealed class ChannelRegistrar(NpgsqlDataSource dataSource, ReferenceData reference)
{
    private const string Insert = """
        INSERT INTO channels (code, name, name_en, weight, coordinate_system, enabled, accepted_count, rejected_count, revised_count, unchanged_count)
        VALUES (@code, @name, @code, @weight, @system, true, 0, 0, 0, 0)
        ON CONFLICT (code) DO NOTHING
        """;

    private readonly SemaphoreSlim _registering = new(1, 1);

    public Task EnsureRegisteredAsync(ChannelDescriptor descriptor, CancellationToken cancellationToken) =>
        reference.Current.FindChannel(descriptor.Code) is not null ? Task.CompletedTask : RegisterMissingAsync([descriptor], cancellationToken);

    public async Task RegisterMissingAsync(IEnumerable<ChannelDescriptor> descriptors, CancellationToken cancellationToken)
    {
        if (!descriptors.Any(d => reference.Current.FindChannel(d.Code) is null))
        {
            return;
        }
        await _registering.WaitAsync(cancellationToken);
        try
        {
            var refused = new List<Exception>();
            var missing = descriptors.Where(d => reference.Current.FindChannel(d.Code) is null).DistinctBy(d => d.Code).ToList();
            foreach (var d in missing)
            {
                try
                {
                    await using var command = dataSource.CreateCommand(Insert);
                    command.Parameters.AddWithValue("code", d.Code);
                    command.Parameters.AddWithValue("name", d.Name);
                    command.Parameters.AddWithValue("weight", d.Weight);
                    command.Parameters.AddWithValue("system", d.CoordinateSystem.ToString());
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }
                catch (PostgresException ex)
                {
                    refused.Add(ex);
                }
            }
            if (missing.Count > refused.Count)
            {
                await reference.ReloadAsync(cancellationToken);
            }
            if (refused.Count > 0)
            {
                throw new AggregateException($"The database refused {refused.Count} of {missing.Count} new channels.", refused);
            }
        }
        finally
        {
            _registering.Release();
        }
    }
}
