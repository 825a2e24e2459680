using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Api.Open311;

namespace NeedsMap.Api.Demo;

/// <summary>
/// In demo mode, once the server listens: where to go (the map, GraphiQL), a sign-in link per persona for both, and one
/// ready <c>curl</c> line that pushes a shipped plugin's sample to its inbox with the channel's key. Written to standard
/// output, not the log, because it is for the person who just typed <c>scripts/run</c>.
/// </summary>
internal sealed class DemoBanner(IHostApplicationLifetime lifetime, IServer server, IOptions<DemoOptions> options, ChannelPluginCatalog plugins,
    IConfiguration configuration, IHostEnvironment environment, Reference.ReferenceData reference, IOptions<Open311Options> open311) : IHostedService
{
    /// <summary>The channel the printed curl line pushes to, when its plugin is deployed; else the first loaded one.</summary>
    public const string SampleChannel = "12345";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            lifetime.ApplicationStarted.Register(() => _ = PrintAsync(Console.Out));
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task PrintAsync(TextWriter output)
    {
        await plugins.ScanAsync(lifetime.ApplicationStopping);
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault() ?? "http://127.0.0.1:5080";
        await output.WriteAsync(Text(address, addresses.Any(a => !IsLoopback(a))));
        await output.FlushAsync();
    }

    internal string Text(string address, bool reachableFromOutside)
    {
        var site = Browsable(address);
        var lines = new List<string>
        {
            "",
            $"NeedsMap serves the demo city{CityName()} ({environment.EnvironmentName}, demo mode):",
            $"  the map      {site}/map",
            $"  GraphiQL     {site}/graphql",
            "  sign in as a persona (map, then GraphiQL):",
        };
        // The personas of the city that was loaded (Yiwu's, or those of a county started with scripts/run --city).
        var personas = CityPersonas.For(reference.Current);
        var width = personas.Max(p => p.Id.Length);
        lines.AddRange(personas.Select(p =>
            $"    {p.Id.PadRight(width)}  {site}/map?persona={p.Id}   {site}/graphql?persona={p.Id}   {p.Label} · {p.LabelEn}"));
        if (SampleLine(site) is { } curl)
        {
            lines.Add("  push a channel's native sample to its inbox:");
            lines.Add("    " + curl);
        }
        else
        {
            lines.Add($"  no channel plugin with samples is deployed in {plugins.Root}: scripts/run deploys the shipped ones.");
        }
        // The shipped samples lie in Yiwu; on another county this line gives a newcomer a need that lands in the loaded city.
        if (Open311Line(site) is { } open311Curl)
        {
            lines.Add($"  or submit a need located in{CityName()} through Open311 (the classifier picks its category):");
            lines.Add("    " + open311Curl);
        }
        lines.Add("  run the tests: scripts/test");
        if (reachableFromOutside)
        {
            lines.Add($"  WARNING: demo sign-in lets anyone who reaches {address} act as any persona, the city administrator included.");
        }
        lines.Add("");
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    private string CityName() =>
        reference.Current.Jurisdictions.FirstOrDefault(j => j.Level == NeedsMap.Api.Reference.JurisdictionLevel.City) is { } city ? $" {city.Name}" : "";

    /// <summary>The curl line for a deployed plugin's first valid sample and its channel's configured key.</summary>
    private string? SampleLine(string site)
    {
        var candidates = plugins.Plugins.Where(p => p.State == PluginState.Loaded)
            .SelectMany(p => p.Adapters.Select(a => (Plugin: p, a.Descriptor)))
            .OrderBy(c => c.Descriptor.Code == SampleChannel ? 0 : 1).ThenBy(c => c.Descriptor.Code, StringComparer.Ordinal);
        foreach (var (plugin, descriptor) in candidates)
        {
            var samples = Path.Combine(Path.GetDirectoryName(plugin.AssemblyPath)!, "Samples", "valid");
            var key = configuration[$"NeedsMap:Channels:Keys:{descriptor.Code}"];
            if (Directory.Exists(samples) && Directory.GetFiles(samples).Order(StringComparer.Ordinal).FirstOrDefault() is { } sample && !string.IsNullOrEmpty(key))
            {
                return $"curl -sS -X POST '{site}/channels/{descriptor.Code}/inbox' -H 'X-Channel-Key: {key}' "
                    + $"-H 'Content-Type: {descriptor.NativeFormat}' --data-binary '@{sample}'";
            }
        }
        return null;
    }

    /// <summary>
    /// An Open311 POST with the first Open311 channel's key, placed at the interior point of the loaded city's first
    /// community (by code), so it is located and counted whichever county <c>scripts/run --city</c> loaded.
    /// </summary>
    private string? Open311Line(string site)
    {
        var key = open311.Value.Channels.Select(c => configuration[$"NeedsMap:Channels:Keys:{c}"]).FirstOrDefault(k => !string.IsNullOrEmpty(k));
        var community = reference.Current.Jurisdictions.Where(j => j.Level == NeedsMap.Api.Reference.JurisdictionLevel.Community)
            .OrderBy(j => j.Code, StringComparer.Ordinal).FirstOrDefault();
        if (key is null || community is null)
        {
            return null;
        }
        var (lat, lon) = (community.InteriorLatitude.ToString("0.000000", CultureInfo.InvariantCulture),
            community.InteriorLongitude.ToString("0.000000", CultureInfo.InvariantCulture));
        return $"curl -sS -X POST '{site}/open311/v2/requests.json' -d 'api_key={key}' -d 'service_code={Sdk.Categories.StandardTaxonomy.Other}' "
            + $"-d 'lat={lat}' -d 'long={lon}' --data-urlencode 'description=小区门口的路灯坏了好几天，晚上出行不安全'";
    }

    /// <summary>A wildcard listener (0.0.0.0, [::], +, *) is reached through the loopback address from this machine.</summary>
    private static string Browsable(string address)
    {
        var uri = new Uri(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal));
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "127.0.0.1" : uri.Host;
        return $"{uri.Scheme}://{host}:{uri.Port}";
    }

    private static bool IsLoopback(string address)
    {
        var host = new Uri(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal)).Host;
        return host == "localhost" || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
