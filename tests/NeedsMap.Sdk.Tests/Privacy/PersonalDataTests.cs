using NeedsMap.Sdk.Privacy;

namespace NeedsMap.Sdk.Tests.Privacy;

public class PersonalDataTests
{
    // A made-up number for 义乌市 (330782), born 1985-03-12, male, with a valid check digit.
    private const string IdNumber = "330782198503124319";

    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("138 1234 5678", "138****5678")]
    [InlineData("+86 138-1234-5678", "138****5678")]
    [InlineData("0579-85123456", "0579-****3456")]
    [InlineData("(0579) 8512 3456", "0579-****3456")]
    [InlineData("85123456", "****3456")]
    public void Mask_phone_keeps_prefix_and_last_four_digits(string phone, string expected) =>
        Assert.Equal(expected, PersonalData.MaskPhone(phone));

    [Theory]
    [InlineData("330782198503124319", "3307**********4319")]
    [InlineData("33078219850312431x", "3307**********431X")]
    [InlineData("1234", "****")]
    public void Mask_id_number_keeps_the_first_and_last_four_characters(string id, string expected) =>
        Assert.Equal(expected, PersonalData.MaskIdNumber(id));

    [Theory]
    [InlineData("张三", "张*")]
    [InlineData("王小明", "王**")]
    [InlineData("欧阳娜娜", "欧阳**")]
    [InlineData("欧阳", "欧*")]
    [InlineData("李", "*")]
    [InlineData("Ahmed Hassan", "A**** H*****")]
    public void Mask_name_keeps_the_surname_only(string name, string expected) =>
        Assert.Equal(expected, PersonalData.MaskName(name));

    [Fact]
    public void Hash_identity_is_64_lower_case_hex_and_depends_on_the_salt()
    {
        var one = PersonalData.HashIdentity("13812345678", "salt-one");
        var two = PersonalData.HashIdentity("13812345678", "salt-two");

        Assert.Matches("^[0-9a-f]{64}$", one);
        Assert.NotEqual(one, two);
    }

    [Fact]
    public void Hash_identity_gives_one_key_for_every_spelling_of_the_same_mobile()
    {
        var hasher = new PersonalData("city-salt");

        var keys = new[] { "13812345678", "138 1234 5678", "+86 138-1234-5678", " 008613812345678 " }
            .Select(hasher.HashIdentity)
            .Distinct()
            .ToList();

        Assert.Single(keys);
        Assert.Equal(PersonalData.HashIdentity("13812345678", "city-salt"), keys[0]);
    }

    [Fact]
    public void Hash_identity_keeps_account_ids_case_sensitive()
    {
        var hasher = new PersonalData("city-salt");

        Assert.NotEqual(hasher.HashIdentity("oAbC123"), hasher.HashIdentity("oabc123"));
    }

    [Fact]
    public void Scrub_text_masks_mobile_landline_id_number_and_introduced_name()
    {
        var text = "我叫王小明，住鸡鸣山社区，手机13812345678，座机0579-85123456，身份证号" + IdNumber + "，楼下工地夜里施工。";

        var scrubbed = PersonalData.ScrubText(text);

        Assert.Equal("我叫王**，住鸡鸣山社区，手机138****5678，座机0579-****3456，身份证号3307**********4319，楼下工地夜里施工。", scrubbed);
        Assert.False(PersonalData.ContainsUnmaskedContact(scrubbed));
    }

    [Theory]
    [InlineData("姓名：李四 电话：13900001111", "姓名：李* 电话：139****1111")]
    [InlineData("姓名:欧阳娜娜反映小区电梯坏了", "姓名:欧阳**反映小区电梯坏了")]
    [InlineData("我叫张三住在江东街道", "我叫张*住在江东街道")]
    [InlineData("联系人：陈女士", "联系人：陈女士")]
    [InlineData("My name is Ahmed, shop in 国际商贸城", "My name is A****, shop in 国际商贸城")]
    [InlineData("联系电话 85123456", "联系电话 ****3456")]
    [InlineData("电话是138 1234 5678", "电话是138****5678")]
    [InlineData("来电人反映：来电人手机13857901234", "来电人反映：来电人手机138****1234")]
    [InlineData("来电人：王小明反映路灯不亮", "来电人：王**反映路灯不亮")]
    public void Scrub_text_masks_names_and_numbers_in_their_common_spellings(string text, string expected) =>
        Assert.Equal(expected, PersonalData.ScrubText(text));

    [Theory]
    [InlineData("工单编号20261127000123，涉及3栋12单元")]
    [InlineData("共有120户，约350人受影响，2026年11月27日")]
    [InlineData("订单号 1234567890123")]
    public void Scrub_text_leaves_ordinary_numbers_alone(string text) =>
        Assert.Equal(text, PersonalData.ScrubText(text));

    [Fact]
    public void Scrub_text_is_idempotent()
    {
        var once = PersonalData.ScrubText("我叫王小明，电话13812345678，身份证" + IdNumber);

        Assert.Equal(once, PersonalData.ScrubText(once));
    }

    [Fact]
    public void Try_read_id_number_gives_birth_date_and_gender()
    {
        Assert.True(PersonalData.TryReadIdNumber(IdNumber, out var birthDate, out var gender));
        Assert.Equal(new DateOnly(1985, 3, 12), birthDate);
        Assert.Equal(Gender.Male, gender);
    }

    [Theory]
    [InlineData("330782198503124318")] // wrong check digit
    [InlineData("330782198513124319")] // month 13
    [InlineData("3307821985031243")]   // too short
    public void Try_read_id_number_refuses_invalid_numbers(string id) =>
        Assert.False(PersonalData.TryReadIdNumber(id, out _, out _));

    [Theory]
    [InlineData(17, AgeBand.Under18)]
    [InlineData(18, AgeBand.Age18To34)]
    [InlineData(59, AgeBand.Age35To59)]
    [InlineData(60, AgeBand.Age60To79)]
    [InlineData(80, AgeBand.Age80Plus)]
    public void Age_bands_split_at_18_35_60_and_80(int age, AgeBand expected) =>
        Assert.Equal(expected, AgeBands.FromAge(age));

    [Fact]
    public void Age_band_from_birth_date_counts_the_birthday_itself()
    {
        Assert.Equal(AgeBand.Age35To59, AgeBands.FromBirthDate(new DateOnly(1966, 11, 27), new DateOnly(2026, 11, 26)));
        Assert.Equal(AgeBand.Age60To79, AgeBands.FromBirthDate(new DateOnly(1966, 11, 27), new DateOnly(2026, 11, 27)));
    }

    [Fact]
    public void Age_band_codes_name_each_band_by_its_years_youngest_first()
    {
        Assert.Equal(["0-17", "18-34", "35-59", "60-79", "80+"], AgeBands.Codes);
        Assert.Equal("35-59", AgeBands.Code(AgeBands.FromAge(40)));
    }
}
