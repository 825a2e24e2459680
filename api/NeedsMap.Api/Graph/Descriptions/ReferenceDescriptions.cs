namespace NeedsMap.Api.Graph.Descriptions;

/// <summary>Reference data: categories and jurisdictions.</summary>
internal static class ReferenceDescriptions
{
    public static readonly (string Key, string Text)[] Entries =
    [
        ("Category.children", "Its subcategories."),
        ("Category.parent", "Its parent; null for a top-level category."),
        ("CategoryLevel", "Which categories a count is made at."),
        ("CategoryLevel.TOP", "Top-level categories. 一级类别。"),
        ("CategoryLevel.LEAF", "Leaf categories. 末级类别。"),
        ("Jurisdiction.children", "The jurisdictions directly below it."),
        ("Jurisdiction.level", "City, street, community or grid."),
        ("Jurisdiction.parent", "The jurisdiction directly above it; null for the city."),
        ("JurisdictionLevel", "A level of the city's administrative tree. 行政层级。"),
        ("JurisdictionLevel.CITY", "The city. 市（县级市）。"),
        ("JurisdictionLevel.STREET", "A street or town. 街道（镇）。"),
        ("JurisdictionLevel.COMMUNITY", "A community or village. 社区（村）。"),
        ("Query.category", "A category by its code; null when there is none. 按编码查询类别。"),
        ("Query.jurisdiction", "A jurisdiction by its code; null when there is none. 按编码查询辖区。"),
        ("Query.need", "A need by its global id; null when it does not exist or lies outside what you may see. 按编号查询诉求。"),
        ("Query.consultation", "A consultation by its global id; null when it lies outside your jurisdiction. 按编号查询协商。"),
        ("Query.whistle", "A whistle by its global id; null when you may not see it (department staff: their department's only). 按编号查询吹哨。"),
    ];
}
