using NeedsMap.Api.Data;

namespace NeedsMap.Api.Reference;

/// <summary>At start, after the migrations: the standard categories and channels that are missing (<see cref="ReferenceSeeder"/>).</summary>
internal sealed class ReferenceSeed : IDatabaseSeed
{
    public Task SeedAsync(IServiceProvider scope, CancellationToken cancellationToken) =>
        ReferenceSeeder.SeedAsync(scope.GetRequiredService<NeedsMapDbContext>(), cancellationToken);
}
