using Microsoft.Extensions.Options;

namespace NeedsMap.Api.Common.Settings;

/// <summary>
/// Validates one settings class at start (<c>ValidateOnStart</c>): every failure names its setting, so a server that
/// refuses to start says at once everything that must change, not the first thing a request happens to touch.
/// Strength rules (a key present, long enough) apply in Production; shape rules (a key that cannot be read) everywhere.
/// </summary>
internal sealed class SettingsRule<T>(IHostEnvironment environment, Func<T, SettingsCheck, IEnumerable<string>> rule) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var failures = rule(options, new SettingsCheck(environment)).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>What a rule may ask about where it runs.</summary>
internal sealed record SettingsCheck(IHostEnvironment Environment)
{
    public bool Production => Environment.IsProduction();
}

internal static class SettingsRegistration
{
    /// <summary>Binds <typeparamref name="T"/> from <paramref name="section"/> and checks it with <paramref name="rule"/> when the host starts.</summary>
    public static IServiceCollection AddCheckedSettings<T>(this IServiceCollection services, IConfiguration configuration, string section,
        Func<T, SettingsCheck, IEnumerable<string>> rule) where T : class =>
        services.AddCheckedSettings(o => configuration.GetSection(section).Bind(o), rule);

    /// <summary>Fills <typeparamref name="T"/> with <paramref name="configure"/> and checks it with <paramref name="rule"/> when the host starts.</summary>
    public static IServiceCollection AddCheckedSettings<T>(this IServiceCollection services, Action<T> configure,
        Func<T, SettingsCheck, IEnumerable<string>> rule) where T : class
    {
        services.AddOptions<T>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(sp => new SettingsRule<T>(sp.GetRequiredService<IHostEnvironment>(), rule));
        return services;
    }
}
