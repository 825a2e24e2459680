using System.Text;
using NeedsMap.Channels.Hotline96150;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Testing;

namespace NeedsMap.Channels.Tests.Hotline96150;

public class Hotline96150AdapterTests
{
    private const string Project = "NeedsMap.Channels.Hotline96150";
    private readonly Hotline96150Adapter _adapter = new();

    [Fact]
    public void Pinned_requests_carry_bd09_coordinates_as_sent()
    {
        var record = Samples.Parse(_adapter, Project, "valid/daily-export.csv").Records[0];

        Assert.Equal(new RecordLocation(120.10471, 29.301472, CoordinateSystem.Bd09), record.Location);
        Assert.Equal(ReporterGroup.ElderlyLivingAlone, record.Reporter.Group);
        Assert.Equal("elderly.meals", record.CategoryCode);
    }

    [Fact]
    public void Quoted_fields_with_commas_stay_one_field()
    {
        var record = Samples.Parse(_adapter, Project, "valid/daily-export.csv").Records[2];

        Assert.Equal("小区化粪池堵了,一楼下水道反水,味道很大,请尽快派人疏通。", record.Text);
    }

    [Fact]
    public void A_gbk_export_is_read_when_the_content_type_says_so()
    {
        var csv = "受理编号,受理时间,服务类型,服务内容,服务地址\n96150-1,2026-11-27 08:00:00,助餐,想订老年餐,义乌市江东街道鸡鸣山社区\n";
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding("GBK")!;

        var result = _adapter.Parse(new ChannelPayload(gbk.GetBytes(csv), "text/csv; charset=GBK"), new TestChannelContext());

        Assert.Equal("想订老年餐", Assert.Single(result.Records).Text);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_rejected_under_its_id()
    {
        var rejected = Samples.Parse(_adapter, Project, "invalid/export-with-bad-rows.csv").Rejected[0];

        Assert.Equal(("96150-20261127-0011", RejectReasons.MalformedPayload), (rejected.ExternalId, rejected.ReasonCode));
    }

    [Fact]
    public void An_export_without_the_required_columns_is_rejected_whole()
    {
        var rejected = Assert.Single(Samples.Parse(_adapter, Project, "invalid/wrong-header.csv").Rejected);

        Assert.Equal(RejectReasons.MalformedPayload, rejected.ReasonCode);
    }
}
