using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Loop.Dispatch;
using NeedsMap.Api.Needs;
using NeedsMap.Api.Needs.Graph;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Loop.Lists;

/// <summary>Adds to the reform list; a problem earns its place by needing several departments or a rule change.</summary>
public sealed class ReformList(NeedsMapDbContext db, DepartmentDirectory departments, AccessScope scope, TimeProvider time)
{
    public const string TypeName = "ReformItem";

    public async Task<ReformItem> PrepareAsync(ReformItemInput input, long? consultationId, CancellationToken cancellationToken)
    {
        if (input.Title.Trim().Length is 0 or > 200 || input.Problem.Trim().Length is 0 or > 4000 || input.Evidence.Trim().Length is 0 or > 4000)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "A reform item needs a title, the problem and the evidence.");
        }
        var codes = input.DepartmentCodes.Distinct().ToList();
        codes.ForEach(c => departments.Require(c));
        if (codes.Count < 2 && input.NeedsRuleChange != true)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "The reform list is for problems that need several departments or a rule change.");
        }
        var needIds = (input.EvidenceNeedIds ?? []).Select(id => GlobalId.TryDecodeLong(id, NeedGraphType.TypeName, out var key) ? key : -1).Distinct().ToList();
        if (needIds.Count > 0 && await db.Needs.CountAsync(n => needIds.Contains(n.Id), cancellationToken) != needIds.Count)
        {
            throw new DomainException(ErrorCodes.NotFound, "Some of the evidence needs do not exist.");
        }
        var item = new ReformItem
        {
            Title = input.Title.Trim(), Problem = input.Problem.Trim(), DepartmentCodes = codes, NeedsRuleChange = input.NeedsRuleChange ?? false,
            Evidence = input.Evidence.Trim(), EvidenceNeedIds = needIds, ConsultationId = consultationId, AddedAt = time.GetUtcNow(), AddedBy = scope.Actor,
        };
        db.Add(item);
        return item;
    }

    public async Task<ReformItem> AddAsync(ReformItemInput input, CancellationToken cancellationToken)
    {
        var item = await PrepareAsync(input, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return item;
    }

    public async Task<OneThing> CreateOneThingAsync(OneThingInput input, CancellationToken cancellationToken)
    {
        if (input.Name.Trim().Length is 0 or > 200 || input.ServiceItemIds.Count < 2)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "One thing (一件事) has a name and joins at least two services.");
        }
        var ids = input.ServiceItemIds.Select(id => GlobalId.TryDecodeLong(id, ServiceList.TypeName, out var key) ? key : -1).Distinct().ToList();
        if (await db.Set<ServiceItem>().CountAsync(s => ids.Contains(s.Id), cancellationToken) != ids.Count)
        {
            throw new DomainException(ErrorCodes.NotFound, "Some of the services do not exist.");
        }
        var bundle = new OneThing { Name = input.Name.Trim(), Description = input.Description, ServiceItemIds = ids, CreatedAt = time.GetUtcNow() };
        db.Add(bundle);
        await db.SaveChangesAsync(cancellationToken);
        return bundle;
    }
}
