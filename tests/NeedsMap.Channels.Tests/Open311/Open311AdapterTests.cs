using NeedsMap.Channels.Open311;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Testing;

namespace NeedsMap.Channels.Tests.Open311;

public class Open311AdapterTests
{
    private const string Project = "NeedsMap.Channels.Open311";
    private static readonly string Saved = Path.Combine(Samples.DirectoryOf(Project), "valid");

    [Fact]
    public void Georeport_fields_map_onto_the_record_in_wgs84()
    {
        var record = Samples.Parse(new Open311Adapter(), Project, "valid/requests-2026-11-26.json").Records[1];

        Assert.Equal("YW-311-000874", record.ExternalId);
        Assert.Equal(new RecordLocation(120.07, 29.332, CoordinateSystem.Wgs84), record.Location);
        Assert.Equal(RecordVersion.FromTime(DateTimeOffset.Parse("2026-11-27T11:02:00+08:00", System.Globalization.CultureInfo.InvariantCulture)), record.Version);
        Assert.Equal("closed", record.Attributes["status"]);
        Assert.Equal(RecordStatus.Closed, record.Status);
        Assert.Equal("environment.garbage", record.CategoryCode);
    }

    [Fact]
    public async Task Pulling_pages_through_the_saved_responses_yields_every_request_oldest_update_first()
    {
        var adapter = new Open311Adapter(new Open311Folder(Saved).Fetch, pageSize: 2);
        var context = new TestChannelContext();
        var pages = new List<PullBatch>();
        string? checkpoint = null;
        do
        {
            pages.Add(await adapter.PullAsync(checkpoint, context));
            checkpoint = pages[^1].NextCheckpoint;
        }
        while (pages[^1].HasMore && pages.Count < 10);

        Assert.Equal([["YW-311-000871", "YW-311-000874"], ["YW-311-000881", "YW-311-000880"], ["SR26-01122371", "SR26-01122336"], ["SR26-01122358"]],
            pages.Select(p => p.Records.Select(r => r.ExternalId).ToArray()));
        Assert.False(pages[^1].HasMore);
        var after = await adapter.PullAsync(checkpoint, context);
        Assert.Empty(after.Records);
        Assert.Equal(checkpoint, after.NextCheckpoint);
    }

    [Fact]
    public async Task The_pull_source_passes_the_conformance_kit()
    {
        var report = await AdapterConformance.CheckPullAsync(new Open311Adapter(new Open311Folder(Saved).Fetch, pageSize: 3), Samples.Options);

        Assert.True(report.Passed, report.ToString());
        Assert.Equal(7, report.RecordsChecked);
    }

    [Fact]
    public async Task An_update_after_the_checkpoint_comes_again_with_a_higher_version()
    {
        var page = """[{"service_request_id":"YW-311-000871","service_code":"STREETLIGHT","description":"fixed","requested_datetime":"2026-11-26T19:40:12+08:00","updated_datetime":"2026-11-28T08:00:00+08:00","address":"义乌市福田街道国际商贸城五区东二门"}]""";
        var adapter = new Open311Adapter((_, _) => Task.FromResult(ChannelPayload.FromText(page, "application/json")));
        var original = Samples.Parse(adapter, Project, "valid/requests-2026-11-26.json").Records[0];

        var batch = await adapter.PullAsync("2026-11-27T22:48:30.0000000+08:00", new TestChannelContext());

        var updated = Assert.Single(batch.Records);
        Assert.Equal(original.ExternalId, updated.ExternalId);
        Assert.True(updated.Version > original.Version);
    }

    [Fact]
    public async Task Without_a_fetch_there_is_nothing_to_pull()
    {
        var batch = await new Open311Adapter().PullAsync("cp", new TestChannelContext());

        Assert.Equal(new PullBatch([], [], "cp", false).NextCheckpoint, batch.NextCheckpoint);
        Assert.Empty(batch.Records);
        Assert.False(batch.HasMore);
    }

    [Fact]
    public void A_request_without_an_id_yet_is_rejected_under_its_token()
    {
        var rejected = Samples.Parse(new Open311Adapter(), Project, "invalid/requests-with-problems.json").Rejected[0];

        Assert.Equal(("12345abcde", RejectReasons.MissingField), (rejected.ExternalId, rejected.ReasonCode));
    }
}
