namespace NeedsMap.DemoCity.Needs;

/// <summary>Where a need stands by its age: fresh ones are new, month-old ones mostly resolved.</summary>
internal static class StatusModel
{
    public static string For(ref Rng rng, double ageDays, bool story)
    {
        var u = rng.NextDouble();
        if (ageDays < 1)
        {
            return u < 0.7 ? "new" : "accepted";
        }
        if (ageDays < 3)
        {
            return u < 0.2 ? "new" : u < 0.7 ? "accepted" : "in_progress";
        }
        if (ageDays < 14 || story && ageDays < 45)
        {
            // The story's complaints are "handled" and come back: many stay in progress.
            return u < 0.15 ? "accepted" : u < 0.6 ? "in_progress" : u < 0.95 ? "resolved" : "closed";
        }
        if (ageDays < 60)
        {
            return u < 0.1 ? "in_progress" : u < 0.8 ? "resolved" : "closed";
        }
        return u < 0.02 ? "in_progress" : u < 0.77 ? "resolved" : "closed";
    }
}
