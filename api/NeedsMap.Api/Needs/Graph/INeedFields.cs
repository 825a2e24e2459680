namespace NeedsMap.Api.Needs.Graph;

/// <summary>
/// Fields another feature adds to the <c>Need</c> type: Cases its <c>case</c>, Channels its <c>channel</c> and
/// <c>channelStatus</c>. Those features read and write needs, so Needs, below them, names neither: each registers an
/// implementation in its module and <see cref="NeedGraphType"/> takes them all from DI when the schema is built.
/// The printed schema lists fields by name, so where a field is added does not show.
/// </summary>
public interface INeedFields
{
    void AddTo(NeedGraphType need);
}
