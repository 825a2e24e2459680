namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>The departments and the service list a new city starts with; seeded once, then edited by the city.</summary>
public static class StandardDepartments
{
    public static readonly IReadOnlyList<Department> All =
    [
        new() { Code = "housing", Name = "住建局", NameEn = "Housing and construction bureau" },
        new() { Code = "enforcement", Name = "综合执法局", NameEn = "Comprehensive law enforcement bureau" },
        new() { Code = "environment", Name = "生态环境分局", NameEn = "Ecology and environment branch" },
        new() { Code = "transport", Name = "交通运输局", NameEn = "Transport bureau" },
        new() { Code = "education", Name = "教育局", NameEn = "Education bureau" },
        new() { Code = "health", Name = "卫健局", NameEn = "Health commission" },
        new() { Code = "police", Name = "公安局", NameEn = "Public security bureau" },
        new() { Code = "market", Name = "市场监管局", NameEn = "Market regulation bureau" },
        new() { Code = "civil_affairs", Name = "民政局", NameEn = "Civil affairs bureau" },
        new() { Code = "human_resources", Name = "人力社保局", NameEn = "Human resources and social security bureau" },
        new() { Code = "medical_security", Name = "医保局", NameEn = "Healthcare security bureau" },
    ];

    /// <summary>Category, service name, departments, deadline in hours.</summary>
    public static readonly IReadOnlyList<(string Category, string Name, string[] Departments, int DeadlineHours)> Services =
    [
        ("noise", "噪声扰民综合处置", ["enforcement", "environment"], 72),
        ("noise.construction", "夜间施工噪声查处", ["enforcement", "housing", "environment"], 72),
        ("noise.commercial", "商业噪声查处", ["enforcement", "market"], 72),
        ("noise.square_dance", "广场舞噪声劝导", ["police"], 48),
        ("traffic.parking", "停车秩序整治", ["transport", "police"], 120),
        ("education.enrollment", "入学咨询", ["education"], 168),
    ];
}
