using NeedsMap.Api.Jurisdictions;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Sdk.Categories;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Records;
using NetTopologySuite.Geometries;

namespace NeedsMap.Api.Needs.Ingestion;

/// <summary>
/// Everything about a record that needs no database: limits, known codes, datum conversion, placing by address,
/// classification and weight. A bad record becomes a <see cref="DomainException"/> with its code.
/// </summary>
public sealed class NeedPreparer(ReferenceData reference, AddressGazetteer gazetteer, IEnumerable<ITextCategorizer> categorizers,
    ContactProtector contacts, Reference.ExternalLabelMap externalLabels, TimeProvider time, IConfiguration configuration)
{
    /// <summary>How far past the server's clock a received time may lie (<c>NeedsMap:Ingestion:AheadOfClock</c>, by default the SDK's day).</summary>
    private readonly TimeSpan _aheadOfClock = configuration.GetValue<TimeSpan?>("NeedsMap:Ingestion:AheadOfClock") ?? ReceivedTimes.ClockSkew;

    public const int MaxTextLength = 4000;
    public const int MaxExternalIdLength = 128;
    public const int MaxAddressLength = 500;

    internal PreparedNeed Prepare(int index, IncomingNeed incoming)
    {
        var snapshot = reference.Current;
        var channel = snapshot.FindChannel(incoming.ChannelCode)
            ?? throw new DomainException(ErrorCodes.UnknownChannel, $"No channel has the code \"{incoming.ChannelCode}\".");
        var text = incoming.Text.Trim();
        Require(text.Length is > 0 and <= MaxTextLength, $"The text must have 1 to {MaxTextLength} characters.");
        // PostgreSQL text cannot hold NUL; refused here as a client error rather than failing in the database.
        Require(!text.Contains('\0') && !incoming.ExternalId.Contains('\0') && incoming.Address?.Contains('\0') != true,
            "Texts, ids and addresses must not contain NUL characters.");
        Require(incoming.Contact is null || new[] { incoming.Contact.Name, incoming.Contact.Phone, incoming.Contact.IdNumber }.All(v => v is null || v.Length <= 64),
            "Contact fields have at most 64 characters.");
        // A need from the future would head every newest-first list for months; a year-9999 one would overflow the case
        // pool's date arithmetic on every counting retry. The SDK's conformance check holds plugins to the same bounds.
        Require(ReceivedTimes.Plausible(incoming.ReceivedAt, time.GetUtcNow(), _aheadOfClock),
            $"The received time {incoming.ReceivedAt:O} is before 2000 or more than {_aheadOfClock.TotalHours:0.#} hours past the server's clock.");
        Require(incoming.ExternalId.Length is > 0 and <= MaxExternalIdLength, $"The external id must have 1 to {MaxExternalIdLength} characters.");
        Require(incoming.Address is null || incoming.Address.Length <= MaxAddressLength, $"The address must have at most {MaxAddressLength} characters.");
        // A retired (or merged-away) category is kept for history only: a new need never gets it.
        if (incoming.CategoryCode is { } given && snapshot.FindCategory(given) is not { RetiredAt: null })
        {
            throw new DomainException(ErrorCodes.UnknownCategory, $"No category in use has the code \"{given}\".");
        }
        var (attributes, notes) = ChannelExtras.Serialize(incoming);
        var (point, locatedBy, jurisdiction) = Place(incoming);
        var (category, confidence, version) = Categorize(incoming.CategoryCode ?? externalLabels.Resolve(incoming.ChannelCode, incoming.ChannelCategory), text);
        return new PreparedNeed(index, incoming, text, point, locatedBy, jurisdiction?.Code, jurisdiction?.Path,
            category, confidence, version, NeedWeight.Of(channel, snapshot.FindCategory(category)), contacts.Encrypt(incoming.Contact))
        {
            AttributesJson = attributes,
            NotesJson = notes,
        };
    }

    private (Point Point, LocatedBy LocatedBy, JurisdictionInfo? Jurisdiction) Place(IncomingNeed incoming)
    {
        if (incoming.Location is { } raw)
        {
            if (!double.IsFinite(raw.Longitude) || !double.IsFinite(raw.Latitude) || raw.Longitude is < -180 or > 180 || raw.Latitude is < -90 or > 90)
            {
                throw new DomainException(ErrorCodes.InvalidGeometry, "The location is not a longitude/latitude pair.");
            }
            var wgs = CoordinateConverter.ToWgs84(raw, incoming.CoordinateSystem);
            return (new Point(wgs.Longitude, wgs.Latitude) { SRID = 4326 }, LocatedBy.Coordinates, null);
        }
        if (!string.IsNullOrWhiteSpace(incoming.Address))
        {
            var match = gazetteer.Match(incoming.Address)
                ?? throw new DomainException(ErrorCodes.AddressNotFound, "The address names no known place of the city; send coordinates.");
            return (new Point(match.InteriorLongitude, match.InteriorLatitude) { SRID = 4326 }, LocatedBy.AddressGazetteer, match);
        }
        throw new DomainException(ErrorCodes.LocationRequired, "A need needs a location or an address.");
    }

    private (string Code, double? Confidence, string? Version) Categorize(string? given, string text)
    {
        if (given is not null)
        {
            return (given, null, null);
        }
        foreach (var categorizer in categorizers)
        {
            var suggestion = categorizer.Suggest(text);
            var suggested = reference.Current.FindCategory(suggestion.CategoryCode);
            // A model trained before a merge still names the merged-away category: its needs go where the city merged it.
            if (suggested is { RetiredAt: not null, MergedInto: { } into } && reference.Current.FindCategory(into) is { RetiredAt: null })
            {
                return (into, suggestion.Confidence, suggestion.ClassifierVersion);
            }
            if (suggested is { RetiredAt: null })
            {
                return (suggestion.CategoryCode, suggestion.Confidence, suggestion.ClassifierVersion);
            }
        }
        return (StandardTaxonomy.Other, null, null);
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new DomainException(ErrorCodes.InvalidInput, message);
        }
    }
}
