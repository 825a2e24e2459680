namespace NeedsMap.Api.Partitions;

/// <summary>Issue #18 item 4: the upkeep of the time partitions (docs/partitions.md) and its background job.</summary>
public static class PartitionsModule
{
    public static IServiceCollection AddNeedsMapPartitions(this IServiceCollection services)
    {
        services.AddSingleton<PartitionUpkeep>();
        services.AddHostedService<PartitionUpkeepJob>();
        return services;
    }
}
