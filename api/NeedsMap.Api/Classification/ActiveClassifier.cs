using Microsoft.Extensions.Options;
using NeedsMap.Classification;
using NeedsMap.Classification.Lexicon;
using NeedsMap.Classification.Model;

namespace NeedsMap.Api.Classification;

/// <summary>
/// The classifier new needs get: the city's lexicon with the active trained model, or the shipped model until one is
/// trained. Swapped whole (an immutable <see cref="NeedClassifier"/> behind one reference), so classification never
/// waits for training or activation. Another server activating a model in a shared folder is noticed within
/// <see cref="ClassifierSettings.ActiveModelCheckInterval"/>.
/// </summary>
public sealed class ActiveClassifier(ClassifierModelStore store, IOptions<ClassifierSettings> settings, IHostEnvironment environment, ILogger<ActiveClassifier> logger)
{
    private readonly Lock _gate = new();
    private NeedClassifier? _current;
    private DateTime? _activeChangedAt;
    private long _nextCheck;

    public NeedClassifier Current
    {
        get
        {
            var current = Volatile.Read(ref _current);
            if (current is not null && Environment.TickCount64 < Volatile.Read(ref _nextCheck))
            {
                return current;
            }

            lock (_gate)
            {
                _nextCheck = Environment.TickCount64 + (long)settings.Value.ActiveModelCheckInterval.TotalMilliseconds;
                var changedAt = store.ActiveChangedAt();
                if (_current is null || changedAt != _activeChangedAt)
                {
                    _activeChangedAt = changedAt;
                    _current = Build(LoadActiveModel());
                }

                return _current;
            }
        }
    }

    /// <summary>The version of the model in use; null when there is none and the lexicon classifies alone.</summary>
    public string? ActiveVersion => Current.Model?.Version;

    /// <summary>Makes <paramref name="version"/> (saved in the store) the model for new needs, here and, through the folder, on every server.</summary>
    public NeedModel Activate(string version)
    {
        var model = store.Load(version);
        lock (_gate)
        {
            store.WriteActive(version);
            _activeChangedAt = store.ActiveChangedAt();
            _current = Build(model);
        }

        logger.LogInformation("Classifier model {Version} is active.", version);
        return model;
    }

    /// <summary>Goes back to the model shipped with the server.</summary>
    public void ActivateShipped()
    {
        lock (_gate)
        {
            store.ClearActive();
            _activeChangedAt = null;
            _current = Build(NeedModel.Shipped);
        }

        logger.LogInformation("The shipped classifier model is active.");
    }

    private NeedModel? LoadActiveModel()
    {
        if (store.ReadActive() is { } active && store.Exists(active.Version))
        {
            try
            {
                return store.Load(active.Version);
            }
            catch (InvalidDataException e)
            {
                logger.LogError(e, "The active classifier model {Version} cannot be read; using the shipped model.", active.Version);
            }
        }

        return NeedModel.Shipped;
    }

    private NeedClassifier Build(NeedModel? model)
    {
        var lexiconPath = settings.Value.LexiconPath;
        var lexicon = lexiconPath is null ? KeywordLexicon.Default : KeywordLexicon.Load(Path.Combine(environment.ContentRootPath, lexiconPath));
        return new NeedClassifier(lexicon, model);
    }
}
