using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Open311;

/// <summary>
/// The taxonomy as GeoReport services: every leaf category is a service (its code the service_code), grouped by its top-level
/// category. No service asks extra attributes (metadata false), and every one is realtime: a request is stored and
/// answered with its id at once.
/// </summary>
public sealed class Open311Services(ReferenceData reference)
{
    public IReadOnlyList<Open311Service> All()
    {
        var snapshot = reference.Current;
        return snapshot.Categories
            .Where(c => !snapshot.ChildCategoriesOf(c.Code).Any())
            .Select(c =>
            {
                var top = snapshot.FindCategory(snapshot.TopLevelCategoryOf(c.Code));
                return new Open311Service(c.Code, c.Name, $"{c.NameEn} ({c.Name})", false, "realtime",
                    string.Join(", ", new[] { c.Name, c.NameEn, top?.Name }.Where(k => k is not null).Distinct()), top?.Name ?? c.Name);
            })
            .ToList();
    }

    public Open311ServiceDefinition? Definition(string code) =>
        All().FirstOrDefault(s => s.ServiceCode == code) is { } service ? new Open311ServiceDefinition(service.ServiceCode, []) : null;
}
