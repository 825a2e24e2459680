using System.Collections.ObjectModel;
using Microsoft.Extensions.Logging;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Sdk;

/// <summary>What the host lends an adapter for one call.</summary>
public interface IChannelContext
{
    /// <summary>Where the adapter logs. Never log personal data: log external ids and reason codes.</summary>
    ILogger Logger { get; }

    /// <summary>The host's clock; use it instead of <see cref="DateTimeOffset.UtcNow"/> so tests can fix time.</summary>
    TimeProvider Clock { get; }

    /// <summary>Cancelled when the host is shutting down or gives up on the call.</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>Hashes reporters' identities with the host's secret salt.</summary>
    PersonalData PersonalData { get; }

    /// <summary>
    /// What the operator configured for this channel, by name (an endpoint to pull from, a page size); empty when
    /// nothing is. Secrets do not belong here: the host may show settings to operators.
    /// </summary>
    IReadOnlyDictionary<string, string> Settings => ReadOnlyDictionary<string, string>.Empty;
}
