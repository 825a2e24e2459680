using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NeedsMap.Api.Tests.Infrastructure;
using NeedsMap.Graph.Transport.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Browser;

/// <summary>
/// The demo city (jurisdictions and a year of needs) on a real loopback socket, for headless Chromium driven by
/// tests/js/browser.mjs. The pages come from wwwroot, which scripts/build-web fills before the .NET build.
/// As a visitor meets it: callers without a token are the public (no anonymous administrator), and everyone else signs
/// in through demo mode's personas (POST /demo/sign-in issues real tokens signed with the server's key).
/// </summary>
public class BrowserHost : NeedsMapHost
{
    /// <summary>The demo year ends here; the page's clock is fixed to it too, so time windows hold the same needs every day.</summary>
    public const string DemoNow = "2026-11-20T00:00:00Z";

    protected override bool UseRealSockets => true;

    protected override string? AnonymousRole => null;

    /// <summary>Demo mode: the persona switcher and /demo/sign-in.</summary>
    protected virtual bool Demo => true;

    /// <summary>The demo's year of needs; a host that only looks at the pages' frame does without.</summary>
    protected virtual bool LoadDemoNeeds => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:LoadDemoNeeds", LoadDemoNeeds ? "true" : "false");
        builder.UseSetting("NeedsMap:DemoNow", DemoNow);
        builder.UseSetting("NeedsMap:Demo:Enabled", Demo ? "true" : "false");
    }

    public string BaseUrl => Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
        .First().TrimEnd('/');

    /// <summary>Screenshots are kept here (git-ignored) for people to look at after a run.</summary>
    public static string ArtifactsDirectory { get; } = Path.GetFullPath(Path.Combine(NodeScripts.Directory, "..", "..", ".data", "artifacts", "browser"));

    /// <summary>Runs one scenario of browser.mjs and returns its report; fails with Chromium's own words when it could not run.</summary>
    public async Task<JsonNode> RunScenarioAsync(string scenario)
    {
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
        Assert.True(File.Exists(chromium), $"{chromium} is missing: scripts/test installs Debian's chromium package (or set CHROMIUM_PATH).");
        var run = await NodeScripts.RunAsync("browser.mjs", [scenario, BaseUrl, ArtifactsDirectory, DemoNow], TimeSpan.FromMinutes(12));
        var report = JsonNode.Parse(run.StandardOutput.Length > 0 ? run.StandardOutput : "{}")!;
        // Beside the screenshots: what the page showed at each step (counts, tile requests, timings).
        Directory.CreateDirectory(ArtifactsDirectory);
        await File.WriteAllTextAsync(Path.Combine(ArtifactsDirectory, $"{scenario}-report.json"), run.StandardOutput);
        Assert.True(run.ExitCode == 0 && report["ok"]?.GetValue<bool>() == true,
            $"browser.mjs {scenario} failed ({run.ExitCode}):\n{report["error"]}\n{run.StandardError}");
        return report;
    }
}
