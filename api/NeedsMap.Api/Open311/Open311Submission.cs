using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using NeedsMap.Api.Channels.Inbox;
using NeedsMap.Api.Channels.Plugins;
using NeedsMap.Api.Common.Telemetry;
using NeedsMap.Api.Needs.Ingestion;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Sdk.Categories;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Privacy;
using Npgsql;


namespace NeedsMap.Api.Open311;

/// <summary>
/// POST requests: a GeoReport v2 form becomes an <see cref="IncomingNeed"/> of the api_key's channel and takes the one
/// ingestion pipeline the inbox takes (placed by lat/long or by address_string in the gazetteer, classified, stored,
/// announced, counted). service_code names the category; <c>other.general</c> ("fits nowhere") leaves it to the classifier.
/// A request the pipeline refuses is answered with the specification's 400 and the pipeline's code, and nothing is stored.
/// The reporter's name and phone are stored only encrypted, as every channel's contacts; email, device_id and account_id
/// only make the reporter key (a salted hash) that counts distinct residents.
/// </summary>
public sealed class Open311Submission(BatchIngestion ingestion, ChannelStats stats, NpgsqlDataSource dataSource, ReferenceData reference,
    TimeProvider time, IOptions<ChannelPluginOptions> plugins)
{
    private readonly PersonalData _personalData = new(plugins.Value.IdentitySalt);

    public async Task<Open311Created> SubmitAsync(string channel, IFormCollection form, CancellationToken cancellationToken)
    {
        var snapshot = reference.Current;
        var code = Value(form, "service_code") ?? throw new Open311Exception(StatusCodes.Status400BadRequest, "service_code was not provided.");
        var category = snapshot.FindCategory(code) ?? throw new Open311Exception(StatusCodes.Status404NotFound, $"service_code \"{code}\" was not found.");
        var (lat, lon) = (Value(form, "lat"), Value(form, "long"));
        var address = Value(form, "address_string");
        GeoPoint? location = null;
        if (lat is not null || lon is not null)
        {
            location = double.TryParse(lat, NumberStyles.Float, CultureInfo.InvariantCulture, out var y)
                && double.TryParse(lon, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
                ? new GeoPoint(x, y)
                : throw new Open311Exception(StatusCodes.Status400BadRequest, "lat and long are both needed, as decimal degrees (WGS-84).");
        }
        else if (address is null)
        {
            throw new Open311Exception(StatusCodes.Status400BadRequest, "A location is needed: lat and long, or address_string.");
        }
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var name = string.Join(' ', new[] { Value(form, "last_name"), Value(form, "first_name") }.OfType<string>());
        var identity = Value(form, "account_id") ?? Value(form, "email") ?? Value(form, "phone") ?? Value(form, "device_id");
        var incoming = new IncomingNeed(channel, Open311RequestReader.TokenPrefix + token, 1, time.GetUtcNow(),
            Value(form, "description") ?? category.Name, location, CoordinateSystem.Wgs84, address,
            code == StandardTaxonomy.Other ? null : code, "open311:" + channel)
        {
            ReporterKey = identity is null ? null : _personalData.HashIdentity(identity),
            Contact = name.Length > 0 || Value(form, "phone") is not null ? new ReporterContact(name.Length > 0 ? name : null, Value(form, "phone"), null) : null,
        };
        var result = await ingestion.IngestAsync([incoming], null, cancellationToken);
        if (result.Rejected is [var rejection, ..])
        {
            throw new Open311Exception(StatusCodes.Status400BadRequest, $"{rejection.Code}: {rejection.Message}");
        }
        // A request has a fresh token for its external id, so it is always a new need: counted as stored.
        await stats.RecordAsync(channel, new DeliveryCounts(1, 0, 0, 0), null, cancellationToken);
        NeedsMapMetrics.Ingested(channel, ReceiptOutcome.Stored, 1);
        var id = result.Accepted[0].NeedId;
        return new Open311Created(id.ToString(CultureInfo.InvariantCulture), token, await NoticeAsync(id, cancellationToken), Value(form, "account_id"));
    }

    /// <summary>What became of it, in the city's words: its category (the classifier's, if it chose) and its community.</summary>
    private async Task<string> NoticeAsync(long id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT category_code, jurisdiction_code FROM needs WHERE id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var snapshot = reference.Current;
        return $"已受理：{snapshot.FindCategory(reader.GetString(0))?.Name}，{snapshot.FindJurisdiction(reader.GetString(1))?.Name}。"
            + $"Received; its status is at requests/{id}.";
    }

    private static string? Value(IFormCollection form, string name) =>
        form.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value.ToString()) ? value.ToString().Trim() : null;
}
