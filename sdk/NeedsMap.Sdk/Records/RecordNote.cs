namespace NeedsMap.Sdk;

/// <summary>
/// One entry of a record's own history at its source (a case worker's note, a status change), kept by the host in the
/// need's history. The host stores each note once: a redelivery repeating it adds nothing.
/// </summary>
/// <param name="At">When the source wrote it.</param>
/// <param name="Kind">The source's kind of entry in snake_case, e.g. <c>opened</c>, <c>activity</c>, <c>closed</c>; at most 32 characters.</param>
/// <param name="Text">What it says, scrubbed of personal data like <see cref="NeedRecord.Text"/>; at most 2,000 characters.</param>
public sealed record RecordNote(DateTimeOffset At, string Kind, string Text)
{
    /// <summary>The longest <see cref="Kind"/> the host keeps.</summary>
    public const int MaxKindLength = 32;

    /// <summary>The longest <see cref="Text"/> the host keeps.</summary>
    public const int MaxTextLength = 2000;
}
