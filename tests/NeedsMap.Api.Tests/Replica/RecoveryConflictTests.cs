using NeedsMap.Api.Failures;
using Npgsql;

namespace NeedsMap.Api.Tests.Replica;

/// <summary>A read the standby cancels for its replay is "try again" (SERVICE_UNAVAILABLE, 503), not an internal fault.</summary>
public sealed class RecoveryConflictTests
{
    [Fact]
    public void A_read_cancelled_by_the_standbys_replay_is_unavailable_not_internal()
    {
        var conflict = new PostgresException("canceling statement due to conflict with recovery", "ERROR", "ERROR", PostgresErrorCodes.SerializationFailure);
        Assert.True(DatabaseFailure.IsUnavailable(new InvalidOperationException("wrapped", conflict)));
        Assert.True(DatabaseFailure.IsUnavailable(new PostgresException("database \"x\" was dropped", "FATAL", "FATAL", PostgresErrorCodes.DatabaseDropped)));
    }

    [Fact]
    public void A_serialization_failure_on_the_primary_stays_what_it_was()
    {
        var serializable = new PostgresException("could not serialize access due to concurrent update", "ERROR", "ERROR", PostgresErrorCodes.SerializationFailure);
        Assert.False(DatabaseFailure.IsUnavailable(serializable));
    }
}
