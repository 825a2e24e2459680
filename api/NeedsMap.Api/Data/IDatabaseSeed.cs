namespace NeedsMap.Api.Data;

/// <summary>
/// A step the <see cref="DatabaseInitializer"/> runs at start after the migrations, in registration order, all in one scope:
/// how a feature fills its tables (the catalog, the demo city) without Data naming it.
/// </summary>
public interface IDatabaseSeed
{
    Task SeedAsync(IServiceProvider scope, CancellationToken cancellationToken);
}
