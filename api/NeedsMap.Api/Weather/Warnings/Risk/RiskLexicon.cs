using System.Text.RegularExpressions;

namespace NeedsMap.Api.Weather.Warnings.Risk;

/// <summary>
/// The words that mark a need as more than a complaint. Collective action and escalation: people acting together
/// or taking it further (联名 集体 上访 堵路 维权 讨薪 …). Anger: the writer's patience is gone (忍无可忍 踢皮球 …,
/// or a run of exclamation marks). Plain literals, so the same pattern means the same in .NET and in PostgreSQL.
/// A city extends the lists here; each signal is judged against its own baseline share, so a word that is common
/// in some category (维权 in consumer rights) raises nothing there by itself.
/// </summary>
public static partial class RiskLexicon
{
    public static IReadOnlyList<string> Collective { get; } =
    [
        "联名", "集体", "上访", "信访", "堵路", "堵门", "围堵", "维权", "讨薪", "拉横幅", "横幅", "静坐", "游行", "聚集", "抗议", "罢工",
        "联合起来", "大家一起", "一起去", "全体业主", "全体居民", "几十户", "上百户", "业主群", "工友们", "找媒体", "曝光", "起诉", "讨说法",
    ];

    public static IReadOnlyList<string> Anger { get; } =
    [
        "愤怒", "气愤", "忍无可忍", "受够了", "太过分", "欺人太甚", "无法无天", "不作为", "推诿", "踢皮球", "敷衍", "寒心", "失望透顶",
        "没人管", "没有人管", "到底管不管", "还要等多久", "多次反映", "反映多次", "多次投诉", "投诉多次", "再不处理", "气死", "岂有此理",
        "凭什么", "！！", "!!",
    ];

    /// <summary>A POSIX regular expression for PostgreSQL's <c>~</c> (the literals need no escaping).</summary>
    public static string CollectivePattern { get; } = string.Join('|', Collective);

    public static string AngerPattern { get; } = string.Join('|', Anger);

    public static bool IsCollective(string text) => CollectiveRegex().IsMatch(text);

    public static bool IsAngry(string text) => AngerRegex().IsMatch(text);

    /// <summary>The lexicon's words in a text, for a warning's evidence (words only, never the text).</summary>
    public static IEnumerable<string> WordsIn(string text) =>
        Collective.Concat(Anger).Where(w => text.Contains(w, StringComparison.Ordinal));

    [GeneratedRegex("联名|集体|上访|信访|堵路|堵门|围堵|维权|讨薪|拉横幅|横幅|静坐|游行|聚集|抗议|罢工|联合起来|大家一起|一起去|全体业主|全体居民|几十户|上百户|业主群|工友们|找媒体|曝光|起诉|讨说法", RegexOptions.CultureInvariant)]
    private static partial Regex CollectiveRegex();

    [GeneratedRegex("愤怒|气愤|忍无可忍|受够了|太过分|欺人太甚|无法无天|不作为|推诿|踢皮球|敷衍|寒心|失望透顶|没人管|没有人管|到底管不管|还要等多久|多次反映|反映多次|多次投诉|投诉多次|再不处理|气死|岂有此理|凭什么|！！|!!", RegexOptions.CultureInvariant)]
    private static partial Regex AngerRegex();
}
