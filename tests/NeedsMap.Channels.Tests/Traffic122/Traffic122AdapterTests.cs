using NeedsMap.Channels.Traffic122;
using NeedsMap.Sdk;

namespace NeedsMap.Channels.Tests.Traffic122;

public class Traffic122AdapterTests
{
    private const string Project = "NeedsMap.Channels.Traffic122";
    private readonly Traffic122Adapter _adapter = new();

    [Fact]
    public void A_single_report_element_is_read_like_a_list_of_one()
    {
        var record = Assert.Single(Samples.Parse(_adapter, Project, "valid/single-report.xml").Records);

        Assert.Equal("traffic.road_damage", record.CategoryCode);
        Assert.Equal("0579-85550123", record.Contact!.Phone);
    }

    [Fact]
    public void Accidents_are_rejected_as_emergencies_or_not_needs_by_whether_anyone_was_hurt()
    {
        var rejected = Samples.Parse(_adapter, Project, "invalid/accidents-and-unknown.xml").Rejected;

        Assert.Equal(RejectReasons.EmergencyKind, rejected[0].ReasonCode);
        Assert.Equal(RejectReasons.NotANeed, rejected[1].ReasonCode);
    }

    [Fact]
    public void Xml_with_a_dtd_is_refused_rather_than_expanded()
    {
        var rejected = Assert.Single(Samples.Parse(_adapter, Project, "invalid/with-dtd.xml").Rejected);

        Assert.Equal(RejectReasons.MalformedPayload, rejected.ReasonCode);
    }
}
