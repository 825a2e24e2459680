using GraphQL;

namespace NeedsMap.Api.Failures;

/// <summary>
/// An error that decides the HTTP status of its answer, whether or not execution began: the database is out of reach
/// (503), a request ran out of time (504), a caller is over its budget (429). <see cref="RetryAfter"/>, when set, becomes
/// the <c>Retry-After</c> header.
/// </summary>
public sealed class StatusError : ExecutionError
{
    public StatusError(string code, string message, int status, TimeSpan? retryAfter = null) : base(message)
    {
        Code = code;
        Status = status;
        RetryAfter = retryAfter;
    }

    public int Status { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>Whole seconds, at least one, as <c>Retry-After</c> wants them.</summary>
    public static string Seconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
