using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Needs.Ingestion;

/// <summary>One record through <see cref="BatchIngestion"/>: a rejection becomes the GraphQL error with its code.</summary>
public sealed class NeedIngestion(BatchIngestion batch, NeedsMapDbContext db, AccessScope scope)
{
    public async Task<IngestResult> IngestAsync(IncomingNeed incoming, CancellationToken cancellationToken)
    {
        var result = await batch.IngestAsync([incoming], scope, cancellationToken);
        if (result.Rejected is [var rejection, ..])
        {
            throw new DomainException(rejection.Code, rejection.Message);
        }
        var stored = result.Accepted[0];
        var need = await db.Needs.AsNoTracking().SingleAsync(n => n.Id == stored.NeedId, cancellationToken);
        return new IngestResult(need, stored.Outcome);
    }
}
