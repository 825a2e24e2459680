namespace NeedsMap.Api.KeyMatters.Topics;

/// <summary>Loads the learned topics at start-up, after the database initializer (registered before it) has migrated.</summary>
public sealed class TopicVocabularyLoader(TopicVocabulary vocabulary) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => vocabulary.ReloadAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
