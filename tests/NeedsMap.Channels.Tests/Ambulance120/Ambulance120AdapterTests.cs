using NeedsMap.Channels.Ambulance120;
using NeedsMap.Sdk;

namespace NeedsMap.Channels.Tests.Ambulance120;

public class Ambulance120AdapterTests
{
    private const string Project = "NeedsMap.Channels.Ambulance120";
    private readonly Ambulance120Adapter _adapter = new();

    [Fact]
    public void Non_emergency_transfer_keeps_the_need_but_never_the_chief_complaint()
    {
        var record = Samples.Parse(_adapter, Project, "valid/non-emergency-events.json").Records[0];

        Assert.Contains("透析", record.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("肾衰竭", record.ToString(), StringComparison.Ordinal);
        Assert.Equal(nameof(AgeBand.Age80Plus), record.Attributes["patient_age_band"]);
        Assert.Null(record.Contact!.IdNumber);
    }

    [Fact]
    public void Emergencies_and_misdials_are_rejected_with_their_own_reasons()
    {
        var rejected = Samples.Parse(_adapter, Project, "invalid/emergencies-and-noise.json").Rejected;

        Assert.Equal(RejectReasons.EmergencyKind, rejected[0].ReasonCode);
        Assert.Equal(RejectReasons.NotANeed, rejected[1].ReasonCode);
    }
}
