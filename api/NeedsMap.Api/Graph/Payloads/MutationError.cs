namespace NeedsMap.Api.Graph.Payloads;

/// <summary>The kinds of business refusal a mutation's payload can carry; each is one GraphQL object type implementing <c>Error</c>.</summary>
[Flags]
public enum ErrorKinds
{
    None = 0,
    /// <summary>NotFoundError: the record the input names does not exist, or the caller may not see it (NOT_FOUND).</summary>
    NotFound = 1,
    /// <summary>ValidationError: a value of the input is wrong or names an unknown reference (INVALID_INPUT, UNKNOWN_CATEGORY, …).</summary>
    Validation = 2,
    /// <summary>InvalidStateError: the record is not in a state that allows this (ILLEGAL_TRANSITION, REOPEN_WINDOW_CLOSED).</summary>
    InvalidState = 4,
    /// <summary>ConflictError: the change collides with an earlier one (ALREADY_VOTED, CONCURRENT_CHANGE).</summary>
    Conflict = 8,
    /// <summary>OutOfScopeError: the caller's role may use the mutation, but not on this record (FORBIDDEN from a scope check).</summary>
    OutOfScope = 16,
}

/// <summary>A business refusal as a payload carries it: its kind (which GraphQL type), today's exact code, the message.</summary>
public sealed record MutationError(ErrorKinds Kind, string Code, string Message)
{
    /// <summary>
    /// The kind of a domain code, or None for codes that are not a business refusal of a mutation's input (limits, outages):
    /// those stay GraphQL errors.
    /// </summary>
    public static ErrorKinds KindOf(string code) => code switch
    {
        ErrorCodes.NotFound => ErrorKinds.NotFound,
        ErrorCodes.InvalidInput or ErrorCodes.InvalidGeometry or ErrorCodes.InvalidId or ErrorCodes.InvalidFilter
            or ErrorCodes.UnknownCategory or ErrorCodes.UnknownChannel or ErrorCodes.UnknownDepartment or ErrorCodes.UnknownJurisdiction
            or ErrorCodes.OutsideCity or ErrorCodes.LocationRequired or ErrorCodes.AddressNotFound => ErrorKinds.Validation,
        ErrorCodes.IllegalTransition or ErrorCodes.ReopenWindowClosed => ErrorKinds.InvalidState,
        ErrorCodes.AlreadyVoted or ErrorCodes.ConcurrentChange => ErrorKinds.Conflict,
        ErrorCodes.Forbidden => ErrorKinds.OutOfScope,
        _ => ErrorKinds.None,
    };
}

/// <summary>What every generated payload type resolves from: the changed object (null when refused) and the refusals.</summary>
public sealed record MutationPayload(object? Result, IReadOnlyList<MutationError> Errors);
