using NeedsMap.Channels.MessageBoard;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.Channels.Tests.MessageBoard;

public class MessageBoardAdapterTests
{
    private const string Project = "NeedsMap.Channels.MessageBoard";
    private readonly MessageBoardAdapter _adapter = new();

    [Fact]
    public void Likes_are_kept_as_residents_seconding_the_post()
    {
        var records = Samples.Parse(_adapter, Project, "valid/board-page.json").Records;

        Assert.Equal("37", records[0].Attributes["likes"]);
        Assert.Equal("true", records[0].Attributes["official_reply"]);
        Assert.Equal("traffic.ebike", records[0].CategoryCode);
    }

    [Fact]
    public void A_post_from_the_app_has_its_gcj02_point_and_a_spaced_phone_is_masked()
    {
        var record = Samples.Parse(_adapter, Project, "valid/board-page.json").Records[1];

        Assert.Equal(CoordinateSystem.Gcj02, record.Location!.System);
        Assert.Equal("noise.square_dance", record.CategoryCode);
        Assert.Equal("13905792468", record.Contact!.Phone);
        Assert.Contains("139****2468", record.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Deleted_posts_are_not_needs()
    {
        var rejected = Samples.Parse(_adapter, Project, "invalid/moderated-and-broken-posts.json").Rejected[0];

        Assert.Equal(RejectReasons.NotANeed, rejected.ReasonCode);
    }
}
