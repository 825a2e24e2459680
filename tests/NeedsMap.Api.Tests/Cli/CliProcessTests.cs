using System.Diagnostics;
using NeedsMap.Api.Common.CommandLine;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Channels;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Cli;

/// <summary>The built server run as a person runs it: the same exit codes and messages from outside the process.</summary>
public sealed class CliProcessTests
{
    private static async Task<(int Exit, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var api = Path.Combine(PluginFolder.RepositoryRoot, "api", "NeedsMap.Api", "bin", PluginFolder.Configuration, "net10.0");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = api,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(api, "NeedsMap.Api.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("NEEDSMAP", StringComparison.OrdinalIgnoreCase) || k.StartsWith("ConnectionStrings", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name); // the test says which settings it means
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static readonly Dictionary<string, string> Production = new() { ["DOTNET_ENVIRONMENT"] = "Production" };

    [Fact]
    public async Task Help_exits_0_and_a_mistyped_command_exits_2_instead_of_starting_the_server()
    {
        var help = await RunAsync(Production, "--help");
        Assert.Equal((ExitCodes.Ok, ""), (help.Exit, help.Error));
        Assert.Contains("rebuild-key-matters", help.Output, StringComparison.Ordinal);

        var typo = await RunAsync(Production, "rebuild-cell");
        Assert.Equal(ExitCodes.Usage, typo.Exit);
        Assert.Contains("'rebuild-cell'", typo.Error, StringComparison.Ordinal);

        var stray = await RunAsync(Production, "--urls", "http://127.0.0.1:1", "--verbose");
        Assert.Equal(ExitCodes.Usage, stray.Exit);
        Assert.Contains("'--verbose'", stray.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task issue_token_takes_its_key_from_the_environment_or_a_setting_on_its_line()
    {
        var fromEnvironment = await RunAsync(new Dictionary<string, string>(Production) { ["NeedsMap__Auth__SigningKey"] = NeedsMapHost.TestSigningKey },
            "issue-token", "--role", "resident", "--subject", "li");
        Assert.True(fromEnvironment.Exit == ExitCodes.Ok, fromEnvironment.Error);
        var settings = new AuthSettings { SigningKey = NeedsMapHost.TestSigningKey };
        var principal = await new TokenIssuer(settings).ValidateAsync(fromEnvironment.Output.Trim());
        Assert.Equal("resident", new CallerResolver(settings).From(principal).Role);

        var onTheLine = await RunAsync(Production, "issue-token", $"--NeedsMap:Auth:SigningKey={NeedsMapHost.TestSigningKey}", "--role", "resident", "--subject", "li");
        Assert.True(onTheLine.Exit == ExitCodes.Ok, onTheLine.Error);

        var noKey = await RunAsync(Production, "issue-token", "--role", "resident", "--subject", "li");
        Assert.Equal(ExitCodes.Failure, noKey.Exit);
        Assert.Contains("NeedsMap:Auth:SigningKey", noKey.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_that_needs_the_services_is_refused_like_the_server_when_settings_are_missing()
    {
        var refused = await RunAsync(Production, "reseal-secrets");
        Assert.Equal(ExitCodes.Failure, refused.Exit);
        Assert.Contains("NeedsMap:Auth:SigningKey", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal); // a message, not a stack trace
    }
}
