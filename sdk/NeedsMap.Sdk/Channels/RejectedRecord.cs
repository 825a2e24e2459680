namespace NeedsMap.Sdk;

/// <summary>
/// A record, or a whole payload, an adapter could not turn into a <see cref="NeedRecord"/>.
/// </summary>
/// <param name="ExternalId">The source's id of the record if it could be read, else <see langword="null"/>.</param>
/// <param name="ReasonCode">A stable snake_case code, one of <see cref="RejectReasons"/> or the adapter's own.</param>
/// <param name="Message">What was wrong, for an operator; never personal data.</param>
/// <param name="RawFragment">
/// The raw text of the rejected record (or payload), so an operator can fix and replay it. It is unscrubbed
/// and may hold personal data: the host keeps it only encrypted, and <see cref="ToString"/> leaves it out.
/// </param>
public sealed record RejectedRecord(string? ExternalId, string ReasonCode, string Message, string RawFragment)
{
    /// <summary>Prints everything but the raw fragment, which may hold personal data.</summary>
    public override string ToString() =>
        $"RejectedRecord {{ ExternalId = {ExternalId}, ReasonCode = {ReasonCode}, Message = {Message}, RawFragment = ({RawFragment.Length} chars) }}";
}
