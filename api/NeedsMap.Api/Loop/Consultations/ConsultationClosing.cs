using NeedsMap.Api.Loop.Dispatch;
using NeedsMap.Api.Loop.Lists;
using NeedsMap.Api.Loop.Scenes;
using NeedsMap.Api.Loop.Shared;

namespace NeedsMap.Api.Loop.Consultations;

/// <summary>
/// Closes a consultation with its outcome, creating the scene, whistle and reform item it decided on in the same
/// commit: if any of them is refused, the consultation stays open and nothing is created.
/// </summary>
public sealed class ConsultationClosing(ConsultationReader reader, SceneWriter scenes, WhistleBlowing whistles, ReformList reforms,
    LoopCommit commit, TimeProvider time)
{
    public async Task<Consultation> CloseAsync(CloseConsultationInput input, CancellationToken ct)
    {
        var consultation = await reader.RequireOpenAsync(input.Id, ct);
        ConsultationDiscussion.Require(input.Outcome.Trim().Length is > 0 and <= 4000, ErrorCodes.InvalidInput, "The outcome has 1 to 4000 characters.");
        var scene = input.Scene is { } s ? scenes.Prepare(s, consultation.Id) : null;
        var whistle = input.Whistle is { } w ? await whistles.PrepareAsync(w, ct) : null;
        var reform = input.ReformItem is { } r ? await reforms.PrepareAsync(r, consultation.Id, ct) : null;
        consultation.Status = ConsultationStatus.Closed;
        consultation.ClosedAt = time.GetUtcNow();
        consultation.Outcome = input.Outcome.Trim();
        await commit.CommitAsync(() =>
        [
            LoopNotifications.Consultation(consultation.Id, nameof(ConsultationActivityKind.Closed), consultation.Id),
            .. whistle is null ? Array.Empty<string>() : [LoopNotifications.Whistle(whistle.Id)],
        ], ct, () => (consultation.SceneId, consultation.WhistleId, consultation.ReformItemId) = (scene?.Id, whistle?.Id, reform?.Id));
        return consultation;
    }
}
