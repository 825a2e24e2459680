namespace NeedsMap.Api.Security.Auth;

/// <summary>Who is calling, as the token (or the anonymous default) says.</summary>
public sealed record Caller(string Subject, string Role, string? Jurisdiction, string? Channel, bool Authenticated, string? Department = null)
{
    public RoleRight Right => RoleRights.For(Role);
}
