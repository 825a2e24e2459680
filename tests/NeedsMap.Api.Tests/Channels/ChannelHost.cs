using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Channels;

/// <summary>The API with every plugin installed in a plugin folder of its own and a key for every channel.</summary>
public class ChannelHost : NeedsMapHost
{
    private readonly PluginFolder _plugins = new();

    public ChannelHost()
    {
        InstallStandardPlugins();
    }

    /// <summary>A host over a database that outlives it (a cluster a test stops and starts, say).</summary>
    protected ChannelHost(string connectionString, bool ownsDatabase)
        : base(connectionString, ownsDatabase)
    {
        InstallStandardPlugins();
    }

    private void InstallStandardPlugins()
    {
        foreach (var name in PluginFolder.AllPluginNames.Where(n => n != LateInstalled))
        {
            _plugins.Install(name);
        }
        _plugins.InstallBroken("NeedsMap.Channels.Broken");
    }

    /// <summary>Left out at start, so a test can copy it in while the server runs.</summary>
    public const string LateInstalled = "NeedsMap.Channels.Open311";

    public static readonly string[] ChannelCodes = ["12345", "96150", "110", "120", "122", "four-platforms", "zheliban", "wechat", "board", "open311"];

    /// <summary>Channels of the plugins fault tests compile (Channels/Faults/TestPlugins), keyed like the others.</summary>
    public static readonly string[] TestChannelCodes = ["hang-test", "throw-test", "null-test", "late-good", "pull-throws", "pull-steady"];

    public static string KeyOf(string channel) => "test-key-" + channel;

    internal PluginFolder Plugins => _plugins;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Plugins:Root", _plugins.Root);
        builder.UseSetting("NeedsMap:Plugins:ScanInterval", "00:00:00.200");
        builder.UseSetting("NeedsMap:Plugins:CallTimeout", "00:00:05");
        foreach (var code in ChannelCodes.Concat(TestChannelCodes).Append("nope").Append(OutsidePlugin.ChannelCode))
        {
            builder.UseSetting($"NeedsMap:Channels:Keys:{code}", KeyOf(code));
        }
    }

    public async Task<(int Status, JsonNode? Body)> PushAsync(string channel, string file, string? key = null, string? wait = null) =>
        await PushBytesAsync(channel, await File.ReadAllBytesAsync(file), Path.GetExtension(file) switch
        {
            ".xml" => "application/xml",
            ".csv" => "text/csv; charset=utf-8",
            _ => "application/json",
        }, key, wait);

    /// <summary>Pushes a payload as a channel system does: its key, its content type; returns the status and the answer's body.</summary>
    public async Task<(int Status, JsonNode? Body)> PushBytesAsync(string channel, byte[] payload, string contentType, string? key = null, string? wait = null)
    {
        using var client = CreateClient();
        using var content = new ByteArrayContent(payload);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post,
            $"/channels/{channel}/inbox" + (wait is null ? "" : "?wait=" + wait))
        {
            Content = content,
        };
        request.Headers.Add("X-Channel-Key", key ?? KeyOf(channel));
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        try
        {
            return ((int)response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
        }
        catch (System.Text.Json.JsonException)
        {
            return ((int)response.StatusCode, null);
        }
    }

    public async Task WaitForPluginAsync(string channel)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var result = await GraphQLAsync("{ channelPlugins { state channelCodes } }");
            if (result["data"]!["channelPlugins"]!.AsArray().Any(p => p!["channelCodes"]!.AsArray().Any(c => c!.GetValue<string>() == channel)))
            {
                return;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The plugin for {channel} never loaded.");
    }

    protected override void OnDisposed() => _plugins.Dispose();
}
