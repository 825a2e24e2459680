namespace NeedsMap.Api.Classification;

/// <param name="FromLabelledNeeds">Add every need a person labelled (its latest label) to the shipped corpus.</param>
/// <param name="Csv">More labelled texts, as CSV with a header: <c>text,category</c> (RFC 4180, UTF-8).</param>
public sealed record TrainClassifierInput(bool FromLabelledNeeds = true, string? Csv = null);
