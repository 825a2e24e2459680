using Microsoft.Extensions.Options;
using NeedsMap.Api.Channels.Inbox;
using NeedsMap.Api.Reference;
using NeedsMap.Api.Security.Auth;
using NeedsMap.Api.Security.Privacy;

namespace NeedsMap.Api.Open311;

/// <summary>
/// Who an Open311 caller is. A bearer token decides as everywhere (the security middleware has established it). Without one,
/// an <c>api_key</c> that is the key of an Open311 channel makes the caller that channel's integrator: it reads the requests
/// of its own channel, masked, as <c>channel_integrator</c> does in GraphQL. Anyone else is the public, who reads no records.
/// </summary>
public sealed class Open311Access(IOptions<Open311Options> options, ChannelKeys keys, ReferenceData reference, PrivacySettings privacy)
{
    /// <summary>The Open311 channel whose key this is, or null.</summary>
    public string? ChannelOf(string? apiKey) =>
        string.IsNullOrEmpty(apiKey) ? null : options.Value.Channels.FirstOrDefault(c => keys.IsValid(c, apiKey));

    /// <summary>Makes sure the caller may read requests, narrowing the scope to an api_key's channel when that is all it has.</summary>
    public void EnsureMayRead(AccessScope scope, string? apiKey)
    {
        if (scope.Right.Groups.HasFlag(FieldGroup.Records))
        {
            return;
        }
        if (!string.IsNullOrEmpty(apiKey))
        {
            var channel = ChannelOf(apiKey) ?? throw new Open311Exception(StatusCodes.Status403Forbidden, "api_key is not the key of an Open311 channel.");
            scope.Establish(new Caller("open311:" + channel, RoleRights.ChannelIntegrator, null, channel, Authenticated: true), reference.Current,
                privacy.MinimumPublicGroup);
            return;
        }
        throw scope.Caller?.Authenticated == true
            ? new Open311Exception(StatusCodes.Status403Forbidden, "Your role may not read service requests.")
            : new Open311Exception(StatusCodes.Status401Unauthorized,
                "Reading service requests needs an api_key of an Open311 channel or a bearer token: the public sees aggregates only (needStats, the weather map).");
    }

    public void EnsureJurisdiction(string? jurisdictionId)
    {
        var ours = options.Value.JurisdictionId
            ?? reference.Current.Jurisdictions.Where(j => j.ParentCode is null).Select(j => j.Code).FirstOrDefault();
        if (!string.IsNullOrEmpty(jurisdictionId) && jurisdictionId != ours)
        {
            throw new Open311Exception(StatusCodes.Status404NotFound, $"jurisdiction_id \"{jurisdictionId}\" is not served here; this server answers for {ours}.");
        }
    }
}
