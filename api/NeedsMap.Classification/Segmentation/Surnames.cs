namespace NeedsMap.Classification.Segmentation;

/// <summary>
/// The common Chinese surnames (the ~300 most frequent single ones, which cover well over 95% of people, and the compound
/// ones still in use). Surnames that are mostly everyday function words (和, 但, 由) and compound
/// surnames that are mostly place words (西门, 南宫) are left out on purpose: they would add far more false names than
/// real ones.
/// </summary>
public static class Surnames
{
    private const string Single =
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝封谈匡鞠惠荆乐冀郁胥班储栗燕楚鄢劳谌奚皮粟冼蔺楼闻厉伊仝郜阚权帅屠朴练廉禹祖漆巴支卿狄计索宣晋芮扈晁阙浦戈伏鹿薄邸雍辜羊裘亓邰赫杭况宿鲜印逯隆茹诸慕危嵇湛戎勾茅揭尉冶檀幸奉植衡闭";

    private static readonly string[] Compound =
    [
        "欧阳", "司马", "上官", "诸葛", "东方", "司徒", "皇甫", "慕容", "公孙", "令狐", "夏侯", "尉迟", "长孙", "宇文", "端木",
        "独孤", "轩辕", "呼延", "澹台", "公冶", "申屠", "太史", "闻人", "钟离", "万俟", "赫连", "濮阳", "淳于",
    ];

    private static readonly HashSet<char> SingleSet = [.. Single];
    private static readonly HashSet<string> CompoundSet = new(Compound, StringComparer.Ordinal);

    public static bool IsCompound(string word) => CompoundSet.Contains(word);

    /// <summary>The surname's length at <paramref name="index"/>: 2 for a compound surname, 1 for a single one, 0 for none.</summary>
    public static int LengthAt(string text, int index)
    {
        if (index + 1 < text.Length && CompoundSet.Contains(text.Substring(index, 2)))
        {
            return 2;
        }
        return index < text.Length && SingleSet.Contains(text[index]) ? 1 : 0;
    }

    /// <summary>Whether any character of the text could start a name (a fast way past texts without one).</summary>
    public static bool Any(string text)
    {
        foreach (var c in text)
        {
            if (SingleSet.Contains(c))
            {
                return true;
            }
        }
        return CompoundSet.Any(s => text.Contains(s, StringComparison.Ordinal));
    }

    public static bool IsHan(char c) => c is >= '\u4e00' and <= '\u9fff';
}
