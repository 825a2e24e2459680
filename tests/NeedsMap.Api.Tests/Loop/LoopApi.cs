namespace NeedsMap.Api.Tests.Loop;

/// <summary>The GraphQL documents the loop tests send, in one place.</summary>
internal static class LoopApi
{
    public const string WhistleFields = "id title status dueAt overdue escalationCount rating needIds holder { code level } "
        + "departments { department { code name } acknowledgedAt } history { kind actor fromStatus toStatus note department { code } }";

    public const string SubmitNeed = """
        mutation($input: SubmitNeedInput!) { submitNeed(input: $input) { need { id receivedAt status } errors { __typename ... on Error { code message } } } }
        """;

    public static readonly string BlowWhistle = $"mutation($input: BlowWhistleInput!) {{ blowWhistle(input: $input) {{ whistle {{ {WhistleFields} }} errors {{ __typename ... on Error {{ code message }} }} }} }}";
    public static readonly string Acknowledge = $"mutation($input: WhistleActionInput!) {{ acknowledgeWhistle(input: $input) {{ whistle {{ {WhistleFields} }} errors {{ __typename ... on Error {{ code message }} }} }} }}";
    public static readonly string Progress = $"mutation($input: WhistleActionInput!) {{ reportWhistleProgress(input: $input) {{ whistle {{ {WhistleFields} }} errors {{ __typename ... on Error {{ code message }} }} }} }}";
    public static readonly string Resolve = $"mutation($input: WhistleActionInput!) {{ resolveWhistle(input: $input) {{ whistle {{ {WhistleFields} }} errors {{ __typename ... on Error {{ code message }} }} }} }}";
    public static readonly string Rate = $"mutation($input: RateWhistleInput!) {{ rateWhistle(input: $input) {{ whistle {{ {WhistleFields} }} errors {{ __typename ... on Error {{ code message }} }} }} }}";
    public static readonly string Reopen = $"mutation($input: ReopenWhistleInput!) {{ reopenWhistle(input: $input) {{ whistle {{ {WhistleFields} }} errors {{ __typename ... on Error {{ code message }} }} }} }}";
    public static readonly string Whistle = $"query($id: ID!) {{ whistle(id: $id) {{ {WhistleFields} }} }}";

    public static object Point(NeedsMap.Sdk.Geo.GeoPoint p) => new { type = "Point", coordinates = new[] { p.Longitude, p.Latitude } };
}
