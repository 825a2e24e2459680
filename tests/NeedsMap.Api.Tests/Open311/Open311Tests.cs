using System.Text.Json.Nodes;
using System.Xml.Linq;
using NeedsMap.Api.Graph.Relay;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Open311;

public sealed class Open311Tests(Open311Host host) : IClassFixture<Open311Host>, IAsyncLifetime
{
    private const string V2 = "/open311/v2";

    public async Task InitializeAsync()
    {
        await host.ResetAsync();
        await host.ExecuteSqlAsync("TRUNCATE whistles, whistle_departments, whistle_needs, whistle_history RESTART IDENTITY CASCADE");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static List<KeyValuePair<string, string>> Form(params (string Name, string Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();

    private List<KeyValuePair<string, string>> NoiseForm(string description = "工地夜里还在打桩，我的电话13812345678")
    {
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        return Form(("api_key", Open311Host.ApiKey), ("service_code", "noise.construction"),
            ("lat", at.Latitude.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
            ("long", at.Longitude.ToString("R", System.Globalization.CultureInfo.InvariantCulture)),
            ("description", description), ("first_name", "三"), ("last_name", "张"), ("phone", "13812345678"), ("email", "zhang@example.test"));
    }

    private async Task<JsonObject> PostAsync(List<KeyValuePair<string, string>> form)
    {
        var (status, body, _) = await host.SendAsync(HttpMethod.Post, $"{V2}/requests.json", form);
        Assert.True(status == 200, body);
        return JsonNode.Parse(body)!.AsArray().Single()!.AsObject();
    }

    [Fact]
    public async Task A_client_lists_services_files_a_request_and_follows_it_to_closed_through_the_whistle_loop()
    {
        var services = await host.JsonAsync($"{V2}/services.json");
        var construction = services.Single(s => s!["service_code"]!.GetValue<string>() == "noise.construction")!;
        Assert.Equal("施工噪声", construction["service_name"]!.GetValue<string>());
        Assert.Equal("噪声扰民", construction["group"]!.GetValue<string>());
        Assert.DoesNotContain(services, s => s!["service_code"]!.GetValue<string>() == "noise");

        var created = await PostAsync(NoiseForm());
        var id = created["service_request_id"]!.GetValue<string>();
        var token = created["token"]!.GetValue<string>();
        Assert.Contains("鸡鸣山", created["service_notice"]!.GetValue<string>(), StringComparison.Ordinal);

        var request = (await host.JsonAsync($"{V2}/requests/{id}.json?api_key={Open311Host.ApiKey}")).Single()!;
        Assert.Equal("open", request["status"]!.GetValue<string>());
        Assert.Equal("noise.construction", request["service_code"]!.GetValue<string>());
        Assert.Equal("工地夜里还在打桩，我的电话138****5678", request["description"]!.GetValue<string>());
        Assert.Null(request["agency_responsible"]);
        Assert.Equal(id, (await host.JsonAsync($"{V2}/tokens/{token}.json")).Single()!["service_request_id"]!.GetValue<string>());

        var admin = host.Token(RoleRights.CityAdmin);
        var needId = GlobalId.Encode("Need", id);
        var blown = await host.PostAsync("mutation($input: BlowWhistleInput!) { blowWhistle(input: $input) { whistle { id } errors { __typename ... on Error { code message } } } }",
            new { input = new { blownBy = TestNeeds.Jimingshan, needIds = new[] { needId }, departmentCodes = new[] { "enforcement" }, title = "夜间施工" } }, admin);
        var whistle = blown.Body!["data"]!["blowWhistle"]!["whistle"]!["id"]!.GetValue<string>();
        var assigned = (await host.JsonAsync($"{V2}/requests/{id}.json", admin)).Single()!;
        Assert.Equal("open", assigned["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(assigned["agency_responsible"]!.GetValue<string>()));
        Assert.NotNull(assigned["expected_datetime"]);

        foreach (var mutation in new[] { "acknowledgeWhistle", "resolveWhistle" })
        {
            var moved = await host.PostAsync($"mutation($input: WhistleActionInput!) {{ {mutation}(input: $input) {{ whistle {{ status }} errors {{ ... on Error {{ code }} }} }} }}",
                new { input = new { id = whistle, departmentCode = "enforcement", note = mutation == "resolveWhistle" ? "已责令夜间停工" : "执法队已到场" } }, admin);
            Assert.True(moved.Body!["errors"] is null, moved.Body.ToJsonString());
            Payloads.AssertNoRefusals(moved.Body["data"]);
        }
        var closed = (await host.JsonAsync($"{V2}/requests/{id}.json?api_key={Open311Host.ApiKey}")).Single()!;
        Assert.Equal("closed", closed["status"]!.GetValue<string>());
        Assert.Equal("夜间施工: 已责令夜间停工", closed["status_notes"]!.GetValue<string>());
        Assert.Null(closed["expected_datetime"]);

        var xml = await host.SendAsync(HttpMethod.Get, $"{V2}/requests/{id}.xml?api_key={Open311Host.ApiKey}");
        Assert.Equal("text/xml", xml.ContentType);
        var element = XDocument.Parse(xml.Body).Root!;
        Assert.Equal("service_requests", element.Name.LocalName);
        Assert.Equal(id, element.Element("request")!.Element("service_request_id")!.Value);
        Assert.Equal("closed", element.Element("request")!.Element("status")!.Value);
    }

    // The specification's examples (wiki.open311.org/GeoReport_v2), field for field; the ids there are numbers, ours strings.
    private const string SpecServices = """
        [{"service_code":"001","service_name":"Cans left out 24x7","description":"Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.","metadata":true,"type":"realtime","keywords":"lorem, ipsum, dolor","group":"sanitation"}]
        """;
    private const string SpecRequests = """
        [{"service_request_id":638344,"status":"closed","status_notes":"Duplicate request.","service_name":"Sidewalk and Curb Issues","service_code":"006","description":null,"agency_responsible":null,"service_notice":null,"requested_datetime":"2010-04-14T06:37:38-08:00","updated_datetime":"2010-04-14T06:37:38-08:00","expected_datetime":"2010-04-15T06:37:38-08:00","address":"8TH AVE and JUDAH ST","address_id":545483,"zipcode":94122,"lat":37.762221815,"long":-122.4651145,"media_url":"http://city.gov.s3.amazonaws.com/requests/media/638344.jpg"}]
        """;
    private const string SpecCreated = """
        [{"service_request_id":293944,"service_notice":"The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public Works Code","account_id":null}]
        """;
    private const string SpecToken = """[{"service_request_id":638344,"token":12345}]""";
    private const string SpecError = """[{"code":403,"description":"Invalid api_key"}]""";
    private const string SpecServicesXml = """
        <?xml version="1.0" encoding="utf-8"?>
        <services><service><service_code>001</service_code><service_name>Cans left out 24x7</service_name><description>Garbage or recycling cans that have been left out for more than 24 hours after collection. Violators will be cited.</description><metadata>true</metadata><type>realtime</type><keywords>lorem, ipsum, dolor</keywords><group>sanitation</group></service></services>
        """;

    [Fact]
    public async Task Answers_have_the_fields_and_types_of_the_specifications_examples_in_json_and_xml()
    {
        // The specification's own POST example, in this city: lat/long, address, contact, device and account, a photo link.
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var (postStatus, postBody, _) = await host.SendAsync(HttpMethod.Post, $"{V2}/requests.xml", Form(("api_key", Open311Host.ApiKey),
            ("service_code", "environment.garbage"), ("lat", at.Latitude.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("long", at.Longitude.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("address_string", "江东街道鸡鸣山社区"),
            ("email", "smit333@sfgov.edu"), ("device_id", "tt222111"), ("account_id", "123456"), ("first_name", "john"), ("last_name", "smith"),
            ("phone", "111111111"), ("description", "A large sinkhole is destroying the street"), ("media_url", "http://media.example.com/12345")));
        Assert.Equal(200, postStatus);
        var created = XDocument.Parse(postBody).Root!.Element("request")!;
        Assert.Superset(Keys(SpecCreated).ToHashSet(), created.Elements().Select(e => e.Name.LocalName).ToHashSet());
        Assert.Equal("123456", created.Element("account_id")!.Value);
        var id = created.Element("service_request_id")!.Value;
        var token = created.Element("token")!.Value;

        var services = await host.JsonAsync($"{V2}/services.json");
        AssertLike(SpecServices, services[0]!.AsObject());
        var servicesXml = XDocument.Parse((await host.SendAsync(HttpMethod.Get, $"{V2}/services.xml")).Body).Root!;
        Assert.Equal(XDocument.Parse(SpecServicesXml.Trim()).Root!.Element("service")!.Elements().Select(e => e.Name.LocalName),
            servicesXml.Element("service")!.Elements().Select(e => e.Name.LocalName));

        var start = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddDays(-1).ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture));
        var requests = await host.JsonAsync($"{V2}/requests.json?start_date={start}&status=open&api_key={Open311Host.ApiKey}");
        var request = Assert.Single(requests)!.AsObject();
        AssertLike(SpecRequests, request, ["service_request_id", "address_id", "zipcode"]);
        Assert.Equal(Keys(SpecRequests), request.Select(p => p.Key));
        Assert.Equal(id, request["service_request_id"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$", request["requested_datetime"]!.GetValue<string>());

        var tokenAnswer = (await host.JsonAsync($"{V2}/tokens/{token}.json")).Single()!.AsObject();
        Assert.Equal(Keys(SpecToken), tokenAnswer.Select(p => p.Key));

        var error = await host.JsonAsync($"{V2}/requests.json?api_key=wrong", status: 403);
        AssertLike(SpecError, error.Single()!.AsObject());
        var xmlError = await host.SendAsync(HttpMethod.Get, $"{V2}/requests.xml?api_key=wrong");
        Assert.Equal(403, xmlError.Status);
        Assert.Equal("403", XDocument.Parse(xmlError.Body).Root!.Element("error")!.Element("code")!.Value);
    }

    [Fact]
    public async Task Get_requests_takes_the_standard_filters()
    {
        var now = DateTimeOffset.UtcNow;
        var old = await host.AddAsync("一百天前的施工噪声", "noise.construction", TestNeeds.Jimingshan, now.AddDays(-100), channel: "open311");
        var week = await host.AddAsync("上周的施工噪声", "noise.construction", TestNeeds.Jimingshan, now.AddDays(-7), channel: "open311");
        var garbage = await host.AddAsync("昨天的垃圾", "environment.garbage", TestNeeds.Jimingshan, now.AddDays(-1), channel: "open311");
        var wechat = await host.AddAsync("微信来的噪声", "noise.construction", TestNeeds.Jimingshan, now.AddDays(-2), channel: "wechat");
        var admin = host.Token(RoleRights.CityAdmin);
        string Ids(JsonArray list) => string.Join(',', list.Select(r => r!["service_request_id"]!.GetValue<string>()));
        string Of(params NeedsMap.Api.Needs.Need[] needs) => string.Join(',', needs.Select(n => n.Id));

        Assert.Equal(Of(garbage, wechat, week), Ids(await host.JsonAsync($"{V2}/requests.json", admin)));
        Assert.Equal(Of(wechat, week), Ids(await host.JsonAsync($"{V2}/requests.json?service_code=noise.construction,noise.commercial", admin)));
        var from = Uri.EscapeDataString(now.AddDays(-3).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Of(garbage, wechat), Ids(await host.JsonAsync($"{V2}/requests.json?start_date={from}", admin)));
        var to = Uri.EscapeDataString(now.AddDays(-90).ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(Of(old), Ids(await host.JsonAsync($"{V2}/requests.json?end_date={to}", admin)));
        Assert.Equal(Of(garbage, wechat, week), Ids(await host.JsonAsync($"{V2}/requests.json?status=open", admin)));
        Assert.Empty(await host.JsonAsync($"{V2}/requests.json?status=closed", admin));
        Assert.Equal(Of(wechat, old), Ids(await host.JsonAsync($"{V2}/requests.json?service_request_id={old.Id},{wechat.Id},999999&status=closed", admin)));
        // Only the api_key's own channel: the WeChat need is not an Open311 client's to read.
        Assert.Equal(Of(garbage, week), Ids(await host.JsonAsync($"{V2}/requests.json?api_key={Open311Host.ApiKey}")));
        await host.JsonAsync($"{V2}/requests/{wechat.Id}.json?api_key={Open311Host.ApiKey}", status: 404);

        foreach (var (url, status) in new[]
        {
            ($"{V2}/requests.json?start_date=yesterday", 400), ($"{V2}/requests.json?status=pending", 400),
            // Years .NET's date arithmetic cannot shift by a second or a time zone: refused, not a 500.
            ($"{V2}/requests.json?end_date=9999-12-31T23:59:59Z", 400), ($"{V2}/requests.json?start_date=0001-01-01T00:00:00Z", 400),
            ($"{V2}/requests.json?service_code=no.such", 404), ($"{V2}/requests.json?jurisdiction_id=110000", 404),
        })
        {
            var answer = await host.JsonAsync(url, admin, status);
            Assert.Equal(status, answer.Single()!["code"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task What_a_caller_may_read_follows_the_rest_of_the_api()
    {
        await host.AddAsync("我叫王五，电话13912345678，家住稠城街道工人路12号3单元501室，楼下施工太吵", "noise.construction", TestNeeds.Jimingshan,
            DateTimeOffset.UtcNow.AddDays(-1), channel: "open311");
        await host.AddAsync("稠城的施工噪声", "noise.construction", TestNeeds.ChouchengFirstCommunity, DateTimeOffset.UtcNow.AddDays(-1), channel: "open311");
        // The public (no token, no api_key) reads no records, in the specification's error format.
        var anonymous = await host.JsonAsync($"{V2}/requests.json", status: 401);
        Assert.Equal(401, anonymous.Single()!["code"]!.GetValue<int>());
        await host.JsonAsync($"{V2}/requests.json", host.Token(RoleRights.Public), status: 403);
        await host.JsonAsync($"{V2}/requests.json?api_key={Open311Host.WeChatKey}", status: 403);
        // An Open311 client sees its channel's requests masked; a street officer its street's, with personal data.
        var client = await host.JsonAsync($"{V2}/requests.json?api_key={Open311Host.ApiKey}");
        Assert.Equal(2, client.Count);
        Assert.Contains(client, r => r!["description"]!.GetValue<string>().Contains("139****5678", StringComparison.Ordinal));
        Assert.DoesNotContain(client, r => r!["description"]!.GetValue<string>().Contains("13912345678", StringComparison.Ordinal));
        var officer = await host.JsonAsync($"{V2}/requests.json", host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong));
        Assert.Contains("13912345678", Assert.Single(officer)!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        var deputy = await host.JsonAsync($"{V2}/requests.json", host.Token(RoleRights.Deputy, TestNeeds.Jiangdong));
        Assert.Contains("139****5678", Assert.Single(deputy)!["description"]!.GetValue<string>(), StringComparison.Ordinal);
        // Services and tokens need nothing.
        Assert.NotEmpty(await host.JsonAsync($"{V2}/services.json"));
        await host.JsonAsync($"{V2}/tokens/{new string('0', 32)}.json", status: 404);
    }

    [Fact]
    public async Task A_bad_post_is_an_error_in_the_specifications_format_and_stores_nothing()
    {
        var good = NoiseForm();
        List<KeyValuePair<string, string>> Without(string name) => good.Where(f => f.Key != name).ToList();
        List<KeyValuePair<string, string>> With(string name, string value) => [.. Without(name), new(name, value)];
        foreach (var (form, status, text) in new[]
        {
            (Without("api_key"), 403, "api_key"),
            (With("api_key", Open311Host.WeChatKey), 403, "api_key"),
            (Without("service_code"), 400, "service_code"),
            (With("service_code", "no.such"), 404, "service_code"),
            (Without("lat").Where(f => f.Key != "long").ToList(), 400, "location"),
            (With("lat", "north"), 400, "lat"),
            (With("lat", "39.9"), 400, "OUTSIDE_CITY"),
            (With("jurisdiction_id", "110000"), 404, "jurisdiction_id"),
            ([.. Without("lat").Where(f => f.Key != "long"), new("address_string", "火星某小区")], 400, "ADDRESS_NOT_FOUND"),
            (With("description", new string('吵', 4001)), 400, "INVALID_INPUT"),
        })
        {
            var (actual, body, _) = await host.SendAsync(HttpMethod.Post, $"{V2}/requests.json", form);
            Assert.True(actual == status, $"{status} expected: {actual} {body}");
            var error = JsonNode.Parse(body)!.AsArray().Single()!;
            Assert.Equal(status, error["code"]!.GetValue<int>());
            Assert.Contains(text, error["description"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        var json = await host.SendAsync(HttpMethod.Post, $"{V2}/requests.json", content: System.Net.Http.Json.JsonContent.Create(new { api_key = Open311Host.ApiKey }));
        Assert.Equal(400, json.Status);
        Assert.Equal(404, (await host.SendAsync(HttpMethod.Get, $"{V2}/services.txt")).Status);
        Assert.Empty(await host.JsonAsync($"{V2}/requests.json", host.Token(RoleRights.CityAdmin)));
    }

    [Fact]
    public async Task A_request_is_placed_by_its_address_and_other_general_is_left_to_the_classifier()
    {
        var byAddress = await PostAsync(Form(("api_key", Open311Host.ApiKey), ("service_code", "environment.garbage"),
            ("address_string", "义乌市江东街道鸡鸣山社区门口"), ("description", "垃圾桶满了三天没人清运")));
        Assert.Contains("鸡鸣山", byAddress["service_notice"]!.GetValue<string>(), StringComparison.Ordinal);
        var classified = await PostAsync([.. NoiseForm("隔壁工地半夜还在打桩施工，太吵了").Where(f => f.Key != "service_code"), new("service_code", "other.general")]);
        var stored = (await host.JsonAsync($"{V2}/requests/{classified["service_request_id"]!.GetValue<string>()}.json", host.Token(RoleRights.CityAdmin))).Single()!;
        Assert.StartsWith("noise.", stored["service_code"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_open311_pull_plugin_a_georeport_client_written_apart_accepts_what_this_server_answers()
    {
        await host.WaitForPluginAsync();
        await PostAsync(NoiseForm());
        await PostAsync(Form(("api_key", Open311Host.ApiKey), ("service_code", "environment.garbage"), ("address_string", "江东街道鸡鸣山社区"),
            ("description", "垃圾桶满了")));
        var (status, page, _) = await host.SendAsync(HttpMethod.Get, $"{V2}/requests.json?api_key={Open311Host.ApiKey}");
        Assert.Equal(200, status);
        // The plugin parses a pushed page as it parses a pulled one: every request this server wrote must be a valid record to it.
        using var content = new StringContent(page, System.Text.Encoding.UTF8, "application/json");
        var (pushed, body, _) = await host.SendAsync(HttpMethod.Post, "/channels/open311/inbox", content: content,
            headers: [new("X-Channel-Key", Open311Host.ApiKey)]);
        Assert.True(pushed == 200, body);
        var result = JsonNode.Parse(body)!;
        Assert.Equal(2, result["accepted"]!.GetValue<int>());
        Assert.Equal(0, result["rejected"]!.GetValue<int>());
    }

    private static IEnumerable<string> Keys(string json) => JsonNode.Parse(json)!.AsArray()[0]!.AsObject().Select(p => p.Key);

    /// <summary>Same fields as the example; where the example's value is a number or boolean, ours is too.</summary>
    private static void AssertLike(string example, JsonObject actual, string[]? idFields = null)
    {
        var expected = JsonNode.Parse(example)!.AsArray()[0]!.AsObject();
        Assert.Superset(expected.Select(p => p.Key).ToHashSet(), actual.Select(p => p.Key).ToHashSet());
        foreach (var (name, value) in expected)
        {
            if (value is JsonValue v && actual[name] is JsonValue a && !(idFields ?? []).Contains(name)
                && v.GetValueKind() is System.Text.Json.JsonValueKind.Number or System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
            {
                Assert.True(a.GetValueKind() == v.GetValueKind() || (v.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False
                    && a.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False), $"{name}: {a.GetValueKind()}");
            }
        }
    }
}
