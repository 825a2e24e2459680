using System.Text;

namespace NeedsMap.Sdk.Tests.Channels;

public class ChannelPayloadTests
{
    [Fact]
    public void Get_text_decodes_gbk_when_the_content_type_says_so()
    {
        var gbk = CodePagesEncodingProvider.Instance.GetEncoding("gbk")!;
        var payload = new ChannelPayload(gbk.GetBytes("鸡鸣山社区"), "text/csv; charset=GBK");

        Assert.Equal("鸡鸣山社区", payload.GetText());
        Assert.Equal("text/csv", payload.MediaType);
    }

    [Fact]
    public void Get_text_defaults_to_utf8_and_drops_the_byte_order_mark()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("{\"a\":1}")).ToArray();

        Assert.Equal("{\"a\":1}", new ChannelPayload(bytes, "application/json").GetText());
    }

    [Fact]
    public void Printing_a_payload_shows_its_size_not_its_content()
    {
        var payload = ChannelPayload.FromText("{\"lxdh\":\"13812345678\"}", "application/json", "batch-1");

        Assert.DoesNotContain("13812345678", payload.ToString(), StringComparison.Ordinal);
    }
}
