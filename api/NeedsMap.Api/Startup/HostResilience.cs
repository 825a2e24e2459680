namespace NeedsMap.Api.Startup;

/// <summary>
/// Each background service catches what its own work throws and carries on (a plugin, the database, a bug in one run);
/// this is the backstop for what one fails to catch: the host logs it and keeps serving with the others, instead of
/// .NET's default of stopping the whole application over one background service.
/// </summary>
internal static class HostResilience
{
    public static IServiceCollection AddNeedsMapResilience(this IServiceCollection services) =>
        services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
}
