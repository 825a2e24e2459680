using Microsoft.Extensions.Options;
using NeedsMap.Api.Loop.Shared;

namespace NeedsMap.Api.Loop.Dispatch;

/// <summary>The resident's side: rate a resolved whistle (which closes it), or reopen it within the window.</summary>
public sealed class WhistleFeedback(WhistleReader reader, WhistleMoves moves, TimeProvider time, IOptions<LoopOptions> options)
{
    public async Task<Whistle> RateAsync(RateWhistleInput input, CancellationToken ct)
    {
        if (input.Rating is < 1 or > 5)
        {
            throw new DomainException(ErrorCodes.InvalidInput, "A rating is 1 to 5.");
        }
        var whistle = await reader.RequireAsync(input.Id, ct);
        WhistleTransitions.Require(whistle.Status, WhistleStatus.Closed, "rated");
        whistle.Rating = input.Rating;
        return await moves.MoveAsync(whistle, WhistleStatus.Closed, "rated", null, $"{input.Rating}/5 {input.Note}".Trim(), ct);
    }

    public async Task<Whistle> ReopenAsync(ReopenWhistleInput input, CancellationToken ct)
    {
        var whistle = await reader.RequireAsync(input.Id, ct);
        WhistleTransitions.Require(whistle.Status, WhistleStatus.Reopened, "reopened");
        var now = time.GetUtcNow();
        if (whistle.ResolvedAt is { } resolved && now - resolved > options.Value.ReopenWindow)
        {
            throw new DomainException(ErrorCodes.ReopenWindowClosed,
                $"The whistle was resolved on {resolved:yyyy-MM-dd}; it could be reopened for {options.Value.ReopenWindow.TotalDays:0} days.");
        }
        whistle.Departments.ForEach(d => d.AcknowledgedAt = null);
        whistle.DueAt = now + whistle.AllowedTime;
        whistle.ResolvedAt = null;
        return await moves.MoveAsync(whistle, WhistleStatus.Reopened, "reopened", null, input.Note, ct);
    }
}
