using System.Globalization;
using System.Text;
using NeedsMap.DemoCity.Boundaries;
using NeedsMap.Sdk.Categories;
using NeedsMap.Sdk.Geo;

namespace NeedsMap.DemoCity.Needs;

/// <summary>
/// Generates a year of residents' needs for the demo city (or a longer window: a benchmark's decade), deterministic for a
/// seed, a "now" and a window, streamed one at a time. Need i depends on (seed, now, window, i) only, so the first 20,000
/// of a 1,000,000-need benchmark stream are the demo's 20,000.
/// </summary>
/// <remarks>
/// Three sources mix: the background (every community, urban ones busier, categories by month), hotspots (markets,
/// schools, clinics, building sites drawing their own categories) and the story of 鸡鸣山 (<see cref="DemoStory"/>).
/// </remarks>
public sealed class DemoNeedsGenerator
{
    public const int DefaultCount = 20_000;
    public const int DefaultSeed = 330782;
    public const int DefaultWindowDays = 365;

    /// <summary>The longest window, ten years (a benchmark's decade); the calendar's Spring Festival dates (<see cref="SpringFestival"/>) cover it up to 2032.</summary>
    public const int MaxWindowDays = 3653;

    private const double HotspotShare = 0.14;
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private readonly ulong _seed;
    private readonly CommunityModel[] _communities;
    private readonly WeightedTable<int> _communityTable;
    private readonly WeightedTable<string>[,] _categoriesByMonthAndKind; // [month-1, 0 = community / 1 = village]
    private readonly WeightedTable<int> _hotspotTable;
    private readonly HotspotModel[] _hotspots;
    private readonly DateTime[] _dayStartsUtc;
    private readonly int[] _dayMonths;
    private readonly WeightedTable<int> _dayTable;
    private readonly WeightedTable<int> _storyDayTable;
    private readonly int _storyCommunity;
    private readonly double _storyShare;
    private readonly Dictionary<string, WeightedTable<string>> _channelsByCategory;
    private readonly WeightedTable<string> _storyChannels;
    private readonly int _bookingHotspot;
    private readonly int _bookingDay;

    /// <param name="windowDays">
    /// How many days the needs span, ending at <paramref name="now"/>: a year by default, up to ten. The same count over a
    /// longer window is spread thinner; the story of 鸡鸣山 keeps its last months either way.
    /// </param>
    public DemoNeedsGenerator(DemoBoundaries boundaries, DateTimeOffset now, int seed = DefaultSeed, int windowDays = DefaultWindowDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(windowDays, DefaultWindowDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(windowDays, MaxWindowDays);
        Boundaries = boundaries;
        WindowDays = windowDays;
        Now = now.UtcDateTime;
        WindowStart = Now.AddDays(-WindowDays);
        _seed = (ulong)seed;

        _communities = boundaries.Communities.Select((b, i) => new CommunityModel(b, boundaries.Get(b.Jurisdiction.ParentCode!).Jurisdiction)).ToArray();
        _communityTable = new WeightedTable<int>(_communities.Select((c, i) => (i, c.Weight)));
        // Another city has neither Yiwu's story nor its hotspots: its needs are the background alone.
        _storyCommunity = Array.FindIndex(_communities, c => c.Code == DemoStory.CommunityCode);
        // The building site's complaints fill its last months whatever the window: a longer window dilutes the share, not the story.
        _storyShare = windowDays == DefaultWindowDays ? DemoStory.Share : DemoStory.Share * DefaultWindowDays / windowDays;
        StorySite = _communities[Math.Max(0, _storyCommunity)].Centre;

        var leaves = StandardTaxonomy.All.Where(c => !c.IsTopLevel).Select(c => c.Code).ToArray();
        _categoriesByMonthAndKind = new WeightedTable<string>[12, 2];
        for (var month = 1; month <= 12; month++)
        {
            _categoriesByMonthAndKind[month - 1, 0] = new(leaves.Select(code =>
                (code, CategoryModel.BaseWeights.GetValueOrDefault(code, 0.5) * CategoryModel.SeasonalFactor(code, month))));
            _categoriesByMonthAndKind[month - 1, 1] = new(leaves.Select(code =>
                (code, CategoryModel.BaseWeights.GetValueOrDefault(code, 0.5) * CategoryModel.SeasonalFactor(code, month) * CategoryModel.VillageFactor(code))));
        }

        _hotspots = Hotspot.Yiwu.Select(h => (Source: h, Community: Array.FindIndex(_communities, c => c.Code == h.CommunityCode)))
            .Where(h => h.Community >= 0).Select(h => new HotspotModel(h.Source, h.Community)).ToArray();
        _hotspotTable = new WeightedTable<int>(_hotspots.Length == 0 ? [(0, 1.0)] : _hotspots.Select((h, i) => (i, h.Source.Weight)));
        _bookingHotspot = Array.FindIndex(_hotspots, h => h.Source.Name == DemoBooking.HotspotName);

        (_dayStartsUtc, _dayMonths, _dayTable, _storyDayTable) = BuildCalendar(Now, windowDays);
        _bookingDay = BookingDay(_dayStartsUtc, windowDays);
        _channelsByCategory = leaves.ToDictionary(code => code, ChannelModel.For, StringComparer.Ordinal);
        _storyChannels = ChannelModel.Story();
    }

    /// <summary>Yiwu with the shared boundaries.</summary>
    public static DemoNeedsGenerator ForYiwu(DateTimeOffset now, int seed = DefaultSeed, int windowDays = DefaultWindowDays) =>
        new(DemoBoundaryGenerator.Yiwu, now, seed, windowDays);

    public DemoBoundaries Boundaries { get; }

    /// <summary>How many days the needs span, ending at <see cref="Now"/>.</summary>
    public int WindowDays { get; }

    /// <summary>The end of the window, UTC; no need is received after it.</summary>
    public DateTime Now { get; }

    /// <summary>The start of the window (<see cref="Now"/> minus <see cref="WindowDays"/> days), UTC.</summary>
    public DateTime WindowStart { get; }

    /// <summary>Where the building site of the story stands (WGS-84).</summary>
    public GeoPoint StorySite { get; }

    /// <summary>When the vaccination clinic's online booking opened (<see cref="DemoBooking"/>): local midnight, UTC.</summary>
    public DateTime BookingOpenedAt => _dayStartsUtc[_bookingDay];

    /// <summary>The start (local midnight, as UTC) of the local day <paramref name="daysAgo"/> days before <see cref="Now"/>'s, 0 to <see cref="WindowDays"/>.</summary>
    public DateTime LocalDayStartUtc(int daysAgo)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(daysAgo);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(daysAgo, WindowDays);
        return _dayStartsUtc[WindowDays - daysAgo];
    }

