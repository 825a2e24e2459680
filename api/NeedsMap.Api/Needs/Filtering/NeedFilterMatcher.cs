using NeedsMap.Api.Filtering;
using NeedsMap.Api.Reference;
using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Needs.Filtering;

/// <summary>
/// Evaluates a <see cref="NeedFilter"/> against one need in memory, for subscriptions, which see needs one at
/// a time as they change. It must agree with <see cref="NeedFilterSql"/>: NeedFilterAgreementTests throws thousands of
/// random filters, edges included, at both over the same needs in PostGIS and requires the same answer.
/// </summary>
public sealed class NeedFilterMatcher(ReferenceData reference)
{
    public bool Matches(NeedFilter? filter, Need need) => filter is null || Evaluate(filter, need);

    private bool Evaluate(NeedFilter f, Need n)
    {
        var snapshot = reference.Current;
        if (f.CategoryIn is { } categories
            && !categories.Any(c => snapshot.CategoryWithDescendants(c)?.Contains(n.CategoryCode) == true))
        {
            return false;
        }
        if (f.ChannelIn is { } channels && !channels.Contains(n.ChannelCode))
        {
            return false;
        }
        if (f.StatusIn is { } statuses && !statuses.Contains(n.Status))
        {
            return false;
        }
        if (f.JurisdictionIn is { } jurisdictions && !jurisdictions.Any(code =>
                snapshot.FindJurisdiction(code) is { } j && n.JurisdictionPath.StartsWith(j.Path, StringComparison.Ordinal)))
        {
            return false;
        }
        if ((f.ReceivedFrom is { } from && n.ReceivedAt < from) || (f.ReceivedBefore is { } before && n.ReceivedAt >= before))
        {
            return false;
        }
        if (f.TextContains is { } text && !NeedText.Contains(n.Text, text))
        {
            return false;
        }
        if (f.MaskedTextContains is { } masked && !NeedText.Contains(Security.Privacy.PersonalDataMask.Scrub(n.Text), masked))
        {
            return false;
        }
        if ((f.Within is { } within && !within.Contains(n.Location)) || (f.Intersects is { } intersects && !intersects.Intersects(n.Location)))
        {
            return false;
        }
        if (f.Near is { Point: Point p } near && SpheroidDistance.Meters(p.Y, p.X, n.Location.Y, n.Location.X) > near.Reach)
        {
            return false;
        }
        if (f.Bbox is { } b && !(n.Location.X >= b.West && n.Location.X <= b.East && n.Location.Y >= b.South && n.Location.Y <= b.North))
        {
            return false;
        }
        if (f.ReporterKeyIn is { } reporters && (n.ReporterKey is null || !reporters.Contains(n.ReporterKey)))
        {
            return false;
        }
        if (f.And is { } and && !and.All(child => Evaluate(child, n)))
        {
            return false;
        }
        if (f.Or is { Count: > 0 } or && !or.Any(child => Evaluate(child, n)))
        {
            return false;
        }
        return f.Not is not { } not || !Evaluate(not, n);
    }
}
