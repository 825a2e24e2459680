namespace NeedsMap.Api.Divisions;

/// <summary>Loads a city's divisions from a <see cref="Demo.Seeding.CityDataFolder"/> into an empty database (the divisions import does it).</summary>
public interface ICityDataLoader
{
    /// <summary>Imports the folder's divisions and boundaries; throws, naming the first findings, when the import refuses them.</summary>
    Task LoadAsync(string folder, CancellationToken cancellationToken);
}
