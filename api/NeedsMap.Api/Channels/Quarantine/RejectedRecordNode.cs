using GraphQL;
using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Graph;

namespace NeedsMap.Api.Channels.Quarantine;

/// <summary>A quarantined record by its global id: city administrators only, as <c>rejectedRecords</c> (not placed yet, so unscoped).</summary>
internal sealed class RejectedRecordNode : INodeType
{
    public string TypeName => QuarantinedRecordGraphType.TypeName;

    public string Door => "rejectedRecords";

    public async Task<object?> FindAsync(string key, IResolveFieldContext context) => NodeTypes.Number(key) is { } id
        ? await context.Service<NeedsMapDbContext>().Set<QuarantinedRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, context.CancellationToken)
        : null;
}
