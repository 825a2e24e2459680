using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Web;

public sealed class ConfiguredMapHost : NeedsMapHost
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("NeedsMap:Map:BasemapTileUrl", "http://tiles.example/{z}/{x}/{y}.png");
        builder.UseSetting("NeedsMap:Map:BasemapAttribution", "© example");
    }
}

/// <summary>Which page a request gets: GraphiQL only for a browser's page request, GraphQL over HTTP for everything else.</summary>
public sealed class WebPageTests(ConfiguredMapHost host) : IClassFixture<ConfiguredMapHost>
{
    private const string BrowserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

    [Fact]
    public async Task A_browser_opening_graphql_gets_the_graphiql_page()
    {
        using var response = await GetAsync("/graphql", BrowserAccept);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("graphiql", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/graphql?query=%7B__typename%7D", BrowserAccept)]
    [InlineData("/graphql", "application/graphql-response+json")]
    [InlineData("/graphql", "application/json, text/html")]
    [InlineData("/graphql", "*/*")]
    [InlineData("/graphql", null)]
    public async Task Every_other_get_stays_graphql_over_http(string path, string? accept)
    {
        using var response = await GetAsync(path, accept);
        Assert.NotEqual("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("json", response.Content.Headers.ContentType!.MediaType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_map_page_and_its_configuration_are_served()
    {
        using var page = await GetAsync("/map", BrowserAccept);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("问需于民一张图", await page.Content.ReadAsStringAsync());
        using var config = await GetAsync("/map/config.json", "application/json");
        var json = JsonNode.Parse(await config.Content.ReadAsStringAsync())!;
        Assert.Equal("http://tiles.example/{z}/{x}/{y}.png", json["basemapTileUrl"]!.GetValue<string>());
        Assert.Equal("© example", json["basemapAttribution"]!.GetValue<string>());
        Assert.Null(json["basemapStyleUrl"]);
        Assert.Equal("/graphql", json["graphqlPath"]!.GetValue<string>());
        Assert.Equal("Asia/Shanghai", json["timeZone"]!.GetValue<string>()); // the cells' days are the city's
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string? accept)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (accept != null)
            request.Headers.Accept.ParseAdd(accept);
        return await client.SendAsync(request);
    }
}
