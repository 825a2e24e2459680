using NeedsMap.Sdk.Categories;

namespace NeedsMap.Sdk;

/// <summary>
/// One resident's need as a channel reported it, already cleaned of personal data except inside
/// <see cref="Contact"/>. Two records are equal when every field is, attributes and notes compared by content,
/// so the host can tell a redelivery from a change.
/// </summary>
public sealed record NeedRecord
{
    private static readonly IReadOnlyDictionary<string, string> NoAttributes = new Dictionary<string, string>(0);

    /// <summary>The most <see cref="Attributes"/> the host keeps for a record.</summary>
    public const int MaxAttributes = 100;

    /// <summary>The longest attribute key (64) and value (2,000) the host keeps.</summary>
    public const int MaxAttributeKeyLength = 64, MaxAttributeValueLength = 2000;

    /// <summary>The most <see cref="Notes"/> the host keeps for a record.</summary>
    public const int MaxNotes = 200;

    /// <summary>The source's own id of the record (work order number, request id); stable across deliveries.</summary>
    public required string ExternalId { get; init; }

    /// <summary>
    /// Grows with every change the source makes to the record: its update time (see
    /// <see cref="RecordVersion.FromTime"/>) or revision. The host keeps each version and ignores a
    /// delivery whose version it already has or has passed.
    /// </summary>
    public required long Version { get; init; }

    /// <summary>When the source received the need (the call, the post), not when the host ingested it.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>What the resident asked for, scrubbed of personal data (see <see cref="Privacy.PersonalData.ScrubText"/>).</summary>
    public required string Text { get; init; }

    /// <summary>Where the need is, in the datum the channel sends; <see langword="null"/> when only an address is known.</summary>
    public RecordLocation? Location { get; init; }

    /// <summary>The address as the source wrote it, scrubbed of personal data; <see langword="null"/> if none.</summary>
    public string? Address { get; init; }

    /// <summary>The channel's own category label, e.g. <c>城乡建设/噪声污染</c>.</summary>
    public string? ChannelCategory { get; init; }

    /// <summary>The <see cref="StandardTaxonomy"/> code the adapter mapped the need to, if it could.</summary>
    public string? CategoryCode { get; init; }

    /// <summary>Who reported it, as far as can be said without identifying them.</summary>
    public ReporterAttributes Reporter { get; init; } = ReporterAttributes.Unknown;

    /// <summary>The reporter's contact details in clear, for the host to store encrypted; <see langword="null"/> if none.</summary>
    public SensitiveContact? Contact { get; init; }

    /// <summary>
    /// Further non-personal fields worth keeping (handling unit, source sub-channel, the source's own status word); the host
    /// stores them with the need. Keys in snake_case.
    /// </summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = NoAttributes;

    /// <summary>
    /// Where the source says the need stands, mapped to the host's states; <see langword="null"/> when the source does not
    /// say. A new need starts as <see cref="RecordStatus.New"/> unless this says otherwise; a newer version that says
    /// otherwise moves the need, and the move is kept in its history.
    /// </summary>
    public RecordStatus? Status { get; init; }

    /// <summary>The source's own history of the record (notes, status changes), oldest first; each is kept once.</summary>
    public IReadOnlyList<RecordNote> Notes { get; init; } = [];

    /// <summary>Compares every field, <see cref="Attributes"/> by content.</summary>
    public bool Equals(NeedRecord? other) =>
        other is not null
        && ExternalId == other.ExternalId
        && Version == other.Version
        && ReceivedAt.Equals(other.ReceivedAt)
        && ReceivedAt.Offset == other.ReceivedAt.Offset
        && Text == other.Text
        && Equals(Location, other.Location)
        && Address == other.Address
        && ChannelCategory == other.ChannelCategory
        && CategoryCode == other.CategoryCode
        && Reporter.Equals(other.Reporter)
        && Equals(Contact, other.Contact)
        && AttributesEqual(Attributes, other.Attributes)
        && Status == other.Status
        && Notes.SequenceEqual(other.Notes);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(ExternalId);
        hash.Add(Version);
        hash.Add(ReceivedAt);
        hash.Add(Text);
        hash.Add(Location);
        hash.Add(Address);
        hash.Add(ChannelCategory);
        hash.Add(CategoryCode);
        hash.Add(Reporter);
        hash.Add(Contact);
        hash.Add(Attributes.Count);
        hash.Add(Status);
        hash.Add(Notes.Count);
        return hash.ToHashCode();
    }

    private static bool AttributesEqual(IReadOnlyDictionary<string, string> left, IReadOnlyDictionary<string, string> right) =>
        ReferenceEquals(left, right)
        || (left.Count == right.Count
            && left.All(pair => right.TryGetValue(pair.Key, out var value) && string.Equals(value, pair.Value, StringComparison.Ordinal)));
}
