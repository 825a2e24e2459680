namespace NeedsMap.Graph.Transport.Tests.Infrastructure;

public static class Eventually
{
    /// <summary>Polls a condition that another thread makes true, failing with the message after the wait.</summary>
    public static async Task TrueAsync(Func<bool> condition, string failure, TimeSpan? wait = null)
    {
        var deadline = DateTime.UtcNow + (wait ?? TimeSpan.FromSeconds(5));
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, failure);
            await Task.Delay(20);
        }
    }
}
