using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using NeedsMap.Api.Demo;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Channels;
using NeedsMap.Api.Tests.Infrastructure;
using Npgsql;

namespace NeedsMap.Api.Tests.FrontDoor;

/// <summary>A fresh database and data folder for <see cref="ScriptRunTests"/>: the first start of each test class is a first run.</summary>
public sealed class ScriptRunFolder : IAsyncLifetime
{
    public string ConnectionString { get; } = TestDatabase.NewDatabaseConnectionString("scriptrun");

    public string Data { get; } = Directory.CreateTempSubdirectory("needsmap-frontdoor-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await TestDatabase.DropAsync(ConnectionString);
        Directory.Delete(Data, recursive: true);
    }
}

/// <summary>
/// The server started the way a newcomer starts it: <c>scripts/run</c> (told only not to build again, the suite just built),
/// its plugins deployed and its keys kept under the data folder. In Production every shipped plugin's sample is accepted
/// at its inbox and every inbox answers as documented; in demo mode it prints where to go and its curl line works; a
/// normal start logs no fail: line; Production refuses demo mode and names every missing setting.
/// </summary>
public sealed class ScriptRunTests(ScriptRunFolder folder) : IClassFixture<ScriptRunFolder>
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(4);

    private ScriptRun Run(bool demo, params string[] arguments) => ScriptRun.Start("bash",
        [Path.Combine(ScriptRun.RepositoryRoot, "scripts", "run"), "--NeedsMap:LoadDemoNeeds=false", .. arguments],
        new Dictionary<string, string>
        {
            ["NEEDSMAP_DB"] = folder.ConnectionString,
            ["NEEDSMAP_URLS"] = Url,
            ["NEEDSMAP_DATA"] = folder.Data,
            ["NEEDSMAP_NO_BUILD"] = "1",
            ["NEEDSMAP_DEMO"] = demo ? "1" : "0",
        });

    private string Url { get; } = $"http://127.0.0.1:{ScriptRun.FreePort()}";

    private JsonObject Settings => JsonNode.Parse(File.ReadAllText(Path.Combine(folder.Data, "demo", DemoSetupCommand.SettingsFileName)))!.AsObject();

    private string ChannelKey(string code) => Settings["NeedsMap"]!["Channels"]!["Keys"]![code]!.GetValue<string>();

    private string AdminToken() => new TokenIssuer(new AuthSettings { SigningKey = Settings["NeedsMap"]!["Auth"]!["SigningKey"]!.GetValue<string>() })
        .Issue("script-run-test", RoleRights.CityAdmin, null, null, TimeSpan.FromMinutes(30));

    private static void NoFailLines(ScriptRun run)
    {
        // Plain console lines (fail:, crit:) or JSON console lines (Production may log JSON: "LogLevel":"Error").
        var failures = run.Lines.Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)
            || l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal) || l.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal)).ToList();
        Assert.True(failures.Count == 0, "The start logged failures:\n" + run.Output);
    }

    private async Task<IReadOnlyList<(string Name, string State, string[] Codes)>> PluginsAsync(HttpClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Url + "/graphql")
        {
            Content = new StringContent("""{"query":"{ channelPlugins { name state channelCodes } }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken());
        using var response = await client.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return [.. body["data"]!["channelPlugins"]!.AsArray().Select(p => (p!["name"]!.GetValue<string>(), p["state"]!.GetValue<string>(),
            p["channelCodes"]!.AsArray().Select(c => c!.GetValue<string>()).ToArray()))];
    }

    private async Task<int> PushAsync(HttpClient client, string code, string file, string? key, string? contentType)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(file));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Url}/channels/{code}/inbox") { Content = content };
        if (key is not null)
        {
            request.Headers.Add("X-Channel-Key", key);
        }
        using var response = await client.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file) switch
    {
        ".xml" => "application/xml",
        ".csv" => "text/csv; charset=utf-8",
        _ => "application/json",
    };

    private async Task<long> NeedsOfAsync(string channel)
    {
        await using var connection = new NpgsqlConnection(folder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM needs WHERE channel_code = @c", connection);
        command.Parameters.AddWithValue("c", channel);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Sends only the headers of a delivery over the size limit (Content-Length above 32 MiB) in a format the channel takes:
    /// the inbox answers before any body.
    /// </summary>
    private async Task<int> OversizedPushAsync(string code, string contentType)
    {
        var uri = new Uri(Url);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        await using var stream = tcp.GetStream();
        var head = $"POST /channels/{code}/inbox HTTP/1.1\r\nHost: {uri.Authority}\r\nContent-Type: {contentType}\r\n"
            + $"X-Channel-Key: {ChannelKey(code)}\r\nContent-Length: {Api.Channels.Inbox.InboxEndpoint.MaxPayloadBytes + 1}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var status = await reader.ReadLineAsync() ?? "";
        return int.Parse(status.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task In_production_every_shipped_plugins_sample_is_accepted_and_every_inbox_answers_as_documented()
    {
        await using var run = Run(demo: false);
        await run.WaitForLineAsync(l => l.Contains("Now listening on", StringComparison.Ordinal), StartTimeout);
        using var client = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
        var plugins = await WaitForPluginsAsync(client);
        Assert.Equal(PluginFolder.AllPluginNames, plugins.Select(p => p.Name));
        Assert.All(plugins, p => Assert.Equal("LOADED", p.State));

        foreach (var (name, _, codes) in plugins)
        {
            var code = codes.Single();
            foreach (var sample in PluginFolder.Samples(name, "valid"))
            {
                Assert.True(await PushAsync(client, code, sample, ChannelKey(code), ContentTypeOf(sample)) == 200, $"{name}: {sample}\n{run.Output}");
            }
            Assert.True(await NeedsOfAsync(code) > 0, $"{name} stored nothing");
            var first = PluginFolder.Samples(name, "valid").First();
            Assert.Equal(401, await PushAsync(client, code, first, "not-the-key", ContentTypeOf(first)));
            Assert.Equal(401, await PushAsync(client, code, first, null, ContentTypeOf(first)));
            Assert.Equal(415, await PushAsync(client, code, first, ChannelKey(code), null));
            Assert.Equal(413, await OversizedPushAsync(code, ContentTypeOf(first)));
        }
        var any = PluginFolder.Samples("NeedsMap.Channels.Hotline12345", "valid").First();
        Assert.Equal(404, await PushAsync(client, "no-such-channel", any, ChannelKey("12345"), "application/json"));
        // Production has no demo sign-in, and says so to the page.
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync(Url + "/demo/personas")).StatusCode);
        Assert.False(JsonNode.Parse(await client.GetStringAsync(Url + "/map/config.json"))!["demo"]!.GetValue<bool>());
        NoFailLines(run);
    }

    private async Task<IReadOnlyList<(string Name, string State, string[] Codes)>> WaitForPluginsAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var plugins = await PluginsAsync(client);
            if (plugins.Count >= PluginFolder.AllPluginNames.Count || DateTime.UtcNow > deadline)
            {
                return plugins;
            }
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task In_demo_mode_it_prints_where_to_go_and_its_curl_line_pushes_a_sample()
    {
        await using var run = Run(demo: true);
        await run.WaitForLineAsync(l => l.StartsWith("  run the tests", StringComparison.Ordinal), StartTimeout);
        var banner = run.Output;
        Assert.Contains($"the map      {Url}/map", banner, StringComparison.Ordinal);
        Assert.Contains($"GraphiQL     {Url}/graphql", banner, StringComparison.Ordinal);
        foreach (var persona in DemoPersonas.All)
        {
            Assert.Contains($"{Url}/map?persona={persona.Id} ", banner, StringComparison.Ordinal);
            Assert.Contains($"{Url}/graphql?persona={persona.Id} ", banner, StringComparison.Ordinal);
        }
        // The printed lines, run as printed (only asked to report their status): a 12345 sample to its inbox, and an
        // Open311 request placed in the loaded city's first community.
        var curls = run.Lines.Where(l => l.TrimStart().StartsWith("curl ", StringComparison.Ordinal)).Select(l => l.Trim()).ToList();
        Assert.Equal(2, curls.Count);
        Assert.Contains("/channels/12345/inbox", curls[0], StringComparison.Ordinal);
        Assert.Contains("/open311/v2/requests.json", curls[1], StringComparison.Ordinal);
        foreach (var curl in curls)
        {
            var shell = ScriptRun.Start("bash", ["-c", curl + " -o /dev/null -w '%{http_code}'"], new Dictionary<string, string>());
            await using (shell)
            {
                Assert.Equal(0, await shell.WaitForExitAsync(TimeSpan.FromMinutes(1)));
                Assert.Equal("200", shell.Output.Trim());
            }
        }
        Assert.True(await NeedsOfAsync("12345") > 0);
        Assert.Equal(1, await NeedsOfAsync("open311"));

        using var client = new HttpClient();
        Assert.Equal(DemoPersonas.All.Count, JsonNode.Parse(await client.GetStringAsync(Url + "/demo/personas"))!.AsArray().Count);
        using var signIn = await client.PostAsync(Url + "/demo/sign-in", new StringContent("""{"persona":"city_admin"}""", Encoding.UTF8, "application/json"));
        var token = JsonNode.Parse(await signIn.Content.ReadAsStringAsync())!["token"]!.GetValue<string>();
        using var request = new HttpRequestMessage(HttpMethod.Post, Url + "/graphql")
        {
            Content = new StringContent("""{"query":"{ channelPlugins { state } }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var plugins = await client.SendAsync(request);
        var states = JsonNode.Parse(await plugins.Content.ReadAsStringAsync())!["data"]!["channelPlugins"]!.AsArray();
        Assert.Equal(10, states.Count(s => s!["state"]!.GetValue<string>() == "LOADED"));
        Assert.True(JsonNode.Parse(await client.GetStringAsync(Url + "/map/config.json"))!["demo"]!.GetValue<bool>());
        NoFailLines(run);
    }

    [Fact]
    public async Task Production_refuses_demo_mode_and_a_bare_start_names_every_missing_setting_at_once()
    {
        await using (var demo = Run(demo: false, "--NeedsMap:Demo:Enabled=true"))
        {
            Assert.NotEqual(0, await demo.WaitForExitAsync(StartTimeout));
            Assert.Contains("  - NeedsMap:Demo:Enabled is true", demo.Output, StringComparison.Ordinal);
        }
        await using var bare = ScriptRun.Start("dotnet",
            [ScriptRun.ServerDll, "--environment", "Production", "--urls", Url, "--contentRoot", Path.Combine(ScriptRun.RepositoryRoot, "api", "NeedsMap.Api"),
                "--NeedsMap:Channels:Keys:12345=short"],
            new Dictionary<string, string>());
        Assert.Equal(1, await bare.WaitForExitAsync(StartTimeout));
        var message = bare.Output;
        Assert.Contains("NeedsMap refuses to start in the Production environment. Fix these settings:", message, StringComparison.Ordinal);
        foreach (var setting in new[] { "NeedsMap:Auth:SigningKey is missing", "NeedsMap:Privacy:EncryptionKey is missing",
            "NeedsMap:Plugins:IdentitySalt is the published development salt", "NeedsMap:Channels:Keys:12345 has 5 characters",
            "ConnectionStrings:NeedsMap is missing" })
        {
            Assert.Contains("  - " + setting, message, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("   at ", message, StringComparison.Ordinal);
    }
}
