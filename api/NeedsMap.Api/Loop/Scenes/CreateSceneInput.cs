using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Loop.Scenes;

public sealed record CreateSceneInput(string Name, string? Description, Geometry Area, IReadOnlyList<string> CategoryCodes, DateTimeOffset? StartsAt);
