using GraphQL.Types;

namespace NeedsMap.Api.Graph.Payloads;

/// <summary><c>interface Error { message code }</c>: what every typed refusal in a mutation payload shares.</summary>
public sealed class ErrorInterfaceGraphType : InterfaceGraphType<MutationError>
{
    public ErrorInterfaceGraphType()
    {
        Name = "Error";
        Description = "A business refusal of a mutation, returned in its payload's errors (data null) rather than as a GraphQL error. 业务拒绝。";
        Field<NonNullGraphType<StringGraphType>>("message").Description("What was refused and why, for people.");
        Field<NonNullGraphType<StringGraphType>>("code").Description("The stable code (the README's error table), the same string GraphQL errors carry in extensions.code.");
    }
}

/// <summary>One typed refusal; which one a <see cref="MutationError"/> is depends on its kind only.</summary>
public abstract class ErrorGraphType : ObjectGraphType<MutationError>
{
    protected ErrorGraphType(ErrorKinds kind, string name, string description)
    {
        Name = name;
        Description = description;
        Interface<ErrorInterfaceGraphType>();
        IsTypeOf = value => value is MutationError error && error.Kind == kind;
        Field<NonNullGraphType<StringGraphType>>("message").Description("What was refused and why, for people.").Resolve(ctx => ctx.Source.Message);
        Field<NonNullGraphType<StringGraphType>>("code").Description("The stable code (the README's error table).").Resolve(ctx => ctx.Source.Code);
    }
}

public sealed class NotFoundErrorGraphType() : ErrorGraphType(ErrorKinds.NotFound, "NotFoundError",
    "A record the input names does not exist, or lies outside what the caller may see (code NOT_FOUND). 未找到。");

public sealed class ValidationErrorGraphType() : ErrorGraphType(ErrorKinds.Validation, "ValidationError",
    "A value of the input is wrong or names an unknown reference (INVALID_INPUT, INVALID_GEOMETRY, INVALID_ID, UNKNOWN_CATEGORY, "
    + "UNKNOWN_CHANNEL, UNKNOWN_DEPARTMENT, UNKNOWN_JURISDICTION, OUTSIDE_CITY, LOCATION_REQUIRED, ADDRESS_NOT_FOUND). 输入有误。");

public sealed class InvalidStateErrorGraphType() : ErrorGraphType(ErrorKinds.InvalidState, "InvalidStateError",
    "The record is not in a state that allows this change (ILLEGAL_TRANSITION, REOPEN_WINDOW_CLOSED). 状态不允许。");

public sealed class ConflictErrorGraphType() : ErrorGraphType(ErrorKinds.Conflict, "ConflictError",
    "The change collides with an earlier one (ALREADY_VOTED, CONCURRENT_CHANGE). 冲突。");

public sealed class OutOfScopeErrorGraphType() : ErrorGraphType(ErrorKinds.OutOfScope, "OutOfScopeError",
    "The caller's role may use this mutation, but not on this record: it lies outside their jurisdiction or department (code FORBIDDEN). "
    + "A role that may not use the mutation at all still gets a GraphQL error. 超出权限范围。");
