using NeedsMap.Api.Common.CommandLine;

namespace NeedsMap.Api.Security.Auth;

/// <summary>
/// <c>dotnet NeedsMap.Api.dll issue-token --role street_officer --jurisdiction 330782002 --subject alice --hours 8</c>:
/// (<c>--department urban_management</c> for department staff) prints a token signed with the configured key, for local use and tests. Needs the configuration only, not the services.
/// </summary>
public static class TokenCommand
{
    public const string Name = "issue-token";

    /// <summary>What <c>issue-token</c> was asked for (Cli/Commands/TokenCli parses it).</summary>
    public sealed record Request(string Role, string Subject, string? Jurisdiction, string? Channel, string? Department, double Hours);

    public static int Run(Request request, IConfiguration configuration, TextWriter output)
    {
        string token;
        try
        {
            token = new TokenIssuer(AuthSettings.From(configuration)).Issue(request.Subject, request.Role, request.Jurisdiction,
                request.Channel, TimeSpan.FromHours(request.Hours), department: request.Department);
        }
        catch (ArgumentException e)
        {
            throw CliException.Usage(e.Message); // a role that needs a jurisdiction given none, an unknown department
        }
        catch (InvalidOperationException e)
        {
            throw CliException.Failure(e.Message); // no signing key, or one too short
        }
        output.WriteLine(token);
        return ExitCodes.Ok;
    }
}
