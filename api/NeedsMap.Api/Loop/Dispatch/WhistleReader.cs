using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>Loads whistles whole (departments, needs, history): they are small, and subscribers need them complete.</summary>
public sealed class WhistleReader(NeedsMapDbContext db, ReferenceData reference)
{
    public const string TypeName = "Whistle";

    private IQueryable<Whistle> Whole(bool tracked) =>
        (tracked ? db.Set<Whistle>() : db.Set<Whistle>().AsNoTracking())
            .Include(w => w.Departments).Include(w => w.Needs).Include(w => w.History).AsSplitQuery();

    public Task<Whistle?> FindAsync(long id, CancellationToken cancellationToken) =>
        Whole(false).FirstOrDefaultAsync(w => w.Id == id, cancellationToken);

    /// <summary>The whistle behind a global id, tracked for change, or NOT_FOUND.</summary>
    public async Task<Whistle> RequireAsync(string globalId, CancellationToken cancellationToken) =>
        GlobalId.TryDecodeLong(globalId, TypeName, out var id)
        && await Whole(true).FirstOrDefaultAsync(w => w.Id == id, cancellationToken) is { } whistle
            ? whistle
            : throw new DomainException(ErrorCodes.NotFound, $"No whistle has the id \"{globalId}\".");

    /// <summary>The whistle behind an id if <paramref name="visible"/> (<see cref="WhistleScope"/>) lets the caller see it.</summary>
    public Task<Whistle?> FindAsync(long id, System.Linq.Expressions.Expression<Func<Whistle, bool>> visible, CancellationToken cancellationToken) =>
        Whole(false).Where(visible).FirstOrDefaultAsync(w => w.Id == id, cancellationToken);

    public async Task<List<Whistle>> ListAsync(string? departmentCode, string? jurisdictionCode, WhistleStatus? status,
        System.Linq.Expressions.Expression<Func<Whistle, bool>> visible, CancellationToken cancellationToken) =>
        await Query(departmentCode, jurisdictionCode, status, visible).OrderByDescending(w => w.BlownAt).ThenByDescending(w => w.Id).Take(500)
            .ToListAsync(cancellationToken);

    /// <summary>A page of whistles, newest first, filtered and scoped as <see cref="ListAsync"/>.</summary>
    public Task<Connection<Whistle>> PageAsync(string? departmentCode, string? jurisdictionCode, WhistleStatus? status,
        System.Linq.Expressions.Expression<Func<Whistle, bool>> visible, PageRequest page, CancellationToken cancellationToken) =>
        IdKeysetPaging.PageAsync(Query(departmentCode, jurisdictionCode, status, visible), w => w.Id, page, cancellationToken);

    private IQueryable<Whistle> Query(string? departmentCode, string? jurisdictionCode, WhistleStatus? status,
        System.Linq.Expressions.Expression<Func<Whistle, bool>> visible)
    {
        var query = Whole(false).Where(visible);
        if (departmentCode is not null)
        {
            query = query.Where(w => w.Departments.Any(d => d.DepartmentCode == departmentCode));
        }
        if (jurisdictionCode is not null)
        {
            var path = (reference.Current.FindJurisdiction(jurisdictionCode)
                ?? throw new DomainException(ErrorCodes.UnknownJurisdiction, $"No jurisdiction has the code \"{jurisdictionCode}\".")).Path;
            query = query.Where(w => w.SubjectJurisdictionPath.StartsWith(path) || w.HolderCode == jurisdictionCode);
        }
        if (status is { } s)
        {
            query = query.Where(w => w.Status == s);
        }
        return query;
    }
}
