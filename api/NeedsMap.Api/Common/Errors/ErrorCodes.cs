namespace NeedsMap.Api.Common.Errors;

/// <summary>
/// Every error a client can meet carries one of these in <c>extensions.code</c>. They are part of the API
/// contract: never rename one, only add.
/// </summary>
public static class ErrorCodes
{
    public const string InvalidGeometry = "INVALID_GEOMETRY";
    public const string InvalidCursor = "INVALID_CURSOR";
    public const string InvalidId = "INVALID_ID";
    public const string PageTooLarge = "PAGE_TOO_LARGE";
    public const string InvalidPaging = "INVALID_PAGING";
    public const string InvalidFilter = "INVALID_FILTER";
    public const string UnknownJurisdiction = "UNKNOWN_JURISDICTION";
    public const string UnknownCategory = "UNKNOWN_CATEGORY";
    public const string UnknownChannel = "UNKNOWN_CHANNEL";
    public const string OutsideCity = "OUTSIDE_CITY";
    public const string LocationRequired = "LOCATION_REQUIRED";
    public const string AddressNotFound = "ADDRESS_NOT_FOUND";
    public const string InvalidInput = "INVALID_INPUT";
    public const string NotFound = "NOT_FOUND";
    public const string Forbidden = "FORBIDDEN";
    public const string AuthRequired = "AUTH_REQUIRED";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string TooDeep = "TOO_DEEP";
    public const string QueryTooComplex = "QUERY_TOO_COMPLEX";
    public const string RateLimited = "RATE_LIMITED";
    public const string UnknownDepartment = "UNKNOWN_DEPARTMENT";
    public const string IllegalTransition = "ILLEGAL_TRANSITION";
    public const string ReopenWindowClosed = "REOPEN_WINDOW_CLOSED";
    public const string AlreadyVoted = "ALREADY_VOTED";
    public const string ConcurrentChange = "CONCURRENT_CHANGE";
    public const string UnsupportedCellFilter = "UNSUPPORTED_CELL_FILTER";
    /// <summary>Cells finer than the public may see (Security/PublicView.MinimumResolution), asked without a token.</summary>
    public const string ResolutionTooFine = "RESOLUTION_TOO_FINE";
    /// <summary>POST /demo/sign-in with a persona that does not exist.</summary>
    public const string UnknownPersona = "UNKNOWN_PERSONA";
    public const string QueryTooExpensive = "QUERY_TOO_EXPENSIVE";
    public const string DatabaseBudgetExhausted = "DATABASE_BUDGET_EXHAUSTED";
    public const string TooManyConcurrentRequests = "TOO_MANY_CONCURRENT_REQUESTS";
    public const string QueryTimeout = "QUERY_TIMEOUT";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";
    public const string InternalError = "INTERNAL_ERROR";
    public const string ExportTooLarge = "EXPORT_TOO_LARGE";
}
