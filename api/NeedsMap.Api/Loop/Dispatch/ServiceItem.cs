namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>One line of the service list (服务清单): for a category, which departments answer, with what service, by when.</summary>
public sealed class ServiceItem
{
    public long Id { get; init; }
    public required string CategoryCode { get; set; }
    public required string Name { get; set; }
    public required List<string> DepartmentCodes { get; set; }
    public required int DeadlineHours { get; set; }
}
