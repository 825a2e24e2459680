using NeedsMap.Channels.Police110;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Channels.Tests.Police110;

public class Police110AdapterTests
{
    private const string Project = "NeedsMap.Channels.Police110";
    private readonly Police110Adapter _adapter = new();

    [Fact]
    public void Noise_complaint_becomes_a_need_refined_from_the_kind_by_the_text()
    {
        var record = Samples.Parse(_adapter, Project, "valid/noise-and-help.json").Records[0];

        Assert.Equal("噪声扰民", record.ChannelCategory);
        Assert.Equal("noise.commercial", record.CategoryCode);
        Assert.Equal(CoordinateSystem.Wgs84, record.Location!.System);
        Assert.Equal("江东派出所", record.Attributes["police_station"]);
    }

    [Fact]
    public void Criminal_cases_flagged_cases_and_unlisted_kinds_are_rejected_as_confidential()
    {
        var rejected = Samples.Parse(_adapter, Project, "invalid/confidential-and-emergency.json").Rejected;

        Assert.Equal(
            [RejectReasons.ConfidentialKind, RejectReasons.ConfidentialKind, RejectReasons.EmergencyKind, RejectReasons.ConfidentialKind, RejectReasons.InvalidField],
            rejected.Select(r => r.ReasonCode));
    }

    [Fact]
    public void A_confidential_case_message_says_why_without_quoting_the_report()
    {
        var rejected = Samples.Parse(_adapter, Project, "invalid/confidential-and-emergency.json").Rejected[0];

        Assert.DoesNotContain("被盗", rejected.Message, StringComparison.Ordinal);
        Assert.Contains("刑事案件", rejected.Message, StringComparison.Ordinal);
    }
}
