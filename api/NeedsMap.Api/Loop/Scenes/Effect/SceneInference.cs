namespace NeedsMap.Api.Loop.Scenes.Effect;

/// <summary>How sure a verdict is and how small an effect it could see (<see cref="SceneJudge"/>).</summary>
public sealed record SceneInference(double? StandardError, double Dispersion, double BetweenVariance, int Placebos, double CriticalLow,
    double? MinimumDetectableEffect, int PlannedWeeksAfter);
