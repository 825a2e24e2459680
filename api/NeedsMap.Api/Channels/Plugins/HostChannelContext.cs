using NeedsMap.Sdk;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Api.Channels.Plugins;

internal sealed class HostChannelContext(ILogger logger, TimeProvider clock, PersonalData personalData, IReadOnlyDictionary<string, string> settings,
    CancellationToken cancellationToken)
    : IChannelContext
{
    public ILogger Logger => logger;
    public TimeProvider Clock => clock;
    public CancellationToken CancellationToken => cancellationToken;
    public PersonalData PersonalData => personalData;
    public IReadOnlyDictionary<string, string> Settings => settings;
}
