using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Demo;

/// <summary>
/// The demo personas for the city that is loaded: Yiwu's as they are (<see cref="DemoPersonas"/>); in another county
/// (<c>scripts/run --city</c>) the resident, the community worker, the street officer and the deputy belong to its first
/// street's first community instead of 鸡鸣山 and 江东, which it does not have.
/// </summary>
public static class CityPersonas
{
    public static IReadOnlyList<DemoPersona> For(ReferenceSnapshot city)
    {
        if (city.FindJurisdiction(DemoPersonas.Jimingshan) is not null)
        {
            return DemoPersonas.All;
        }
        var street = city.Jurisdictions.FirstOrDefault(j => j.Level == JurisdictionLevel.Street);
        var community = street is null ? null : city.Jurisdictions.FirstOrDefault(j => j.ParentCode == street.Code);
        if (street is null || community is null)
        {
            return DemoPersonas.All;
        }
        return [.. DemoPersonas.All.Select(p => p.Jurisdiction switch
        {
            DemoPersonas.Jimingshan => p with
            {
                Jurisdiction = community.Code, Label = p.Label.Replace("鸡鸣山社区", community.Name, StringComparison.Ordinal),
                LabelEn = p.LabelEn.Replace("Jimingshan community", community.Code, StringComparison.Ordinal),
            },
            DemoPersonas.Jiangdong => p with
            {
                Jurisdiction = street.Code, Label = p.Label.Replace("江东街道", street.Name, StringComparison.Ordinal),
                LabelEn = p.LabelEn.Replace("Jiangdong", street.Code, StringComparison.Ordinal),
            },
            _ => p,
        })];
    }
}
