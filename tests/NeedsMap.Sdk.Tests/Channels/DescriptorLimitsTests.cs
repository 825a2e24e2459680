using NeedsMap.Sdk.Geo;

namespace NeedsMap.Sdk.Tests.Channels;

public class DescriptorLimitsTests
{
    private static readonly ChannelDescriptor Good = new("four-platforms", "基层治理四平台", "application/json", CoordinateSystem.Wgs84, "事件。");

    [Theory]
    [InlineData("12345")]
    [InlineData("four-platforms")]
    [InlineData("community_app")]
    [InlineData("abcdefghijklmnopqrstuvwxyz012345")] // 32, the longest
    public void Codes_the_host_can_store_and_route_by_pass(string code)
    {
        Assert.True(DescriptorLimits.IsValidCode(code));
        Assert.Empty(DescriptorLimits.Check(Good with { Code = code }));
    }

    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")] // 33
    [InlineData("Open311")]
    [InlineData("-leading-dash")]
    [InlineData("with space")]
    [InlineData("路灯")]
    [InlineData("a/b")]
    [InlineData("")]
    public void Codes_too_long_or_with_other_characters_fail(string code)
    {
        Assert.False(DescriptorLimits.IsValidCode(code));
        Assert.NotEmpty(DescriptorLimits.Check(Good with { Code = code }));
    }

    [Fact]
    public void Names_descriptions_formats_and_weights_have_limits()
    {
        Assert.Contains("Name is 101 characters long", DescriptorLimits.Check(Good with { Name = new string('名', 101) }).Single(), StringComparison.Ordinal);
        Assert.Single(DescriptorLimits.Check(Good with { Name = "渠道\n名" }));
        Assert.Single(DescriptorLimits.Check(Good with { Description = new string('述', DescriptorLimits.MaxDescriptionLength + 1) }));
        Assert.Single(DescriptorLimits.Check(Good with { Weight = 0 }));
        Assert.Single(DescriptorLimits.Check(Good with { Weight = 11 }));
        Assert.Single(DescriptorLimits.Check(Good with { AcceptedFormats = ["text/json"] }));
        Assert.Single(DescriptorLimits.Check(Good with { AcceptedFormats = ["application/json", "JSON"] }));
        Assert.Equal(["The descriptor is null."], DescriptorLimits.Check(null));
    }

    [Fact]
    public void A_descriptor_accepts_its_native_format_by_default_and_what_it_declares_parameters_and_case_aside()
    {
        Assert.True(Good.Accepts("application/json; charset=utf-8"));
        Assert.False(Good.Accepts("text/json"));
        var both = Good with { AcceptedFormats = ["application/json", "text/json"] };
        Assert.True(both.Accepts("Text/JSON"));
        Assert.False(both.Accepts("application/xml"));
    }
}
