using NeedsMap.Api.Weather.Warnings.Risk;

namespace NeedsMap.Bench.Foresight.Risk;

/// <summary>Planted episodes: who files, in which category, with which texts (some outside the lexicon on purpose).</summary>
internal sealed record RiskEpisodes(string Name, string Category, string[] Collective, string[] Angry, string[] Plain, double CollectiveShare,
    double AngryShare, double RepeatShare)
{
    public static IReadOnlyList<RiskEpisodes> All { get; } =
    [
        new("讨薪: workers owed wages act together", "employment.wage_arrears",
            ["我们工友们一起来讨薪，老板拖欠三个月工资", "十几个工人明天准备去市政府门口拉横幅", "大家一起去劳动监察大队讨说法"],
            ["工资拖了半年了，忍无可忍", "老板跑了没人管，我们怎么过年！！", "找了好几次都在踢皮球"],
            ["工地包工头欠我工资没给", "做了四个月一分钱没拿到", "项目部说下个月再发，已经说了三次了"], 0.5, 0.35, 0),
        new("联名: residents against night construction", "noise.construction",
            ["全体业主联名投诉工地夜间施工", "我们几十户居民联合起来反映，半夜打桩", "业主群里商量要找媒体曝光"],
            ["天天半夜施工，受够了", "投诉多次还在打桩，太过分了", "到底管不管？孩子没法睡觉"],
            ["晚上十一点还在施工，噪音很大", "工地凌晨两点还在作业", "夜里施工声音吵得睡不着"], 0.4, 0.3, 0),
        new("repeats: answered but not solved", "housing.property_management",
            [], ["说是处理了，根本没人管", "办结了问题还在，寒心", "敷衍了事，物业照样不管"],
            ["上次反映的电梯又坏了", "楼道垃圾还是没人清理", "物业说修好了，其实还在漏水"], 0, 0.35, 0.7),
        new("a crowd with plain texts (should not be a social risk)", "traffic.parking",
            [], [], ["小区门口乱停车堵住出口", "路边停满了车走不过去", "消防通道被车占了"], 0, 0, 0),
    ];

    public IEnumerable<RiskNeed> Plant(string community, DateOnly lastDay, int residents, Draws draws)
    {
        for (var i = 0; i < residents; i++)
        {
            var roll = draws.Uniform();
            var text = roll < CollectiveShare ? Collective[draws.Int(0, Collective.Length)]
                : roll < CollectiveShare + AngryShare ? Angry[draws.Int(0, Angry.Length)]
                : Plain[draws.Int(0, Plain.Length)];
            yield return new RiskNeed(community, Category, lastDay.AddDays(-draws.Int(0, RiskTest.WindowDays)), $"planted-{draws.Int(0, int.MaxValue)}", text,
                draws.Uniform() < RepeatShare);
        }
    }
}
