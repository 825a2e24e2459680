namespace NeedsMap.Api.Classification.Training;

/// <param name="FromLabelledNeeds">Add every need a person labelled (its latest label).</param>
/// <param name="Csv">More labelled texts inline, as CSV with a header (text,category); for large files use a training set.</param>
/// <param name="TrainingSets">Training sets imported through <c>POST /classifier/training-sets/{name}</c> or the command line.</param>
/// <param name="MixShippedCorpus">Train on the shipped corpus too (never evaluated on); off, the model knows only the city's labels.</param>
/// <param name="Folds">k of the k-fold cross-validation reported before activation; 0 skips it (and calibration).</param>
/// <param name="Activate">Make the model the one new needs get; otherwise it waits in classifierModels for activateClassifierModel.</param>
public sealed record TrainClassifierInput(
    bool FromLabelledNeeds = true,
    string? Csv = null,
    IReadOnlyList<string>? TrainingSets = null,
    bool MixShippedCorpus = true,
    int Folds = 5,
    bool Activate = false);
