using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>Edits the service list: category → departments, service, deadline.</summary>
public sealed class ServiceList(NeedsMapDbContext db, ReferenceData reference, DepartmentDirectory departments)
{
    public const string TypeName = "ServiceItem";

    public async Task<ServiceItem> SaveAsync(ServiceItemInput input, CancellationToken cancellationToken)
    {
        if (reference.Current.FindCategory(input.CategoryCode) is null)
        {
            throw new DomainException(ErrorCodes.UnknownCategory, $"No category has the code \"{input.CategoryCode}\".");
        }
        if (input.Name.Trim().Length is 0 or > 200 || input.DeadlineHours is < 1 or > 8760 || input.DepartmentCodes.Count == 0)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "A service needs a name (1 to 200 characters), departments and a deadline of 1 to 8760 hours.");
        }
        foreach (var code in input.DepartmentCodes)
        {
            departments.Require(code);
        }
        var item = input.Id is null ? new ServiceItem { CategoryCode = "", Name = "", DepartmentCodes = [], DeadlineHours = 0 } : await RequireAsync(input.Id, cancellationToken);
        item.CategoryCode = input.CategoryCode;
        item.Name = input.Name.Trim();
        item.DepartmentCodes = [.. input.DepartmentCodes.Distinct()];
        item.DeadlineHours = input.DeadlineHours;
        if (input.Id is null)
        {
            db.Add(item);
        }
        await db.SaveChangesAsync(cancellationToken);
        return item;
    }

    public Task<List<ServiceItem>> ListAsync(string? categoryCode, CancellationToken cancellationToken) =>
        db.Set<ServiceItem>().AsNoTracking().Where(s => categoryCode == null || s.CategoryCode == categoryCode)
            .OrderBy(s => s.CategoryCode).ThenBy(s => s.Id).ToListAsync(cancellationToken);

    /// <summary>The same services as <see cref="ListAsync"/>, newest first by keyset (a page stays right while services are added).</summary>
    public Task<Connection<ServiceItem>> PageAsync(string? categoryCode, PageRequest page, CancellationToken cancellationToken) =>
        IdKeysetPaging.PageAsync(db.Set<ServiceItem>().AsNoTracking().Where(s => categoryCode == null || s.CategoryCode == categoryCode),
            s => s.Id, page, cancellationToken);

    public async Task<ServiceItem> RequireAsync(string globalId, CancellationToken cancellationToken) =>
        GlobalId.TryDecodeLong(globalId, TypeName, out var id) && await db.Set<ServiceItem>().FindAsync([id], cancellationToken) is { } item
            ? item
            : throw new DomainException(ErrorCodes.NotFound, $"No service has the id \"{globalId}\".");
}
