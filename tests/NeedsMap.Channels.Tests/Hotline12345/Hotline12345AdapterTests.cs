using NeedsMap.Channels.Hotline12345;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Privacy;
using NeedsMap.Sdk.Testing;

namespace NeedsMap.Channels.Tests.Hotline12345;

public class Hotline12345AdapterTests
{
    private const string Project = "NeedsMap.Channels.Hotline12345";
    private readonly Hotline12345Adapter _adapter = new();

    [Fact]
    public void Work_order_becomes_a_need_with_the_caller_only_inside_the_contact_envelope()
    {
        var record = Assert.Single(Samples.Parse(_adapter, Project, "valid/workorder-single.json").Records);

        Assert.Equal("YW12345-20261127-000123", record.ExternalId);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 22, 41, 8, TimeSpan.FromHours(8)), record.ReceivedAt);
        Assert.Equal(RecordVersion.FromTime(new DateTimeOffset(2026, 11, 28, 9, 15, 30, TimeSpan.FromHours(8))), record.Version);
        Assert.Equal(new RecordLocation(120.098233, 29.295318, CoordinateSystem.Gcj02), record.Location);
        Assert.Equal("noise.construction", record.CategoryCode);
        Assert.Equal("城乡建设/噪声污染/建筑施工噪声", record.ChannelCategory);
        Assert.Contains("来电人手机138****1234", record.Text, StringComparison.Ordinal);
        Assert.Equal(new SensitiveContact("王小明", "13857901234", "330782198503124319"), record.Contact);
        Assert.Equal(PersonalData.HashIdentity("13857901234", TestChannelContext.DefaultSalt), record.Reporter.ReporterKey);
        Assert.Equal(AgeBand.Age35To59, record.Reporter.AgeBand);
        Assert.Equal(Gender.Male, record.Reporter.Gender);
        Assert.Equal("义乌市综合行政执法局", record.Attributes["handling_unit"]);
    }

    [Fact]
    public void Page_envelope_yields_every_row_with_special_groups_and_confidentiality_requests()
    {
        var records = Samples.Parse(_adapter, Project, "valid/workorders-page.json").Records;

        Assert.Equal(3, records.Count);
        Assert.Equal(ReporterGroup.ElderlyLivingAlone, records[0].Reporter.Group);
        Assert.Equal(AgeBand.Age60To79, records[0].Reporter.AgeBand);
        Assert.StartsWith("我叫李**", records[0].Text, StringComparison.Ordinal);
        Assert.Equal(ReporterGroup.MigrantWorker, records[1].Reporter.Group);
        Assert.Equal("employment.wage_arrears", records[1].CategoryCode);
        Assert.Equal("true", records[2].Attributes["caller_requested_confidentiality"]);
        Assert.Equal(CoordinateSystem.Gcj02, records[2].Location!.System);
    }

    [Fact]
    public void Bad_rows_are_rejected_one_by_one_while_the_good_row_still_parses()
    {
        var result = Samples.Parse(_adapter, Project, "invalid/workorders-with-bad-rows.json");

        Assert.Equal("YW12345-20261127-000201", Assert.Single(result.Records).ExternalId);
        Assert.Equal(
            [
                (null, RejectReasons.MissingField),
                ("YW12345-20261127-000203", RejectReasons.MissingField),
                ("YW12345-20261127-000204", RejectReasons.NotANeed),
                ("YW12345-20261127-000205", RejectReasons.InvalidField),
            ],
            result.Rejected.Select(r => (r.ExternalId, r.ReasonCode)));
    }

    [Fact]
    public void Truncated_export_is_rejected_whole_as_malformed()
    {
        var rejected = Assert.Single(Samples.Parse(_adapter, Project, "invalid/truncated-export.json").Rejected);

        Assert.Equal(RejectReasons.MalformedPayload, rejected.ReasonCode);
        Assert.Contains("YW12345-20261127-000300", rejected.RawFragment, StringComparison.Ordinal);
    }

    [Fact]
    public void Xml_sent_to_the_json_channel_is_rejected_as_unsupported()
    {
        var result = _adapter.Parse(ChannelPayload.FromText("<xml/>", "application/xml"), new TestChannelContext());

        Assert.Equal(RejectReasons.UnsupportedContentType, Assert.Single(result.Rejected).ReasonCode);
    }
}
