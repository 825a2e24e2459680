using NeedsMap.Api.Reference;

namespace NeedsMap.Api.Needs;

/// <summary>A need weighs its channel's weight times its category's: a petition about schooling outweighs a board post about litter.</summary>
public static class NeedWeight
{
    public static double Of(Channel channel, Category? category) => channel.Weight * (category?.Weight ?? 1.0);
}
