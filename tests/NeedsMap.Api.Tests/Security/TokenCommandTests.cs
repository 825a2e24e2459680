using Microsoft.Extensions.Configuration;
using NeedsMap.Api.Security;
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
        var output = new StringWriter();
        var exit = TokenCommand.Run(["issue-token", "--role", "street_officer", "--jurisdiction", "330782002", "--subject", "alice", "--hours", "8"],
            Configuration, output, new StringWriter());
        Assert.Equal(0, exit);
        var principal = await new TokenIssuer(AuthSettings.From(Configuration)).ValidateAsync(output.ToString().Trim());
        var caller = new CallerResolver(new AuthSettings()).From(principal);
        Assert.Equal(new Caller("alice", "street_officer", "330782002", null, true), caller);
    }

    [Fact]
    public async Task issue_token_carries_a_department_for_department_staff()
    {
        var output = new StringWriter();
        Assert.Equal(0, TokenCommand.Run(["issue-token", "--role", "department_staff", "--department", "enforcement", "--subject", "zhao"],
            Configuration, output, new StringWriter()));
        var principal = await new TokenIssuer(AuthSettings.From(Configuration)).ValidateAsync(output.ToString().Trim());
        Assert.Equal(new Caller("zhao", "department_staff", null, null, true, "enforcement"), new CallerResolver(new AuthSettings()).From(principal));
    }

    [Fact]
    public void issue_token_refuses_an_unknown_role_and_a_missing_key()
    {
        var error = new StringWriter();
        Assert.Equal(2, TokenCommand.Run(["issue-token", "--role", "superuser", "--subject", "x"], Configuration, new StringWriter(), error));
        Assert.Contains("city_admin", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, TokenCommand.Run(["issue-token", "--role", "public", "--subject", "x"], new ConfigurationBuilder().Build(), new StringWriter(), new StringWriter()));
    }
}
