using NeedsMap.Channels.WeChat;
using NeedsMap.Sdk;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Privacy;
using NeedsMap.Sdk.Testing;

namespace NeedsMap.Channels.Tests.WeChat;

public class WeChatAdapterTests
{
    private const string Project = "NeedsMap.Channels.WeChat";
    private readonly WeChatAdapter _adapter = new();

    [Fact]
    public void A_location_message_sent_after_a_request_gives_it_its_place_with_x_as_latitude()
    {
        var record = Samples.Parse(_adapter, Project, "valid/conversation-log.xml").Records[0];

        Assert.Equal(new RecordLocation(120.098233, 29.295318, CoordinateSystem.Gcj02), record.Location);
        Assert.Equal("24876512340987002", record.Attributes["location_message_id"]);
        Assert.Equal("point", record.Attributes["address_precision"]);
    }

    [Fact]
    public void The_phone_a_resident_types_goes_into_the_envelope_and_out_of_the_text()
    {
        var record = Samples.Parse(_adapter, Project, "valid/conversation-log.xml").Records[0];

        Assert.Equal("13812345678", record.Contact!.Phone);
        Assert.EndsWith("我的电话138****5678", record.Text, StringComparison.Ordinal);
        Assert.Equal(PersonalData.HashIdentity("oYw3Jt7kX2mQp9LrV4sHcB1nZaE5", TestChannelContext.DefaultSalt), record.Reporter.ReporterKey);
    }

    [Fact]
    public void A_voice_message_without_location_is_placed_at_the_account_jurisdiction()
    {
        var record = Samples.Parse(_adapter, Project, "valid/conversation-log.xml").Records[1];

        Assert.Equal("voice", record.Attributes["message_type"]);
        Assert.Null(record.Location);
        Assert.Equal("义乌市江东街道", record.Address);
        Assert.Equal("jurisdiction", record.Attributes["address_precision"]);
    }

    [Fact]
    public void A_foreign_merchant_who_gives_his_name_has_it_masked()
    {
        var record = Assert.Single(Samples.Parse(_adapter, Project, "valid/single-text.xml").Records);

        Assert.StartsWith("Hello, my name is A****,", record.Text, StringComparison.Ordinal);
        Assert.Equal("community.facilities", record.CategoryCode);
    }

    [Fact]
    public void Events_greetings_images_and_stray_locations_are_not_needs()
    {
        var rejected = Samples.Parse(_adapter, Project, "invalid/events-and-stray-messages.xml").Rejected;

        Assert.Equal(
            [RejectReasons.NotANeed, RejectReasons.NotANeed, RejectReasons.NotANeed, RejectReasons.InvalidField, RejectReasons.MissingField, RejectReasons.NotANeed],
            rejected.Select(r => r.ReasonCode));
    }
}
