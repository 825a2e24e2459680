namespace NeedsMap.Api.Failures;

/// <summary>
/// Whether this request ran out of its time budget, and how to say so. Declared here and implemented above (by Cost's
/// <c>RequestBudget</c>), so that the failure middleware can tell a deadline from a client who left without depending on Cost.
/// </summary>
public interface IRequestDeadline
{
    /// <summary>True once the deadline (not the client) cancelled the request.</summary>
    bool Expired { get; }

    string ExpiredMessage { get; }
}
