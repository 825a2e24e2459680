namespace NeedsMap.Sdk;

/// <summary>Age bands wide enough not to identify anyone, split where services differ (adulthood, 60, 80).</summary>
public enum AgeBand
{
    /// <summary>Younger than 18.</summary>
    Under18,
    /// <summary>18 to 34.</summary>
    Age18To34,
    /// <summary>35 to 59.</summary>
    Age35To59,
    /// <summary>60 to 79.</summary>
    Age60To79,
    /// <summary>80 and older (高龄).</summary>
    Age80Plus,
}

/// <summary>Derives an <see cref="AgeBand"/> from an age or a birth date.</summary>
public static class AgeBands
{
    /// <summary>The band an age in whole years falls in.</summary>
    public static AgeBand FromAge(int years) => years switch
    {
        < 18 => AgeBand.Under18,
        < 35 => AgeBand.Age18To34,
        < 60 => AgeBand.Age35To59,
        < 80 => AgeBand.Age60To79,
        _ => AgeBand.Age80Plus,
    };

    /// <summary>Every band's code, youngest first: <c>0-17</c>, <c>18-34</c>, <c>35-59</c>, <c>60-79</c>, <c>80+</c>.</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. Enum.GetValues<AgeBand>().Select(Code)];

    /// <summary>The code the host stores and groups by for a band, e.g. <c>35-59</c>.</summary>
    public static string Code(AgeBand band) => band switch
    {
        AgeBand.Under18 => "0-17",
        AgeBand.Age18To34 => "18-34",
        AgeBand.Age35To59 => "35-59",
        AgeBand.Age60To79 => "60-79",
        AgeBand.Age80Plus => "80+",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Not an age band."),
    };

    /// <summary>The band of someone born on <paramref name="birthDate"/>, on the day <paramref name="on"/>.</summary>
    public static AgeBand FromBirthDate(DateOnly birthDate, DateOnly on)
    {
        var years = on.Year - birthDate.Year;
        if (on < birthDate.AddYears(years))
        {
            years--;
        }
        return FromAge(years);
    }
}
