namespace NeedsMap.Api.Needs;

public enum NeedOrder
{
    ReceivedAtDesc,
    ReceivedAtAsc,
}
