using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Loop.Shared;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>Blows a whistle: everything is checked first, then the whistle, its needs' moves and the announcement commit together.</summary>
public sealed class WhistleBlowing(NeedsMapDbContext db, WhistleSubjects subjects, DepartmentDirectory departments, ReferenceData reference,
    NeedStatusSync needs, LoopCommit commit, AccessScope scope, TimeProvider time)
{
    public const int DefaultDeadlineHours = 72;

    public async Task<Whistle> PrepareAsync(BlowWhistleInput input, CancellationToken cancellationToken)
    {
        var blower = reference.Current.FindJurisdiction(input.BlownBy)
            ?? throw new DomainException(ErrorCodes.UnknownJurisdiction, $"No jurisdiction has the code \"{input.BlownBy}\".");
        if (blower.Level == JurisdictionLevel.City)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "Whistles are blown by a community or a street.");
        }
        if (input.DeadlineHours is < 1 or > 8760 || input.Title?.Length > 200 || input.Note?.Length > 2000)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "deadlineHours is 1 to 8760, title at most 200 characters, note 2000.");
        }
        var subject = await subjects.ResolveAsync(input, cancellationToken);
        var category = reference.Current.FindCategory(subject.CategoryCode)
            ?? throw new DomainException(ErrorCodes.UnknownCategory, $"No category has the code \"{subject.CategoryCode}\".");
        var service = await FindServiceAsync(category.Code, cancellationToken);
        var codes = (input.DepartmentCodes is { Count: > 0 } given ? given : service?.DepartmentCodes ?? []).Distinct().ToList();
        if (codes.Count == 0)
        {
            throw new DomainException(ErrorCodes.InvalidInput, $"No service in the list answers {category.Code}: name the departments.");
        }
        codes.ForEach(c => departments.Require(c));
        var now = time.GetUtcNow();
        var allowed = TimeSpan.FromHours(input.DeadlineHours ?? service?.DeadlineHours ?? DefaultDeadlineHours);
        var place = reference.Current.FindJurisdiction(subject.JurisdictionCode)!;
        var whistle = new Whistle
        {
            Title = input.Title ?? $"{place.Name}·{category.Name}", BlownByCode = blower.Code, HolderCode = blower.Code, HolderLevel = blower.Level,
            CategoryCode = subject.IsKeyMatter ? category.Code : null, SubjectJurisdictionCode = subject.JurisdictionCode,
            SubjectJurisdictionPath = subject.JurisdictionPath, BlownAt = now, AllowedTime = allowed, DueAt = now + allowed,
            Departments = codes.Select(c => new WhistleDepartment { DepartmentCode = c }).ToList(),
            Needs = subject.Needs.Select(n => new WhistleNeed { NeedId = n.Id }).ToList(),
        };
        whistle.History.Add(new WhistleHistoryEntry
        {
            At = now, Actor = scope.Actor, Kind = "blown", ToStatus = WhistleStatus.Blown,
            Note = input.Note ?? $"{blower.Name}吹哨 → {string.Join("、", codes.Select(c => departments.Find(c)!.Name))}",
        });
        db.Add(whistle);
        await needs.FollowAsync(whistle, scope.Actor, "whistle blown", now, cancellationToken);
        return whistle;
    }

    public async Task<Whistle> BlowAsync(BlowWhistleInput input, CancellationToken cancellationToken)
    {
        var whistle = await PrepareAsync(input, cancellationToken);
        await commit.CommitAsync(() => [LoopNotifications.Whistle(whistle.Id)], cancellationToken);
        return whistle;
    }

    /// <summary>The service for the category, or for its parent when the leaf has none.</summary>
    private async Task<ServiceItem?> FindServiceAsync(string categoryCode, CancellationToken cancellationToken)
    {
        var parent = reference.Current.FindCategory(categoryCode)?.ParentCode;
        var services = await db.Set<ServiceItem>().AsNoTracking()
            .Where(s => s.CategoryCode == categoryCode || s.CategoryCode == parent).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        return services.FirstOrDefault(s => s.CategoryCode == categoryCode) ?? services.FirstOrDefault();
    }
}
