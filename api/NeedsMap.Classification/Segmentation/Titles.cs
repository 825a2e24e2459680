namespace NeedsMap.Classification.Segmentation;

/// <summary>
/// Words around a surname that say it is not a full name: titles and forms of address (王师傅, 李阿姨, 刘主任 name no one
/// more than the surname does), place words that a name-like word starts (宾王路, 丹溪家园), and function words that
/// cannot be part of a given name.
/// </summary>
internal static class Titles
{
    private static readonly HashSet<string> TitleWords = new(StringComparer.Ordinal)
    {
        "师傅", "阿姨", "大爷", "大妈", "大姐", "大哥", "大叔", "大婶", "老师", "主任", "书记", "经理", "老板", "老板娘", "先生", "女士",
        "小姐", "同志", "警官", "医生", "护士", "律师", "会计", "站长", "局长", "科长", "所长", "处长", "部长", "队长", "组长", "村长",
        "镇长", "乡长", "区长", "市长", "厂长", "校长", "院长", "店长", "老头", "老太", "奶奶", "爷爷", "伯伯", "叔叔", "阿婆", "阿公",
        "姐", "哥", "叔", "婶", "爷", "奶", "伯", "总", "工", "老", "家", "某", "某某", "氏", "师", "姓",
    };

    private static readonly string[] PlaceStarts =
    [
        "路", "街", "道", "巷", "弄", "村", "镇", "乡", "桥", "山", "湖", "江", "河", "港", "湾", "园", "苑", "府", "城", "区", "里",
        "庄", "店", "坊", "塘", "溪", "岭", "坞", "岙", "小区", "社区", "市场", "广场", "大道", "中学", "小学", "医院", "公园", "家园",
        "花园", "大厦", "公寓", "新村", "工业", "商城", "北路", "南路", "东路", "西路", "中路", "大街",
    ];

    private static readonly HashSet<string> Function = new(StringComparer.Ordinal)
    {
        "的", "了", "在", "和", "与", "跟", "都", "也", "说", "是", "有", "住", "家", "把", "被", "给", "让", "向", "从", "对", "为",
        "就", "又", "还", "很", "不", "没", "要", "会", "能", "去", "来", "到", "上", "下", "里", "这", "那", "们", "等", "及", "或", "口", "外", "内", "前", "后", "边", "旁", "侧",
    };

    private static readonly HashSet<string> Reporting = new(StringComparer.Ordinal)
    {
        "反映", "反应", "投诉", "举报", "来电", "来信", "来访", "致电", "咨询", "询问", "求助", "报警", "报称", "诉称", "称", "说",
        "表示", "要求", "希望", "建议", "讨薪", "提出", "提到", "打电话", "留言", "申请", "申诉",
    };

    private static readonly HashSet<string> Weak = new(StringComparer.Ordinal)
    {
        "的", "在", "家", "和", "与", "及", "等", "今年", "是", "也", "都", "因", "被", "把", "一家", "家里", "夫妇", "老人", "他", "她",
    };

    private static readonly HashSet<string> People = new(StringComparer.Ordinal)
    {
        "农民工", "居民", "村民", "市民", "业主", "老人", "志愿者", "患者", "家属", "学生", "职工", "员工", "店主", "摊主", "司机", "租户",
        "房东", "网友", "群众", "工人", "孩子", "儿子", "女儿", "老公", "老婆", "爱人", "丈夫", "妻子", "父亲", "母亲", "爸爸", "妈妈",
    };

    private static readonly HashSet<char> PlaceEnds = [.. "镇村路街乡县市省区巷弄道苑湾港桥站厂场馆店园"];

    public static bool IsTitle(string rest) => TitleWords.Contains(rest);

    /// <summary>A verb that follows who reported (潘建国举报…).</summary>
    public static bool IsReportingVerb(string word) => Reporting.Contains(word);

    public static bool IsWeakFollower(string word) => Weak.Contains(word);

    /// <summary>A word naming the kind of person a name follows (农民工华志强).</summary>
    public static bool IsPersonWord(string word) => People.Contains(word);

    /// <summary>A word ending like a place (苏溪镇, 宗泽路, 朱村) is not a name.</summary>
    public static bool EndsAsPlace(string word) => word.Length > 0 && PlaceEnds.Contains(word[^1]);

    public static bool IsPlaceStart(string next) => next.Length > 0 && PlaceStarts.Any(p => next.StartsWith(p, StringComparison.Ordinal));

    public static bool IsFunctionWord(string word) => Function.Contains(word);
}
