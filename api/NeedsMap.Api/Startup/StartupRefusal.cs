using Microsoft.Extensions.Options;

namespace NeedsMap.Api.Startup;

/// <summary>
/// Turns the settings checks' failures (all of them, from every settings class) into the one message a server that
/// refuses to start prints, instead of a stack trace that names only the first.
/// </summary>
public static class StartupRefusal
{
    /// <summary>
    /// Runs the settings checks the host runs when it starts (every <c>ValidateOnStart</c>), so a refusal is one clear
    /// message rather than the host's critical log line with a stack trace; null when the settings pass.
    /// </summary>
    public static string? Check(IServiceProvider services, IHostEnvironment environment)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
            return null;
        }
        catch (Exception ex) when (Explain(ex, environment.EnvironmentName) is { } message)
        {
            return message;
        }
    }

    /// <summary>The message for a start that failed on settings, or null for any other failure (which is left to crash as it would).</summary>
    public static string? Explain(Exception exception, string environmentName)
    {
        var failures = Failures(exception).Distinct(StringComparer.Ordinal).ToList();
        if (failures.Count == 0)
        {
            return null;
        }
        var lines = new List<string> { $"NeedsMap refuses to start in the {environmentName} environment. Fix these settings:" };
        lines.AddRange(failures.Select(f => "  - " + f));
        lines.Add("Settings come from appsettings.json, a file named by NEEDSMAP_SETTINGS, environment variables "
            + "(NeedsMap__Auth__SigningKey=…) or the command line (--NeedsMap:Auth:SigningKey=…).");
        return string.Join(Environment.NewLine, lines);
    }

    public static IEnumerable<string> Failures(Exception exception) => exception switch
    {
        OptionsValidationException options => options.Failures,
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Failures),
        // A value that does not convert (NeedsMap:Cases:Days=abc) fails while binding, before any rule runs.
        InvalidOperationException binding when binding.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => [binding.Message],
        _ => [],
    };
}
