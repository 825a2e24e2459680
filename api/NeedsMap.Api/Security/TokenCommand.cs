namespace NeedsMap.Api.Security;

/// <summary>
/// <c>dotnet NeedsMap.Api.dll issue-token --role street_officer --jurisdiction 330782002 --subject alice --hours 8</c>:
/// (<c>--department urban_management</c> for department staff) prints a token signed with the configured key, for local use and tests. Runs before the web host starts.
/// </summary>
public static class TokenCommand
{
    public const string Name = "issue-token";

    public static bool IsInvoked(string[] args) => args.Length > 0 && args[0] == Name;

    public static int Run(string[] args, IConfiguration configuration, TextWriter output, TextWriter error)
    {
        string? Option(string name)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var role = Option("role");
        var subject = Option("subject");
        if (role is null || subject is null)
        {
            error.WriteLine("usage: issue-token --role ROLE --subject NAME [--jurisdiction CODE] [--channel CODE] [--department CODE] [--hours 8]");
            error.WriteLine("roles: " + string.Join(", ", RoleRights.All.Select(r => r.Role)));
            return 2;
        }
        var hours = double.TryParse(Option("hours"), System.Globalization.CultureInfo.InvariantCulture, out var h) ? h : 8;
        try
        {
            var token = new TokenIssuer(AuthSettings.From(configuration))
                .Issue(subject, role, Option("jurisdiction"), Option("channel"), TimeSpan.FromHours(hours), department: Option("department"));
            output.WriteLine(token);
            return 0;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            error.WriteLine(e.Message);
            return 2;
        }
    }
}
