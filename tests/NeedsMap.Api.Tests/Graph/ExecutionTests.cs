using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Graph;

public sealed class ExecutionTests(NeedsMapHost host) : IClassFixture<NeedsMapHost>
{
    /// <summary>
    /// Root fields of one query share the request's DbContext, which allows one operation at a time: a frontend that
    /// asks for a page's whole state in one document must get every field, not INVALID_OPERATION for the second.
    /// </summary>
    [Fact]
    public async Task Several_database_backed_root_fields_in_one_query_all_answer()
    {
        var body = await host.GraphQLAsync("""
            {
              channels { code }
              rejectedRecords { id }
              scenes { id }
              consultations { id }
              whistles { id }
              categories { code }
              jurisdictions { code }
              auditLog { at }
              needHistory: channels { code }
              departments { code }
              oneThings { id }
              reformList { id }
              classifierModels { version }
              serviceList { id category { code } departments { code } }
              needs(first: 3) { totalCount nodes { id } }
              needStats(groupBy: CATEGORY) { totalCount }
              warnings { id }
              keyMatters(jurisdictionCode: "330782") { records }
              demandList(jurisdictionCode: "330782") { items { matter { label } sampleNeeds { id } services { id } } }
              groupPortraits(jurisdictionCode: "330782") { groups { label } }
              topics(jurisdictionCode: "330782") { topic }
              trend(interval: DAY) { count }
              cells(resolution: R2500) { id }
              reviewQueue(jurisdictionCode: "330782", first: 2) { totalCount }
            }
            """);
        Assert.True(body["errors"] is null, body["errors"]?.ToJsonString());
        var data = body["data"]!.AsObject();
        Assert.NotEmpty(data["channels"]!.AsArray());
        Assert.NotEmpty(data["categories"]!.AsArray());
        Assert.NotEmpty(data["jurisdictions"]!.AsArray());
        Assert.Equal(data["channels"]!.ToJsonString(), data["needHistory"]!.ToJsonString());
    }
}
