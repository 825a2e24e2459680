using NeedsMap.Api.Reference;
using NeedsMap.Api.Weather.Rollups;
using NeedsMap.Graph.Transport.Caching;

namespace NeedsMap.Api.Weather.Caching;

/// <summary>
/// What a cached <c>cells</c> response depends on besides its arguments and the caller: the cells data (the answer cache's
/// generation, moved by every change heard and by losing LISTEN), the city day (a window without lastDay ends today) and
/// the reference data (scopes and jurisdiction filters are resolved through it).
/// </summary>
public sealed class CellResponseVersion(CellAnswerCache answers, CityDays days, ReferenceData reference) : IResponseCacheDependency
{
    public object? CurrentVersion => answers.ServingGeneration is { } generation ? new Version(generation, days.Today, reference.Current) : null;

    // The snapshot compares by reference: a reload is a new version even when nothing in it changed.
    private sealed record Version(long Generation, DateOnly Today, ReferenceSnapshot Reference);
}
