using NeedsMap.Channels.Zheliban;
using NeedsMap.Sdk;

namespace NeedsMap.Channels.Tests.Zheliban;

public class ZhelibanAdapterTests
{
    private const string Project = "NeedsMap.Channels.Zheliban";
    private readonly ZhelibanAdapter _adapter = new();

    [Fact]
    public void Petitions_weigh_more_than_ordinary_reports()
    {
        Assert.True(_adapter.Descriptor.Weight > 1.0);
    }

    [Fact]
    public void A_joint_petition_records_how_many_signed_and_that_it_is_a_repeat()
    {
        var record = Samples.Parse(_adapter, Project, "valid/petitions.json").Records[0];

        Assert.Equal("26", record.Attributes["petitioner_count"]);
        Assert.Equal("true", record.Attributes["repeat_petition"]);
        Assert.Equal("楼国平", record.Contact!.Name);
        Assert.Null(record.Location);
        Assert.Equal("义乌市江东街道鸡鸣山社区青口小区", record.Address);
    }

    [Fact]
    public void A_confidential_petition_is_rejected()
    {
        var rejected = Samples.Parse(_adapter, Project, "invalid/confidential-and-incomplete.json").Rejected[0];

        Assert.Equal(RejectReasons.ConfidentialKind, rejected.ReasonCode);
    }
}
