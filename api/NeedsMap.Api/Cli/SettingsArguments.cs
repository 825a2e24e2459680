namespace NeedsMap.Api.Cli;

/// <summary>
/// The arguments the parser leaves to ASP.NET's command-line configuration. With no command they go to the server in the
/// forms it reads (<c>--urls http://…</c>, <c>--contentRoot=DIR</c>, <c>/key value</c>, <c>key=value</c>); a command takes
/// settings only as one token, <c>--Section:Key=value</c> (or <c>--environment=NAME</c>), so a mistyped option
/// (<c>--subjct alice</c>) is refused by the parser rather than read as a setting. Anything else is a stray: the
/// configuration would drop it silently, so the CLI refuses it.
/// </summary>
internal static class SettingsArguments
{
    // The host's own keys a command may set besides the Section:Key settings (WebApplication reads them from the command line).
    private static readonly string[] HostKeys = ["environment", "contentRoot", "applicationName"];

    /// <summary>The tokens ASP.NET's command-line configuration would ignore (a mistyped command, a key without a value).</summary>
    public static IReadOnlyList<string> StraysForServer(IReadOnlyList<string> tokens)
    {
        var strays = new List<string>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var keyed = token.StartsWith("--", StringComparison.Ordinal) || token.StartsWith('/');
            var equals = token.IndexOf('=', StringComparison.Ordinal);
            if (keyed ? equals > token.TakeWhile(c => c is '-' or '/').Count() : equals > 0 && !token.StartsWith('-'))
            {
                continue; // --key=value, /key=value, key=value
            }
            if (keyed && token.TrimStart('-', '/').Length > 0 && i + 1 < tokens.Count)
            {
                i++; // --key value, /key value
                continue;
            }
            strays.Add(token);
        }
        return strays;
    }

    /// <summary>Splits a command's tokens into settings (<c>--Section:Key=value</c>) and what the parser reads.</summary>
    public static (IReadOnlyList<string> Settings, IReadOnlyList<string> Parsed) ForCommand(IReadOnlyList<string> tokens) =>
        ([.. tokens.Where(IsSetting)], [.. tokens.Where(t => !IsSetting(t))]);

    private static bool IsSetting(string token)
    {
        if (!token.StartsWith("--", StringComparison.Ordinal) || token.IndexOf('=', StringComparison.Ordinal) is not (> 2 and var equals))
        {
            return false;
        }
        var key = token[2..equals];
        return key.Contains(':', StringComparison.Ordinal) || HostKeys.Contains(key, StringComparer.OrdinalIgnoreCase);
    }
}