    /// <summary>Streams <paramref name="count"/> needs; nothing is kept between items, so a million cost no memory.</summary>
    public IEnumerable<DemoNeed> Generate(int count = DefaultCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var text = new StringBuilder(256);
        for (var i = 0; i < count; i++)
        {
            yield return Create(i, text);
        }
    }

    /// <summary>
    /// The same needs as <see cref="Generate"/>, in the order they were received (ties by index). Stored in this order, their
    /// ids follow time as they do when needs arrive one by one, so whatever walks needs in id order (a rebuild of the key
    /// matters) meets a few days of them at a time. Each need is made twice (once for its time) and one (time, index) pair a
    /// need is kept: 160 MB for ten million.
    /// </summary>
    public IEnumerable<DemoNeed> GenerateInReceivedOrder(int count = DefaultCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var text = new StringBuilder(256);
        var order = new (long Ticks, int Index)[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = (Create(i, text).ReceivedAt.Ticks, i);
        }
        Array.Sort(order);
        foreach (var (_, index) in order)
        {
            yield return Create(index, text);
        }
    }

    /// <summary>The need with this index, the same one <see cref="Generate"/> yields at that position.</summary>
    public DemoNeed At(int index) => Create(index, new StringBuilder(256));

    private DemoNeed Create(int index, StringBuilder text)
    {
        var rng = new Rng(_seed, (ulong)index);
        var source = rng.NextDouble();
        int community;
        int day;
        string category;
        int hotspot = -1;
        if (_storyCommunity >= 0 && source < _storyShare)
        {
            community = _storyCommunity;
            day = _storyDayTable.Sample(ref rng);
            category = DemoStory.CategoryCode;
        }
        else if (_hotspots.Length > 0 && source < _storyShare + HotspotShare)
        {
            hotspot = _hotspotTable.Sample(ref rng);
            community = _hotspots[hotspot].Community;
            day = _dayTable.Sample(ref rng);
            category = _hotspots[hotspot].CategoriesByMonth[_dayMonths[day] - 1].Sample(ref rng);
            if (hotspot == _bookingHotspot && day >= _bookingDay && category == DemoBooking.CategoryCode && rng.Chance(DemoBooking.Spared))
            {
                // Booked online instead of queueing: no complaint at the clinic. The index becomes an ordinary need, so the count stays.
                hotspot = -1;
                community = _communityTable.Sample(ref rng);
                category = _categoriesByMonthAndKind[_dayMonths[day] - 1, _communities[community].IsVillage ? 1 : 0].Sample(ref rng);
            }
        }
        else
        {
            community = _communityTable.Sample(ref rng);
            day = _dayTable.Sample(ref rng);
            category = _categoriesByMonthAndKind[_dayMonths[day] - 1, _communities[community].IsVillage ? 1 : 0].Sample(ref rng);
        }
        var isStory = hotspot < 0 && _storyCommunity >= 0 && community == _storyCommunity && source < _storyShare;
        var model = _communities[community];

        var hour = isStory ? TimeModel.StoryHour(ref rng) : TimeModel.Hour(ref rng, CategoryModel.IsNightCategory(category));
        var receivedAt = _dayStartsUtc[day].AddHours(hour).AddSeconds(rng.Next(3600));
        if (receivedAt > Now)
        {
            receivedAt = Now.AddSeconds(-rng.Next(1, 3600));
        }
        if (receivedAt <= WindowStart)
        {
            // The first local day starts before the window does: fold the overhang back inside.
            receivedAt = WindowStart + (WindowStart - receivedAt) + TimeSpan.FromSeconds(1);
        }

        var point = isStory
            ? model.Near(ref rng, StorySite, DemoStory.SigmaMetres)
            : hotspot >= 0
                ? model.Near(ref rng, model.Centre, _hotspots[hotspot].Source.SigmaMetres)
                : model.Anywhere(ref rng);

        var channel = (isStory ? _storyChannels : _channelsByCategory[category]).Sample(ref rng);
        var reporter = model.Reporter(_seed, ref rng, isStory);
        var estate = model.Estates[rng.Next(model.Estates.Length)];
        var weight = 1.0;
        var joint = 0;
        if (channel is "four-platforms" or "zheliban" or "board" && rng.Chance(0.08))
        {
            joint = rng.Next(3, 21);
            weight = joint;
        }

        var place = model.IsVillage ? model.Name : estate;
        var spot = isStory ? TextModel.StorySpot(ref rng)
            : hotspot >= 0 ? _hotspots[hotspot].Source.Name
            : TextModel.NearbySpot(ref rng, category, place);
        var templates = isStory ? NeedTexts.StoryConstruction : NeedTexts.ByCategory[category];
        TextModel.Write(text, ref rng, templates, reporter.Group, place, spot, hour, joint);

        var localDate = receivedAt + ChinaOffset;
        return new DemoNeed(
            ExternalId: string.Create(CultureInfo.InvariantCulture, $"{channel}-{localDate.Year * 10000 + localDate.Month * 100 + localDate.Day}-{index:D7}"),
            ChannelCode: channel,
            ReceivedAt: DateTime.SpecifyKind(receivedAt, DateTimeKind.Utc),
            Text: text.ToString(),
            CategoryCode: category,
            Point: point,
            Address: model.AddressPrefix + estate,
            CommunityCode: model.Code,
            Status: StatusModel.For(ref rng, (Now - receivedAt).TotalDays, isStory),
            Weight: weight,
            Reporter: reporter);
    }

