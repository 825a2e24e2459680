namespace NeedsMap.Graph.Transport.Tests.TestSchema;

/// <summary>A scoped service with an identity, so a test can tell which scope served a resolver.</summary>
public sealed class ScopedMarker
{
    public Guid Id { get; } = Guid.NewGuid();
}
