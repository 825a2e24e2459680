using System.Collections.ObjectModel;
using Microsoft.Extensions.Logging;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Sdk.Testing;

/// <summary>
/// An <see cref="IChannelContext"/> for tests: a clock that moves only when told, a fixed salt, and a logger
/// that keeps what the adapter logged so a test can look at it.
/// </summary>
public sealed class TestChannelContext : IChannelContext
{
    /// <summary>The salt the test context hashes with unless given another.</summary>
    public const string DefaultSalt = "needsmap-test-salt";

    /// <summary>The time the test clock starts at unless given another: 2026-12-01 00:00 UTC.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly ManualClock _clock;
    private readonly RecordingLogger _logger = new();

    /// <summary>Creates a context.</summary>
    /// <param name="now">Where the clock starts; <see cref="DefaultNow"/> if not given.</param>
    /// <param name="salt">The salt reporter keys are hashed with.</param>
    /// <param name="cancellationToken">The token handed to the adapter.</param>
    public TestChannelContext(DateTimeOffset? now = null, string salt = DefaultSalt, CancellationToken cancellationToken = default)
    {
        _clock = new ManualClock(now ?? DefaultNow);
        PersonalData = new PersonalData(salt);
        CancellationToken = cancellationToken;
    }

    /// <inheritdoc />
    public ILogger Logger => _logger;

    /// <inheritdoc />
    public TimeProvider Clock => _clock;

    /// <inheritdoc />
    public CancellationToken CancellationToken { get; }

    /// <inheritdoc />
    public PersonalData PersonalData { get; }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, string> Settings { get; init; } = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Everything logged through <see cref="Logger"/>, oldest first.</summary>
    public IReadOnlyList<TestLogEntry> Logs => _logger.Entries;

    /// <summary>Moves the clock on.</summary>
    public void AdvanceClock(TimeSpan by) => _clock.Advance(by);

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}

/// <summary>One message an adapter logged.</summary>
/// <param name="Level">Its level.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with it, if any.</param>
public sealed record TestLogEntry(LogLevel Level, string Message, Exception? Exception);