    /// <summary>The last local day that opens a vaccination wave (<see cref="DemoBooking.OpensOn"/>) and leaves the weeks it needs after it.</summary>
    private static int BookingDay(DateTime[] dayStartsUtc, int windowDays)
    {
        for (var d = windowDays - DemoBooking.MinimumDaysAgo; d >= 0; d--)
        {
            var local = dayStartsUtc[d] + ChinaOffset;
            if (DemoBooking.OpensOn.Contains((local.Month, local.Day)))
            {
                return d;
            }
        }
        throw new InvalidOperationException("A year always holds a vaccination wave's first day.");
    }

    /// <summary>
    /// One entry per local (UTC+8) day of the window. Volume dips over the Spring Festival (Yiwu's migrant workers
    /// go home), is lower at weekends, and grows slowly over the window as more residents use the channels.
    /// </summary>
    private static (DateTime[] StartsUtc, int[] Months, WeightedTable<int> All, WeightedTable<int> Story) BuildCalendar(DateTime nowUtc,
        int windowDays)
    {
        var lastLocalDay = (nowUtc + ChinaOffset).Date;
        var starts = new DateTime[windowDays + 1];
        var months = new int[windowDays + 1];
        var weights = new (int, double)[windowDays + 1];
        var story = new List<(int, double)>();
        for (var d = 0; d <= windowDays; d++)
        {
            var local = lastLocalDay.AddDays(d - windowDays);
            starts[d] = DateTime.SpecifyKind(local - ChinaOffset, DateTimeKind.Utc);
            months[d] = local.Month;
            var weekend = local.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.8 : 1.0;
            var festival = SpringFestival.DaysFrom(local) is >= -10 and <= 12 ? 0.45 : 1.0;
            var trend = 0.85 + 0.3 * d / windowDays;
            weights[d] = (d, weekend * festival * trend);
            var storyAge = d - (windowDays - DemoStory.StartedDaysAgo);
            if (storyAge >= 0)
            {
                var t = (double)storyAge / DemoStory.StartedDaysAgo;
                story.Add((d, (0.08 + t * t) * (festival < 1 ? 0.2 : 1.0)));
            }
        }
        return (starts, months, new WeightedTable<int>(weights), new WeightedTable<int>(story));
    }
}
