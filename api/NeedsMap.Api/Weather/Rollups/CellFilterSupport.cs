using NeedsMap.Api.Filtering;

namespace NeedsMap.Api.Weather.Rollups;

/// <summary>
/// The part of <see cref="NeedFilter"/> the rollups can answer: categoryIn, channelIn and jurisdictionIn (by the
/// jurisdiction of the cell's centre), combined freely with and, or, not. Time comes from the window argument.
/// </summary>
public static class CellFilterSupport
{
    /// <summary>True when the filter asks about jurisdictions only, so the category-blind time blocks can answer it.</summary>
    public static bool JurisdictionsOnly(NeedFilter? filter) => filter is null
        || (filter.CategoryIn is null && filter.ChannelIn is null
            && (filter.And ?? []).Concat(filter.Or ?? []).Append(filter.Not).All(JurisdictionsOnly));

    /// <summary>
    /// True when the filter asks about categories and jurisdictions only (no channelIn at any depth), so the rows kept per
    /// cell and category (<see cref="CellCategoryWindowCounts"/>) can answer it: each row has one category and one cell, so
    /// every condition, negated or not, is true or false for all the needs in it alike.
    /// </summary>
    public static bool CategoriesAndJurisdictionsOnly(NeedFilter? filter) => filter is null
        || (filter.ChannelIn is null
            && (filter.And ?? []).Concat(filter.Or ?? []).Append(filter.Not).All(CategoriesAndJurisdictionsOnly));

    public static void Require(NeedFilter? filter)
    {
        if (filter is null)
        {
            return;
        }
        var unsupported = new List<string>();
        if (filter.StatusIn is not null) unsupported.Add("statusIn");
        if (filter.ReceivedFrom is not null) unsupported.Add("receivedFrom (use window)");
        if (filter.ReceivedBefore is not null) unsupported.Add("receivedBefore (use window)");
        if (filter.TextContains is not null || filter.MaskedTextContains is not null) unsupported.Add("textContains");
        if (filter.ReporterKeyIn is not null) unsupported.Add("own records (a resident's or integrator's scope; cells are area aggregates)");
        if (filter.Within is not null) unsupported.Add("within");
        if (filter.Intersects is not null) unsupported.Add("intersects");
        if (filter.Near is not null) unsupported.Add("near");
        if (filter.Bbox is not null) unsupported.Add("bbox (use the bbox argument)");
        if (unsupported.Count > 0)
        {
            throw new DomainException(ErrorCodes.UnsupportedCellFilter,
                $"Cells are counted by category, channel, jurisdiction and day only; they cannot filter by {string.Join(", ", unsupported)}.");
        }
        foreach (var child in (filter.And ?? []).Concat(filter.Or ?? []).Append(filter.Not))
        {
            Require(child);
        }
    }
}
