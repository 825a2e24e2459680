using NeedsMap.DemoCity.Divisions;

namespace NeedsMap.DemoCity.Tests.Divisions;

public sealed class YiwuDivisionsTests
{
    [Fact]
    public void Yiwu_has_14_streets_and_towns_and_544_communities_and_villages()
    {
        Assert.Equal(14, YiwuDivisions.Streets.Count);
        Assert.Equal(544, YiwuDivisions.Communities.Count);
        Assert.Equal(1 + 14 + 544, YiwuDivisions.All.Count);
        Assert.Equal(8, YiwuDivisions.Streets.Count(s => s.Kind == JurisdictionKind.Street));
        Assert.Equal(6, YiwuDivisions.Streets.Count(s => s.Kind == JurisdictionKind.Town));
    }

    [Fact]
    public void The_city_is_Yiwu_330782()
    {
        Assert.Equal(new Jurisdiction("330782", "义乌市", "义乌市", null, JurisdictionKind.City), YiwuDivisions.City);
    }

    [Fact]
    public void Every_community_belongs_to_a_street_whose_code_prefixes_its_own()
    {
        var streets = YiwuDivisions.Streets.Select(s => s.Code).ToHashSet();
        Assert.All(YiwuDivisions.Communities, c =>
        {
            Assert.Contains(c.ParentCode!, streets);
            Assert.StartsWith(c.ParentCode!, c.Code, StringComparison.Ordinal);
            Assert.Equal(12, c.Code.Length);
        });
        Assert.All(YiwuDivisions.Streets, s => Assert.Equal(YiwuDivisions.CityCode, s.ParentCode));
    }

    [Theory]
    [InlineData("330782002005", "鸡鸣山社区", "鸡鸣山社区居委会", JurisdictionKind.Community)]
    [InlineData("330782002009", "塔下洲社区", "塔下洲社区居民委员会", JurisdictionKind.Community)]
    [InlineData("330782002205", "金星村", "金星村委会", JurisdictionKind.Village)]
    [InlineData("330782002206", "徐村", "徐村村委会", JurisdictionKind.Village)]
    [InlineData("330782100307", "南江村", "南江村村民委员会", JurisdictionKind.Village)]
    [InlineData("330782005001", "黄龙社区", "黄龙居委会", JurisdictionKind.Community)]
    public void Short_names_drop_the_committee_suffix_and_keep_the_official_name(
        string code, string name, string officialName, JurisdictionKind kind)
    {
        var community = YiwuDivisions.Get(code);
        Assert.Equal(name, community.Name);
        Assert.Equal(officialName, community.OfficialName);
        Assert.Equal(kind, community.Kind);
    }

    [Fact]
    public void No_short_name_keeps_a_committee_word()
    {
        Assert.All(YiwuDivisions.Communities, c => Assert.DoesNotContain("委员会", c.Name + c.Name.Replace("委会", "委员会")));
        Assert.Equal(112, YiwuDivisions.Communities.Count(c => c.Kind == JurisdictionKind.Community));
        Assert.Equal(432, YiwuDivisions.Communities.Count(c => c.Kind == JurisdictionKind.Village));
    }

    [Fact]
    public void Jimingshan_community_lies_in_Jiangdong_street()
    {
        var jimingshan = YiwuDivisions.Get(YiwuDivisions.JimingshanCode);
        Assert.Equal("鸡鸣山社区", jimingshan.Name);
        Assert.Equal("江东街道", YiwuDivisions.Get(jimingshan.ParentCode!).Name);
        Assert.Contains(jimingshan, YiwuDivisions.ChildrenOf(YiwuDivisions.JiangdongCode));
    }

    [Fact]
    public void Finding_by_name_accepts_short_and_official_names_and_returns_every_namesake()
    {
        Assert.Equal(YiwuDivisions.JimingshanCode, Assert.Single(YiwuDivisions.FindByName("鸡鸣山社区")).Code);
        Assert.Equal(YiwuDivisions.JimingshanCode, Assert.Single(YiwuDivisions.FindByName("鸡鸣山社区居委会")).Code);
        Assert.Equal(YiwuDivisions.JiangdongCode, Assert.Single(YiwuDivisions.FindByName("江东街道")).Code);
        Assert.Equal(["330782001008", "330782102006"], YiwuDivisions.FindByName("车站社区").Select(j => j.Code).Order());
        Assert.Empty(YiwuDivisions.FindByName("不存在社区"));
    }
}
