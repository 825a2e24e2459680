namespace NeedsMap.Classification.Model;

/// <summary>What a saved model says about itself, read without loading its weights.</summary>
public sealed record NeedModelInfo(string Version, int TrainingCount, ModelEvaluation? Evaluation, DateTime CreatedAt);
