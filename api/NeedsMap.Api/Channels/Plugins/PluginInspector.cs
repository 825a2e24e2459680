using McMaster.NETCore.Plugins;
using NeedsMap.Sdk;

namespace NeedsMap.Api.Channels.Plugins;

/// <summary>
/// Loads one plugin folder and checks what it declares before the host uses any of it: every descriptor within the SDK's
/// <see cref="DescriptorLimits"/>, no channel code twice (in the plugin or already served by another), and status words
/// read once. Any problem, or any exception the plugin's code throws while this runs, fails the whole plugin with the
/// reason; the host then loads nothing of it.
/// </summary>
internal static class PluginInspector
{
    private static readonly Type[] SharedTypes = [typeof(IChannelAdapter), typeof(Microsoft.Extensions.Logging.ILogger)];

    /// <summary>The longest a status word may be; the host shows it as it is.</summary>
    public const int MaxStatusWordLength = 64;

    public sealed class PluginRefused(string reason) : Exception(reason);

    /// <param name="servedElsewhere">Channel codes other loaded plugins serve, with the plugin serving each.</param>
    public static ChannelPlugin Inspect(string name, string dll, DateTime stamp, IReadOnlyDictionary<string, string> servedElsewhere)
    {
        var loader = PluginLoader.CreateFromAssemblyFile(dll, sharedTypes: SharedTypes, config => config.PreferSharedTypes = true);
        try
        {
            var adapters = loader.LoadDefaultAssembly().GetTypes()
                .Where(t => typeof(IChannelAdapter).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false }
                    && t.GetConstructor(Type.EmptyTypes) is not null)
                .Select(t => (IChannelAdapter)Activator.CreateInstance(t)!)
                .ToList();
            if (adapters.Count == 0)
            {
                throw new PluginRefused("it holds no public IChannelAdapter with a parameterless constructor");
            }
            var descriptors = adapters.Select(a => a.Descriptor).ToList();
            var problems = new List<string>();
            foreach (var descriptor in descriptors)
            {
                problems.AddRange(DescriptorLimits.Check(descriptor).Select(p => $"{Label(descriptor)}: {p}"));
            }
            foreach (var code in descriptors.Select(d => d?.Code).OfType<string>().GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add($"the channel code '{code.Key}' is declared by {code.Count()} adapters");
            }
            foreach (var descriptor in descriptors.OfType<ChannelDescriptor>().Where(d => servedElsewhere.ContainsKey(d.Code)))
            {
                problems.Add($"the channel '{descriptor.Code}' is already served by the plugin {servedElsewhere[descriptor.Code]}");
            }
            if (problems.Count > 0)
            {
                throw new PluginRefused(string.Join("; ", problems));
            }
            return new ChannelPlugin(name, dll, PluginState.Loaded, DateTimeOffset.UtcNow, stamp, adapters, null)
            {
                Loader = loader,
                Descriptors = descriptors!,
                ChannelStatuses = StatusWords(adapters, descriptors!),
            };
        }
        catch
        {
            loader.Dispose();
            throw;
        }
    }

    private static Dictionary<string, IReadOnlyDictionary<RecordStatus, string>> StatusWords(List<IChannelAdapter> adapters, List<ChannelDescriptor> descriptors)
    {
        var words = new Dictionary<string, IReadOnlyDictionary<RecordStatus, string>>(StringComparer.Ordinal);
        for (var i = 0; i < adapters.Count; i++)
        {
            if (adapters[i] is not IChannelStatusMap map)
            {
                continue;
            }
            var byStatus = new Dictionary<RecordStatus, string>();
            foreach (var status in Enum.GetValues<RecordStatus>())
            {
                var word = map.ToChannelStatus(status);
                if (string.IsNullOrWhiteSpace(word) || word.Length > MaxStatusWordLength)
                {
                    throw new PluginRefused($"{Label(descriptors[i])}: ToChannelStatus({status}) is empty or over {MaxStatusWordLength} characters");
                }
                byStatus[status] = word;
            }
            words[descriptors[i].Code] = byStatus;
        }
        return words;
    }

    private static string Label(ChannelDescriptor? descriptor) =>
        descriptor?.Code is { } code ? $"channel '{(code.Length > 48 ? code[..48] + "…" : code)}'" : "an adapter";
}
