namespace NeedsMap.Api.Classification;

/// <summary>A person's verdict on a need's category: what the classifier had said, what it is, who said so and when. Feeds the next training.</summary>
public sealed class NeedLabel
{
    public long Id { get; init; }
    public required long NeedId { get; init; }
    public required string CategoryCode { get; init; }
    /// <summary>The category the need had before (the classifier's, or an earlier label's).</summary>
    public required string PreviousCategoryCode { get; init; }
    public double? PreviousConfidence { get; init; }
    public string? PreviousClassifierVersion { get; init; }
    public required string LabelledBy { get; init; }
    public required DateTimeOffset LabelledAt { get; init; }
}
