using NeedsMap.Api.Data;

namespace NeedsMap.Api.Demo.Seeding;

/// <summary>
/// At start, after the reference data, when <c>NeedsMap:LoadDemoCity</c> asks and the store is empty: the demo city's
/// divisions, Yiwu's school districts and (unless <c>NeedsMap:LoadDemoNeeds</c> is false) its generated needs.
/// </summary>
internal sealed class DemoCitySeed(IConfiguration configuration) : IDatabaseSeed
{
    public async Task SeedAsync(IServiceProvider scope, CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("NeedsMap:LoadDemoCity", false))
        {
            return;
        }
        var demo = scope.GetRequiredService<DemoCityLoader>();
        await demo.LoadJurisdictionsIfEmptyAsync(cancellationToken);
        // Yiwu's school districts are drawn on Yiwu: another city (CityDataFolder) imports its own service areas.
        if (string.IsNullOrEmpty(configuration[CityDataFolder.Setting]))
        {
            await scope.GetRequiredService<Areas.DemoSchoolDistrictsLoader>().LoadIfEmptyAsync(cancellationToken);
        }
        if (configuration.GetValue("NeedsMap:LoadDemoNeeds", true))
        {
            await demo.LoadNeedsIfEmptyAsync(cancellationToken);
        }
    }
}
