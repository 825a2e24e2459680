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
