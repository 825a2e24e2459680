using NeedsMap.Channels.FourPlatforms;
using NeedsMap.Sdk;

namespace NeedsMap.Channels.Tests.FourPlatforms;

public class FourPlatformsAdapterTests
{
    private const string Project = "NeedsMap.Channels.FourPlatforms";
    private readonly FourPlatformsAdapter _adapter = new();

    [Fact]
    public void The_resident_concerned_is_the_reporter_and_the_grid_worker_is_not_recorded()
    {
        var record = Samples.Parse(_adapter, Project, "valid/grid-events.json").Records[0];

        Assert.Equal("马大勇", record.Contact!.Name);
        Assert.Equal(ReporterGroup.MigrantWorker, record.Reporter.Group);
        Assert.DoesNotContain("周网格", record.ToString(), StringComparison.Ordinal);
        Assert.Equal("鸡鸣山社区第3网格", record.Attributes["grid"]);
    }

    [Fact]
    public void An_elderly_resident_gets_age_band_and_gender_from_the_id_number()
    {
        var record = Samples.Parse(_adapter, Project, "valid/grid-events.json").Records[1];

        Assert.Equal(AgeBand.Age80Plus, record.Reporter.AgeBand);
        Assert.Equal(Gender.Female, record.Reporter.Gender);
        Assert.Equal(ReporterGroup.ElderlyLivingAlone, record.Reporter.Group);
    }

    [Fact]
    public void Routine_patrol_logs_are_not_needs()
    {
        var rejected = Samples.Parse(_adapter, Project, "invalid/patrol-log-and-bad-events.json").Rejected[0];

        Assert.Equal(RejectReasons.NotANeed, rejected.ReasonCode);
    }
}
