using Microsoft.Extensions.Configuration;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Cli;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Security;

public sealed class TokenCommandTests
{
    private static readonly IConfiguration Configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["NeedsMap:Auth:SigningKey"] = NeedsMapHost.TestSigningKey })
        .Build();

    [Fact]
    public async Task issue_token_prints_a_token_the_server_accepts_with_the_given_claims()
    {
        var (exit, run) = await CliRun.InvokeAsync(["issue-token", "--role", "street_officer", "--jurisdiction", "330782002", "--subject", "alice", "--hours", "8"],
            configuration: Configuration);
        Assert.Equal(0, exit);
        var principal = await new TokenIssuer(AuthSettings.From(Configuration)).ValidateAsync(run.Output.ToString().Trim());
        var caller = new CallerResolver(new AuthSettings()).From(principal);
        Assert.Equal(new Caller("alice", "street_officer", "330782002", null, true), caller);
    }

    [Fact]
    public async Task issue_token_carries_a_department_for_department_staff()
    {
        var (exit, run) = await CliRun.InvokeAsync(["issue-token", "--role", "department_staff", "--department", "enforcement", "--subject", "zhao"],
            configuration: Configuration);
        Assert.Equal(0, exit);
        var principal = await new TokenIssuer(AuthSettings.From(Configuration)).ValidateAsync(run.Output.ToString().Trim());
        Assert.Equal(new Caller("zhao", "department_staff", null, null, true, "enforcement"), new CallerResolver(new AuthSettings()).From(principal));
    }

    [Fact]
    public async Task issue_token_refuses_an_unknown_role_as_usage_and_a_missing_key_as_failure()
    {
        var (exit, run) = await CliRun.InvokeAsync(["issue-token", "--role", "superuser", "--subject", "x"], configuration: Configuration);
        Assert.Equal(2, exit);
        Assert.Contains("city_admin", run.Error.ToString(), StringComparison.Ordinal);
        Assert.Empty(run.Output.ToString());
        (exit, run) = await CliRun.InvokeAsync(["issue-token", "--role", "public", "--subject", "x"], configuration: new ConfigurationBuilder().Build());
        Assert.Equal(1, exit);
        Assert.Contains("NeedsMap:Auth:SigningKey", run.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task issue_token_hands_its_settings_to_the_configuration()
    {
        var (exit, run) = await CliRun.InvokeAsync(["issue-token", "--NeedsMap:Auth:Issuer=elsewhere", "--role", "public", "--subject", "x"], configuration: Configuration);
        Assert.Equal(0, exit);
        Assert.Equal(["--NeedsMap:Auth:Issuer=elsewhere"], run.SettingsSeen);
    }
}
