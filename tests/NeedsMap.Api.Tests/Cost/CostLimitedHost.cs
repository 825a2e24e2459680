using Microsoft.AspNetCore.Hosting;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Security;

namespace NeedsMap.Api.Tests.Cost;

/// <summary>
/// The secured API with budgets made small enough to meet in a test: a deputy's request may run one second, a resident may
/// spend a millisecond of database time a minute, a community worker runs one request at a time and waits at most half a
/// second for a turn, and every statement stops after <see cref="StatementTimeoutSeconds"/>.
/// </summary>
public sealed class CostLimitedHost : SecuredHost
{
    public const int StatementTimeoutSeconds = 6;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Database:StatementTimeoutSeconds", StatementTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting($"NeedsMap:Cost:Roles:{RoleRights.Deputy}:RequestSeconds", "1");
        builder.UseSetting($"NeedsMap:Cost:Roles:{RoleRights.Resident}:CallerSecondsPerMinute", "0.001");
        builder.UseSetting($"NeedsMap:Cost:Roles:{RoleRights.CommunityWorker}:Concurrent", "1");
        builder.UseSetting("NeedsMap:Cost:QueueSeconds", "0.5");
    }
}
