using NeedsMap.Api.Data;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Loop.Scenes;

/// <summary>Checks and creates scenes; <see cref="Prepare"/> leaves saving to the caller, so a consultation's close can create one in its own commit.</summary>
public sealed class SceneWriter(NeedsMapDbContext db, ReferenceData reference, AccessScope scope, TimeProvider time)
{
    public const string TypeName = "Scene";

    public Scene Prepare(CreateSceneInput input, long? consultationId = null)
    {
        if (input.Area is not (Polygon or MultiPolygon) || input.Area.IsEmpty || !input.Area.IsValid)
        {
            throw new DomainException(ErrorCodes.InvalidGeometry, "A scene's area must be a valid GeoJSON Polygon or MultiPolygon.");
        }
        if (input.Name.Trim().Length is 0 or > 200 || input.Description?.Length > 4000 || input.CategoryCodes.Count == 0)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "A scene needs a name (1 to 200 characters) and at least one category.");
        }
        foreach (var code in input.CategoryCodes.Where(c => reference.Current.FindCategory(c) is null))
        {
            throw new DomainException(ErrorCodes.UnknownCategory, $"No category has the code \"{code}\".");
        }
        var now = time.GetUtcNow();
        input.Area.SRID = 4326;
        var scene = new Scene
        {
            Name = input.Name.Trim(), Description = input.Description, Area = input.Area, CategoryCodes = [.. input.CategoryCodes.Distinct()],
            StartsAt = input.StartsAt ?? now, CreatedAt = now, CreatedBy = scope.Actor, ConsultationId = consultationId,
        };
        db.Add(scene);
        return scene;
    }

    public async Task<Scene> CreateAsync(CreateSceneInput input, CancellationToken cancellationToken)
    {
        var scene = Prepare(input);
        await db.SaveChangesAsync(cancellationToken);
        return scene;
    }

    public async Task<Scene> RequireAsync(string globalId, CancellationToken cancellationToken) =>
        GlobalId.TryDecodeLong(globalId, TypeName, out var id) && await db.Set<Scene>().FindAsync([id], cancellationToken) is { } scene
            ? scene
            : throw new DomainException(ErrorCodes.NotFound, $"No scene has the id \"{globalId}\".");
}
