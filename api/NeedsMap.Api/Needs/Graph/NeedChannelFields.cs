using System.Text.Json;
using GraphQL.Types;
using NeedsMap.Api.Graph;
using NeedsMap.Api.Security.Auth;

namespace NeedsMap.Api.Needs.Graph;

/// <summary>
/// What a need's channel told about it beyond the facts: its attributes. Its status in the channel's own words needs the
/// channel's plugin, so Channels adds that field (<c>Channels/ChannelNeedFields</c>).
/// </summary>
internal static class NeedChannelFields
{
    public static void AddTo(NeedGraphType need)
    {
        need.Field<NonNullGraphType<ListGraphType<NonNullGraphType<NeedAttributeGraphType>>>>("attributes")
            .Description("What the channel told besides the text, as it told it (Open311 attributes and extended attributes, zip code, "
                + "expected date, handling unit; 渠道附加信息), by key; values masked like the text unless your role may see personal data.")
            .Resolve(ctx => Attributes(ctx.Source.Attributes, ctx.Service<AccessScope>()));
    }

    private static List<KeyValuePair<string, string>> Attributes(string? json, AccessScope scope) =>
        json is null
            ? []
            : [.. JsonSerializer.Deserialize<Dictionary<string, string>>(json)!.OrderBy(a => a.Key, StringComparer.Ordinal)
                .Select(a => KeyValuePair.Create(a.Key, scope.Mask(a.Value) ?? ""))];
}

public sealed class NeedAttributeGraphType : ObjectGraphType<KeyValuePair<string, string>>
{
    public NeedAttributeGraphType()
    {
        Name = "NeedAttribute";
        Description = "One thing a need's channel told about it, by key (渠道附加信息).";
        Field<NonNullGraphType<StringGraphType>>("key").Description("The channel's own key, in snake_case, e.g. zipcode or extended.ward.").Resolve(ctx => ctx.Source.Key);
        Field<NonNullGraphType<StringGraphType>>("value").Resolve(ctx => ctx.Source.Value);
    }
}
