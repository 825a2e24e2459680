using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Tests.Security;

public sealed class PersistedDocumentsHost : SecuredHost
{
    public const string Document = "{ channels { code } }";

    public static readonly string Folder = Path.Combine(Path.GetTempPath(), "needsmap-persisted-" + Guid.NewGuid().ToString("N")[..8]);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Directory.CreateDirectory(Folder);
        File.WriteAllText(Path.Combine(Folder, "channels.graphql"), Document);
        builder.UseSetting("NeedsMap:PersistedDocuments:Only", "true");
        builder.UseSetting("NeedsMap:PersistedDocuments:Folder", Folder);
    }
}

/// <summary>With NeedsMap:PersistedDocuments:Only, only the documents in the folder run.</summary>
public sealed class PersistedDocumentsTests(PersistedDocumentsHost host) : IClassFixture<PersistedDocumentsHost>
{
    private async Task<(int Status, JsonObject? Body)> SendAsync(object payload)
    {
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = JsonContent.Create(payload) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject);
    }

    [Fact]
    public async Task A_known_document_runs_by_its_id()
    {
        var (status, body) = await SendAsync(new { documentId = "sha256:" + PersistedDocumentFolder.HashOf(PersistedDocumentsHost.Document) });
        Assert.Equal(200, status);
        Assert.NotEmpty(body!["data"]!["channels"]!.AsArray());
    }

    [Fact]
    public async Task A_raw_query_or_an_unknown_id_is_refused_as_a_client_error()
    {
        var (rawStatus, raw) = await SendAsync(new { query = PersistedDocumentsHost.Document });
        Assert.InRange(rawStatus, 400, 499);
        Assert.NotNull(raw!["errors"]![0]!["extensions"]!["code"]);
        var (unknownStatus, unknown) = await SendAsync(new { documentId = "sha256:" + new string('0', 64) });
        Assert.InRange(unknownStatus, 400, 499);
        Assert.NotNull(unknown!["errors"]![0]!["extensions"]!["code"]);
    }
}
