namespace NeedsMap.Sdk;

/// <summary>A reporter's gender as the source records it; unknown is <see langword="null"/>.</summary>
public enum Gender
{
    /// <summary>Female (女).</summary>
    Female,
    /// <summary>Male (男).</summary>
    Male,
}
