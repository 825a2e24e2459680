namespace NeedsMap.DemoCity.Needs;

/// <summary>Hours of the local day (UTC+8) at which needs arrive.</summary>
internal static class TimeModel
{
    // 0 … 23. Office hours peak mid-morning and mid-afternoon; night categories in the evening and after midnight.
    private static readonly WeightedTable<int> DayHours = Table(
        [0.2, 0.1, 0.1, 0.1, 0.1, 0.3, 0.8, 2.0, 4.5, 7.0, 7.5, 6.0, 4.0, 4.5, 6.5, 7.0, 6.5, 5.0, 3.5, 3.5, 3.5, 2.5, 1.2, 0.5]);

    private static readonly WeightedTable<int> NightHours = Table(
        [3.0, 2.0, 1.5, 1.0, 0.6, 0.8, 1.2, 1.5, 2.0, 2.5, 2.5, 2.0, 2.0, 2.2, 2.5, 2.5, 2.5, 2.5, 3.0, 4.0, 5.0, 6.0, 6.5, 5.0]);

    // Construction that should have stopped at 22:00: complaints from late evening to the small hours.
    private static readonly WeightedTable<int> StoryHours = Table(
        [6.0, 5.0, 4.0, 2.5, 1.0, 1.0, 0.8, 0.3, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.2, 0.3, 0.8, 3.0, 6.5, 7.0]);

    public static int Hour(ref Rng rng, bool night) => (night ? NightHours : DayHours).Sample(ref rng);

    public static int StoryHour(ref Rng rng) => StoryHours.Sample(ref rng);

    private static WeightedTable<int> Table(double[] weights) => new(weights.Select((w, h) => (h, w)));

    private static readonly string[] HourWords = ["十二", "一", "两", "三", "四", "五", "六", "七", "八", "九", "十", "十一"];
    private static readonly string[] Approximately = ["", "多", "左右", "多钟", "半"];

    /// <summary>How a resident says the hour: 凌晨两点多, 晚上十一点左右, 中午.</summary>
    public static void AppendPhrase(System.Text.StringBuilder text, ref Rng rng, int hour)
    {
        var part = hour switch
        {
            < 3 when rng.Chance(0.3) => "半夜",
            < 5 => "凌晨",
            < 8 => "早上",
            < 11 => "上午",
            < 13 => "中午",
            < 18 => "下午",
            < 23 => "晚上",
            _ => rng.Chance(0.4) ? "半夜" : "晚上",
        };
        text.Append(part);
        if (part == "中午" && rng.Chance(0.5))
        {
            return;
        }
        text.Append(HourWords[hour % 12]).Append('点').Append(Approximately[rng.Next(Approximately.Length)]);
    }
}
