using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Loop.Scenes.Effect;

/// <summary>A scene's measured effect and every number behind it, so a reader can redo the sum.</summary>
public sealed record SceneEffect(Scene Scene, SceneVerdict Verdict, string Method, DateTimeOffset EvaluatedAt, int WeeksBefore, int WeeksAfter,
    IReadOnlyList<int> SceneWeekly, IReadOnlyList<int> ControlWeekly, Geometry ControlArea, string ControlKind,
    IReadOnlyList<string> ControlCommunityCodes, DifferenceInDifferences.Estimate Estimate, SceneInference Inference);
