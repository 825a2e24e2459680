using GraphQL.Types;
using NeedsMap.Api.Weather.Trends.Holidays;

namespace NeedsMap.Api.Weather.Graph;

/// <summary>The window a detector run ends on (detectWarnings, detectSocialRisks).</summary>
public sealed record DetectInput(DateOnly? LastDay);

public sealed class DetectWarningsInputGraphType : InputObjectGraphType<DetectInput>
{
    public DetectWarningsInputGraphType()
    {
        Name = "DetectWarningsInput";
        Description = "The window detectWarnings looks at.";
        Field<DateOnlyGraphType>("lastDay").Description("The last city day looked at; today when left out.");
    }
}

public sealed class DetectSocialRisksInputGraphType : InputObjectGraphType<DetectInput>
{
    public DetectSocialRisksInputGraphType()
    {
        Name = "DetectSocialRisksInput";
        Description = "The 3-day window detectSocialRisks looks at.";
        Field<DateOnlyGraphType>("lastDay").Description("The last city day looked at; today when left out.");
    }
}

public sealed record RemoveHolidayInput(HolidayKind Kind, int Year);

public sealed class RemoveHolidayInputGraphType : InputObjectGraphType<RemoveHolidayInput>
{
    public RemoveHolidayInputGraphType()
    {
        Name = "RemoveHolidayInput";
        Description = "Which holiday of which year leaves the table.";
        Field<NonNullGraphType<HolidayKindGraphType>>("kind").Description("Which holiday.");
        Field<NonNullGraphType<IntGraphType>>("year").Description("Its year.");
    }
}
