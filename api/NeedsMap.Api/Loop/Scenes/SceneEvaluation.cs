using NeedsMap.Api.Data;
using NeedsMap.Api.Loop.Scenes.Effect;

namespace NeedsMap.Api.Loop.Scenes;

/// <summary>Measures a scene's effect now and stores the verdict; NO_EFFECT flags it for re-planning (evaluateScene, the demo story).</summary>
public sealed class SceneEvaluation(SceneEffectCalculator calculator, NeedsMapDbContext db)
{
    public async Task<SceneEffect> EvaluateAsync(Scene scene, CancellationToken cancellationToken)
    {
        var effect = await calculator.EvaluateAsync(scene, null, cancellationToken);
        scene.Verdict = effect.Verdict;
        scene.EvaluatedAt = effect.EvaluatedAt;
        scene.NeedsReplanning = effect.Verdict == SceneVerdict.NoEffect || (scene.NeedsReplanning && effect.Verdict == SceneVerdict.TooEarly);
        await db.SaveChangesAsync(cancellationToken);
        return effect;
    }
}
