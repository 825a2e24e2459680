using System.Text;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Security.Privacy;
using NeedsMap.Api.Tests.Infrastructure;

namespace NeedsMap.Api.Tests.Security;

/// <summary>Reporter contacts stored encrypted, shown only to case-handling roles and audited; texts masked; small public groups suppressed.</summary>
public sealed class PersonalDataTests(SecuredHost host) : IClassFixture<SecuredHost>, IAsyncLifetime
{
    public Task InitializeAsync() => host.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("请联系我13812345678", "请联系我138****5678")]
    [InlineData("电话：+86 139-1234-5678。", "电话：139****5678。")]
    [InlineData("座机0579-85123456找物业", "座机0579-****3456找物业")]
    [InlineData("身份证330782199001011234，", "身份证330782********1234，")]
    [InlineData("身份证33078219900101123X", "身份证330782********123X")]
    [InlineData("我叫张三，楼下太吵", "我叫张*，楼下太吵")]
    [InlineData("姓名：欧阳娜 电话", "姓名：欧阳* 电话")]
    [InlineData("订单号20260601123456789012不是身份证", "订单号20260601123456789012不是身份证")]
    [InlineData("路灯坏了三天", "路灯坏了三天")]
    [InlineData("稠城街道xx路12号3单元501", "稠城街道xx路**号*单元***")]
    [InlineData("江东街道鸡鸣山社区5幢2单元302室楼下", "江东街道鸡鸣山社区*幢*单元***室楼下")]
    [InlineData("宾王路88号门口占道", "宾王路**号门口占道")]
    [InlineData("幸福小区3-2-501漏水", "幸福小区*-*-***漏水")]
    [InlineData("丹溪家园十二幢三单元", "丹溪家园**幢*单元")]
    [InlineData("小区5天没收垃圾", "小区5天没收垃圾")]
    [InlineData("住在工人北路B座1203，电话13812345678", "住在工人北路*座****，电话138****5678")]
    // The formats an outside review found in clear (session 28): dots, the dashes a Chinese keyboard types, brackets round the
    // area code, an ID number in three parts, an e-mail with 。, a mobile in Chinese numerals.
    [InlineData("联系电话138.5790.1234", "联系电话138****1234")]
    [InlineData("备用１３８－５７９０－１２３４", "备用138****1234")]
    [InlineData("座机(0579)85123456", "座机0579-****3456")]
    [InlineData("座机（０５７９）８５１２３４５６找物业", "座机0579-****3456找物业")]
    [InlineData("传真0579—85123456", "传真0579-****3456")]
    [InlineData("身份证330782 19850312 4319，", "身份证330782********4319，")]
    [InlineData("邮箱 wang.xiaoming@163。com", "邮箱 w************@163。com")]
    [InlineData("打一三八五七九〇一二三四找我", "打138****1234找我")]
    [InlineData("2026-12-08 10:30 路灯不亮", "2026-12-08 10:30 路灯不亮")]
    [InlineData("价格12.5元，面积138.5平方", "价格12.5元，面积138.5平方")]
    public void Texts_are_masked_for_roles_without_personal_data(string text, string masked) =>
        Assert.Equal(masked, PersonalDataMask.Scrub(text));

    [Fact]
    public async Task A_contact_is_stored_encrypted_shown_to_case_handlers_only_and_every_read_is_audited()
    {
        var officer = host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong, "zhou");
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var submitted = await host.GraphQLAsync("""
            mutation { submitNeed(input: { text: "楼下半夜施工，我叫李四，13812345678",
              location: { type: "Point", coordinates: [LON, LAT] }, categoryCode: "noise",
              contact: { name: "李四", phone: "13812345678", idNumber: "330782199001011234" } }) { need { id text } errors { __typename ... on Error { code message } } } }
            """.Replace("LON", at.Longitude.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("LAT", at.Latitude.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), token: officer);
        Assert.Null(submitted["errors"]);
        var id = submitted["data"]!["submitNeed"]!["need"]!["id"]!.GetValue<string>();

        await using (var connection = new Npgsql.NpgsqlConnection(host.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT contact_encrypted, contact_key_id FROM needs", connection);
            await using var reader = await command.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            var bytes = (byte[])reader[0];
            Assert.DoesNotContain("13812345678", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
            Assert.Equal("k1", reader.GetString(1));
        }

        var query = $$"""{ need(id: "{{id}}") { text reporterContact { name phone } } }""";
        var seen = await host.GraphQLAsync(query, token: officer);
        Assert.Equal("13812345678", seen["data"]!["need"]!["reporterContact"]!["phone"]!.GetValue<string>());
        Assert.Contains("13812345678", seen["data"]!["need"]!["text"]!.GetValue<string>(), StringComparison.Ordinal);

        var deputy = await host.GraphQLAsync(query, token: host.Token(RoleRights.Deputy, TestNeeds.Jiangdong, "wu"));
        Assert.Equal("FORBIDDEN", Payloads.Code(deputy));
        Assert.Equal("楼下半夜施工，我叫李*，138****5678", deputy["data"]!["need"]!["text"]!.GetValue<string>());
        Assert.Null(deputy["data"]!["need"]!["reporterContact"]);

        var foreignOfficer = await host.GraphQLAsync(query, token: host.Token(RoleRights.StreetOfficer, TestNeeds.Choucheng, "qian"));
        Assert.Null(foreignOfficer["data"]!["need"]);

        var log = await host.GraphQLAsync("{ auditLog { actor role needId fields } }", token: host.Token(RoleRights.CityAdmin, subject: "root"));
        var entry = Assert.Single(log["data"]!["auditLog"]!.AsArray());
        Assert.Equal("street_officer:zhou", entry!["actor"]!.GetValue<string>());
        Assert.Equal(id, entry["needId"]!.GetValue<string>());
        Assert.Equal(["name", "phone"], entry["fields"]!.AsArray().Select(f => f!.GetValue<string>()).Order());

        var (status, body, _) = await host.PostAsync("{ auditLog { actor } }", token: officer);
        Assert.Equal(403, status);
        Assert.Equal("FORBIDDEN", Payloads.Code(body));
    }

    [Fact]
    public async Task Addresses_are_masked_to_the_road_for_roles_without_personal_data()
    {
        var officer = host.Token(RoleRights.StreetOfficer, TestNeeds.Jiangdong, "zhou");
        var at = TestNeeds.InteriorOf(host, TestNeeds.Jimingshan);
        var submitted = await host.GraphQLAsync("""
            mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { need { id address } errors { __typename ... on Error { code message } } } }
            """, new
        {
            input = new
            {
                text = "楼上漏水", address = "江东街道鸡鸣山社区5幢2单元302室", categoryCode = "noise",
                location = new { type = "Point", coordinates = new[] { at.Longitude, at.Latitude } }
            }
        }, token: officer);
        Assert.Null(submitted["errors"]);
        Assert.Equal("江东街道鸡鸣山社区5幢2单元302室", submitted["data"]!["submitNeed"]!["need"]!["address"]!.GetValue<string>());
        var query = $$"""{ need(id: "{{submitted["data"]!["submitNeed"]!["need"]!["id"]!.GetValue<string>()}}") { address } }""";
        var deputy = await host.GraphQLAsync(query, token: host.Token(RoleRights.Deputy, TestNeeds.Jiangdong, "wu"));
        Assert.Equal("江东街道鸡鸣山社区*幢*单元***室", deputy["data"]!["need"]!["address"]!.GetValue<string>());
    }

    [Fact]
    public async Task Contacts_written_before_the_merge_still_read_and_reseal_secrets_moves_every_row_to_the_current_key()
    {
        var need = await TestNeeds.AddAsync(host, "旧数据", "noise", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan));
        var legacy = SecretBoxTests.LegacyContact("""{"Name":"李四","Phone":"13812345678","IdNumber":null}""", NeedsMapHost.TestEncryptionKey, "k1");
        await using (var connection = new Npgsql.NpgsqlConnection(host.ConnectionString))
        {
            await connection.OpenAsync();
            await using var update = new Npgsql.NpgsqlCommand("UPDATE needs SET contact_encrypted = $1, contact_key_id = 'k1' WHERE id = $2", connection);
            update.Parameters.Add(new Npgsql.NpgsqlParameter { Value = legacy });
            update.Parameters.Add(new Npgsql.NpgsqlParameter { Value = need.Id });
            await update.ExecuteNonQueryAsync();
        }
        var admin = host.Token(RoleRights.CityAdmin, subject: "root");
        var id = NeedsMap.Api.Graph.Relay.GlobalId.Encode("Need", need.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var read = await host.GraphQLAsync($$"""{ need(id: "{{id}}") { reporterContact { phone } } }""", token: admin);
        Assert.Equal("13812345678", read["data"]!["need"]!["reporterContact"]!["phone"]!.GetValue<string>());

        var newKey = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData("rotated"u8));
        var rotated = new SecretBox(new PrivacySettings
        {
            EncryptionKey = newKey, EncryptionKeyId = "k2", PreviousEncryptionKeys = new() { ["k1"] = NeedsMapHost.TestEncryptionKey },
        }, host.Service<Microsoft.Extensions.Hosting.IHostEnvironment>());
        var rotation = new SecretRotation(host.Service<Npgsql.NpgsqlDataSource>(), rotated);
        Assert.Equal((1, 0), await rotation.ResealAsync(CancellationToken.None));
        Assert.Equal((0, 0), await rotation.ResealAsync(CancellationToken.None));
        await using (var connection = new Npgsql.NpgsqlConnection(host.ConnectionString))
        {
            await connection.OpenAsync();
            await using var select = new Npgsql.NpgsqlCommand("SELECT contact_encrypted, contact_key_id FROM needs WHERE id = $1", connection);
            select.Parameters.Add(new Npgsql.NpgsqlParameter { Value = need.Id });
            await using var reader = await select.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            Assert.Equal("k2", reader.GetString(1));
            var contact = new ContactProtector(new SecretBox(new PrivacySettings { EncryptionKey = newKey, EncryptionKeyId = "k2" },
                host.Service<Microsoft.Extensions.Hosting.IHostEnvironment>())).Decrypt((byte[])reader[0], reader.GetString(1));
            Assert.Equal("13812345678", contact!.Phone);
        }
    }

    [Fact]
    public async Task Public_statistics_leave_out_groups_of_fewer_than_five_needs()
    {
        for (var i = 0; i < 5; i++)
        {
            await TestNeeds.AddAsync(host, "噪音" + i, "noise", TestNeeds.InteriorOf(host, TestNeeds.Jimingshan));
        }
        await TestNeeds.AddAsync(host, "路灯", "noise", TestNeeds.InteriorOf(host, TestNeeds.ChouchengFirstCommunity));
        var (_, body, _) = await host.PostAsync("{ needStats(groupBy: JURISDICTION, jurisdictionLevel: STREET) { totalCount groups { key count } } }");
        var groups = body!["data"]!["needStats"]!["groups"]!.AsArray();
        var group = Assert.Single(groups);
        Assert.Equal(TestNeeds.Jiangdong, group!["key"]!.GetValue<string>());
        Assert.Equal(5, body["data"]!["needStats"]!["totalCount"]!.GetValue<int>());
    }
}
