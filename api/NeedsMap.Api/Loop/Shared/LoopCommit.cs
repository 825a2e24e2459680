using Microsoft.EntityFrameworkCore;
using NeedsMap.Api.Data;
using NeedsMap.Api.Needs.Events;
using Npgsql;

namespace NeedsMap.Api.Loop.Shared;

/// <summary>
/// Saves a mutation's changes and announces them in one transaction: subscribers on every server hear of a
/// change only once it is committed, and a failure leaves nothing behind.
/// </summary>
public sealed class LoopCommit(NeedsMapDbContext db)
{
    private readonly HashSet<long> _changedNeeds = [];

    public void NeedChanged(long needId) => _changedNeeds.Add(needId);

    /// <param name="link">Runs once new rows have their ids, to point rows at each other; saved in the same transaction.</param>
    public async Task CommitAsync(Func<IEnumerable<string>> payloads, CancellationToken cancellationToken, Action? link = null)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new DomainException(ErrorCodes.ConcurrentChange, "It was changed by someone else meanwhile; read it again and retry.");
        }
        if (link is not null)
        {
            link();
            await db.SaveChangesAsync(cancellationToken);
        }
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        foreach (var payload in payloads())
        {
            await LoopNotifications.NotifyAsync(connection, payload, cancellationToken);
        }
        foreach (var id in _changedNeeds)
        {
            await NeedNotifications.NotifyAsync(connection, NeedChangeKind.Updated, id, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        _changedNeeds.Clear();
    }
}
