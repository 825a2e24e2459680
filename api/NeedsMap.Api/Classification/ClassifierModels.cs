using NeedsMap.Classification.Model;

namespace NeedsMap.Api.Classification;

/// <summary>The models a city can choose from: the shipped one and those in the store.</summary>
public sealed class ClassifierModels(ClassifierModelStore store, ActiveClassifier active)
{
    public IReadOnlyList<ClassifierModelView> List()
    {
        var current = active.ActiveVersion;
        var shipped = NeedModel.Shipped;
        var views = new List<ClassifierModelView>();
        if (shipped is not null)
        {
            views.Add(new ClassifierModelView(Info(shipped), shipped.Version == current, Shipped: true));
        }

        views.AddRange(store.List().Select(info => new ClassifierModelView(info, info.Version == current, Shipped: false)));
        return views;
    }

    public ClassifierModelView Activate(string version)
    {
        if (NeedModel.Shipped is { } shipped && shipped.Version == version)
        {
            active.ActivateShipped();
            return new ClassifierModelView(Info(shipped), Active: true, Shipped: true);
        }

        if (!store.Exists(version))
        {
            throw new DomainException(ErrorCodes.NotFound, $"No classifier model has the version \"{version}\".");
        }

        var model = active.Activate(version);
        return new ClassifierModelView(Info(model), Active: true, Shipped: false);
    }

    private static NeedModelInfo Info(NeedModel model) => model.Info;
}
