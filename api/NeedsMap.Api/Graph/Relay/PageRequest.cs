namespace NeedsMap.Api.Graph.Relay;

/// <summary>Relay paging arguments, validated: one direction at a time, positive sizes, capped at <see cref="MaxPageSize"/>.</summary>
public sealed record PageRequest(int Size, bool Backward, string? Cursor)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static PageRequest From(int? first, string? after, int? last, string? before, int maxPageSize = MaxPageSize)
    {
        if (first is not null && last is not null)
        {
            throw new DomainException(ErrorCodes.InvalidPaging, "Pass either first/after or last/before, not both.");
        }
        if (first < 0 || last < 0)
        {
            throw new DomainException(ErrorCodes.InvalidPaging, "first and last must not be negative.");
        }
        var requested = first ?? last ?? DefaultPageSize;
        if (requested > maxPageSize)
        {
            throw new DomainException(ErrorCodes.PageTooLarge, $"A page holds at most {maxPageSize} items; {requested} were asked for.");
        }
        var backward = last is not null || (first is null && before is not null);
        if (backward && after is not null)
        {
            throw new DomainException(ErrorCodes.InvalidPaging, "after goes with first, before with last.");
        }
        if (!backward && before is not null)
        {
            throw new DomainException(ErrorCodes.InvalidPaging, "after goes with first, before with last.");
        }
        return new PageRequest(requested, backward, backward ? before : after);
    }
}
