namespace NeedsMap.Classification.Model;

/// <summary>What a saved model says about itself, read without loading its weights.</summary>
public sealed record NeedModelInfo(string Version, int TrainingCount, ModelEvaluation? Evaluation, DateTime CreatedAt)
{
    /// <summary>The category codes it predicts.</summary>
    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>Its calibration temperature (see <see cref="NeedModel.Temperature"/>).</summary>
    public double Temperature { get; init; } = 1;
}
