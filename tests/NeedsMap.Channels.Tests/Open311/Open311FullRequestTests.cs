using System.Globalization;
using NeedsMap.Channels.Open311;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Testing;

namespace NeedsMap.Channels.Tests.Open311;

/// <summary>
/// GeoReport v2 requests as endpoints with extensions (Chicago's shape: notes, attributes, extended_attributes, expected
/// dates, zip codes, opaque service codes with telling names) answer them, kept whole.
/// </summary>
public class Open311FullRequestTests
{
    private const string Project = "NeedsMap.Channels.Open311";

    private static IReadOnlyList<NeedRecord> Extended() => Samples.Parse(new Open311Adapter(), Project, "valid/requests-2026-11-28-extended.json").Records;

    private static NeedRecord One(string json, IReadOnlyDictionary<string, string>? settings = null)
    {
        var context = new TestChannelContext { Settings = settings ?? new Dictionary<string, string>() };
        var result = new Open311Adapter().Parse(ChannelPayload.FromText(json, "application/json"), context);
        Assert.Empty(result.Rejected);
        return Assert.Single(result.Records);
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void Notes_become_the_records_notes_oldest_first_scrubbed_with_their_kind()
    {
        var pothole = Extended().Single(r => r.ExternalId == "SR26-01122358");

        Assert.Equal(
        [
            new RecordNote(At("2026-11-27T17:05:10+08:00"), "opened", "Request opened"),
            new RecordNote(At("2026-11-28T10:00:00+08:00"), "activity", "Inspected — Crew on site, cold patch applied."),
            new RecordNote(At("2026-11-28T15:22:31+08:00"), "closed", "Request closed — Completed - pothole patched."),
        ], pothole.Notes);
        var nested = Extended().Single(r => r.ExternalId == "SR26-01122371");
        Assert.Equal(["opened", "closed", "reopened"], nested.Notes.Select(n => n.Kind));
        var withPhone = One("""
            [{"service_request_id":"N1","description":"路灯不亮","requested_datetime":"2026-11-28T07:00:00+08:00","address":"义乌市稠城街道",
              "notes":[{"datetime":"2026-11-28T08:00:00+08:00","summary":"Called back 13905791122","type":"activity"},{"summary":"no time","type":"activity"}]}]
            """);
        var note = Assert.Single(withPhone.Notes);
        Assert.DoesNotContain("13905791122", note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Statuses_map_to_the_hosts_states_refined_by_the_notes_and_back_to_open_and_closed()
    {
        var byId = Extended().ToDictionary(r => r.ExternalId);

        Assert.Equal(RecordStatus.InProgress, byId["SR26-01122336"].Status); // open, a work order created
        Assert.Equal(RecordStatus.Closed, byId["SR26-01122358"].Status);
        Assert.Equal(RecordStatus.Reopened, byId["SR26-01122371"].Status); // closed once, re-opened since
        Assert.Equal(RecordStatus.New, Samples.Parse(new Open311Adapter(), Project, "valid/requests-2026-11-26.json").Records[0].Status);
        Assert.Equal(RecordStatus.Assigned, Open311Status.FromOpen311("acknowledged", []));
        Assert.Null(Open311Status.FromOpen311("on_hold_by_vendor", []));

        var adapter = new Open311Adapter();
        Assert.Equal(["open", "open", "open", "closed", "closed", "open"], Enum.GetValues<RecordStatus>().Select(adapter.ToChannelStatus));
        foreach (var status in Enum.GetValues<RecordStatus>())
        {
            Assert.Equal(adapter.ToChannelStatus(status) == "closed", Open311Status.FromOpen311(adapter.ToChannelStatus(status), []) == RecordStatus.Closed);
        }
    }

    [Fact]
    public void Attributes_extended_attributes_expected_dates_and_zip_codes_are_kept_as_record_attributes()
    {
        var light = Extended().Single(r => r.ExternalId == "SR26-01122336");

        Assert.Equal("ALLEY LIGHT OUT", light.Attributes["attribute.whattype"]);
        Assert.Equal("3", light.Attributes["attribute.howmanyl"]);
        Assert.Equal("ON POLE,ON WOOD POLE", light.Attributes["attribute.isthelig"]);
        Assert.Equal("Mobile Device", light.Attributes["extended.channel"]);
        Assert.Equal("false", light.Attributes["extended.duplicate"]);
        Assert.Equal("稠城", light.Attributes["extended.ward"]);
        Assert.Equal("322000", light.Attributes["zipcode"]);
        Assert.Equal("2026-12-05T07:12:44.0000000+08:00", light.Attributes["expected_datetime"]);
        Assert.Equal("YW-ADDR-0077412", light.Attributes["address_id"]);
        Assert.Equal("Street light repairs are typically completed within 7 days.", light.Attributes["service_notice"]);
        Assert.Equal("4ffa9f2d6018277d400000c8", light.Attributes["service_code"]);
        Assert.False(light.Attributes.ContainsKey("extended.parent_service_request_id"), "a null says nothing");
        Assert.Equal("CURB LANE", Extended().Single(r => r.ExternalId == "SR26-01122358").Attributes["attribute.whereisthepothole"]);
    }

    [Fact]
    public void Attributes_that_identify_a_person_are_dropped_and_phones_in_values_are_scrubbed()
    {
        var record = One("""
            [{"service_request_id":"P1","description":"垃圾没人收","requested_datetime":"2026-11-28T07:00:00+08:00","address":"义乌市稠城街道",
              "attributes":[{"code":"email","value":"wang@example.com"},{"code":"CALLBACK","value":"请拨13905791122"}],
              "extended_attributes":{"first_name":"Wang","phone":"13905791122","channel":"Phone Call"}}]
            """);

        Assert.DoesNotContain(record.Attributes, a => a.Value.Contains("wang@example.com", StringComparison.Ordinal) || a.Value == "Wang");
        Assert.DoesNotContain("13905791122", record.Attributes["attribute.callback"], StringComparison.Ordinal);
        Assert.Equal("Phone Call", record.Attributes["extended.channel"]);
    }

    [Fact]
    public void Street_light_out_maps_through_the_citys_table_and_an_edited_table_takes_over()
    {
        const string request = """
            [{"service_request_id":"L1","service_code":"4ffa9f2d6018277d400000c8","service_name":"Street Light Out Complaint",
              "description":"Dark street","requested_datetime":"2026-11-28T07:00:00+08:00","address":"义乌市稠城街道"}]
            """;
        Assert.Equal("utilities.streetlight", One(request).CategoryCode);

        var table = Path.Combine(Path.GetTempPath(), $"open311-services-{Guid.NewGuid():N}.csv");
        try
        {
            File.WriteAllLines(table, ["match,category", "# the city decided dark streets are a safety matter", "4ffa9f2d6018277d400000c8,security.theft",
                "Street Light Out,no.such.category"]);
            var settings = new Dictionary<string, string> { [Open311ServiceMap.FileSetting] = table };
            Assert.Equal("security.theft", One(request, settings).CategoryCode);
            Assert.Equal(1, Open311ServiceMap.Load(table).Skipped);

            File.WriteAllLines(table, ["Street Light Out,utilities.power"]);
            File.SetLastWriteTimeUtc(table, DateTime.UtcNow.AddMinutes(1));
            Assert.Equal("utilities.power", One(request, settings).CategoryCode);
        }
        finally
        {
            File.Delete(table);
        }
    }

    [Fact]
    public void A_point_abroad_is_kept_for_the_host_to_report_outside_the_city_while_swapped_coordinates_are_refused()
    {
        var chicago = One("""
            [{"service_request_id":"C1","service_name":"Pothole in Street Complaint","description":"Pothole","status":"open",
              "requested_datetime":"2026-11-28T07:00:00-06:00","lat":41.8781,"long":-87.6298}]
            """);
        Assert.Equal(new RecordLocation(-87.6298, 41.8781, NeedsMap.Sdk.Geo.CoordinateSystem.Wgs84), chicago.Location);
        Assert.Equal("traffic.road_damage", chicago.CategoryCode);

        var swapped = new Open311Adapter().Parse(ChannelPayload.FromText("""
            [{"service_request_id":"S1","description":"积水","requested_datetime":"2026-11-28T07:00:00+08:00","lat":120.0728,"long":29.3062}]
            """, "application/json"), new TestChannelContext());
        Assert.Equal(RejectReasons.InvalidField, Assert.Single(swapped.Rejected).ReasonCode);
    }
}
