using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using NeedsMap.DemoCity.Needs;
using NeedsMap.Sdk.Categories;
using NeedsMap.Sdk.Geo;
using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Bench.Ingest;

/// <summary>
/// 12345 hotline work orders in the shape the hotline platform exports them (the 12345 plugin's native format):
/// the demo city's generated needs (Chinese texts, points across Yiwu's communities, seasons) dressed as work orders
/// with callers' names, phones and ID numbers, categories in the platform's own labels and GCJ-02 coordinates.
/// </summary>
internal static class WorkOrders
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "朱", "金", "楼", "骆", "傅", "龚"];
    private static readonly string[] GivenNames = ["建国", "秀英", "丽华", "伟", "芳", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "晓燕", "志强"];
    private static readonly string[] Intakes = ["电话", "电话", "电话", "微信", "网站", "浙里办"];
    private static readonly string[] Kinds = ["投诉", "投诉", "求助", "求助", "咨询", "建议"];

    public static byte[] Export(int count, string prefix, int seed)
    {
        var generator = DemoNeedsGenerator.ForYiwu(new DateTimeOffset(2026, 11, 27, 0, 0, 0, TimeSpan.Zero), seed);
        var boundaries = generator.Boundaries;
        var labels = StandardTaxonomy.All.Where(c => c.ParentCode is not null)
            .ToDictionary(c => c.Code, c => $"{StandardTaxonomy.Find(c.ParentCode!)!.Name}/{c.Name}", StringComparer.Ordinal);
        var random = new Random(seed);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("code", "200");
            json.WriteString("msg", "查询成功");
            json.WriteStartObject("data");
            json.WriteNumber("total", count);
            json.WriteStartArray("rows");
            var index = 0;
            foreach (var need in generator.Generate(count))
            {
                var community = boundaries.Get(need.CommunityCode).Jurisdiction;
                var street = boundaries.Get(community.ParentCode!).Jurisdiction;
                var called = need.ReceivedAt + China;
                var female = need.Reporter.Gender == "female";
                var gcj = CoordinateConverter.Wgs84ToGcj02(need.Point);
                json.WriteStartObject();
                json.WriteString("gdbh", $"{prefix}-{called:yyyyMMdd}-{index++:D6}");
                json.WriteString("ldsj", called.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                json.WriteString("gxsj", called.AddMinutes(random.Next(5, 2880)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
                json.WriteString("qdly", Intakes[random.Next(Intakes.Length)]);
                json.WriteString("ldrxm", Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)]);
                json.WriteString("ldrxb", female ? "女" : "男");
                json.WriteString("lxdh", $"1{random.Next(3, 10)}{random.Next(0, 1_000_000_000):D9}");
                if (random.NextDouble() < 0.6)
                {
                    json.WriteString("sfzh", IdNumber(need.Reporter.AgeBand, female, need.ReceivedAt, random));
                }
                json.WriteString("sqlx", Kinds[random.Next(Kinds.Length)]);
                json.WriteString("sqlb", labels.GetValueOrDefault(need.CategoryCode, "其他/其他"));
                json.WriteString("sqnr", need.Text);
                json.WriteString("sqdz", $"义乌市{street.Name}{need.Address}");
                json.WriteString("ssjd", street.Name);
                json.WriteString("sssq", community.Name);
                json.WriteString("blzt", need.Status switch { "new" => "待受理", "accepted" => "已受理", "in_progress" => "办理中", "resolved" => "已办结", _ => "已归档" });
                json.WriteString("cbdw", street.Name + "办事处");
                json.WriteString("tsqt", need.Reporter.Group switch
                {
                    "migrant_worker" => "新义乌人",
                    "foreign_merchant" => "境外客商",
                    "student" => "学生",
                    "elderly_living_alone" => "独居老人",
                    _ => "本地居民",
                });
                json.WriteNumber("jd", Math.Round(gcj.Longitude, 7));
                json.WriteNumber("wd", Math.Round(gcj.Latitude, 7));
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    // A valid resident ID number (GB 11643: region, birth date, sequence with the gender's parity, check digit).
    private static string IdNumber(string ageBand, bool female, DateTime on, Random random)
    {
        var (low, high) = ageBand switch { "0-17" => (8, 17), "18-34" => (18, 34), "35-59" => (35, 59), "60-79" => (60, 79), _ => (80, 95) };
        var birth = on.Date.AddYears(-random.Next(low, high + 1)).AddDays(-random.Next(1, 360));
        var sequence = random.Next(0, 500) * 2 + (female ? 0 : 1);
        var body = $"330782{birth:yyyyMMdd}{sequence:D3}";
        return body + PersonalData.CheckDigit(body);
    }
}
