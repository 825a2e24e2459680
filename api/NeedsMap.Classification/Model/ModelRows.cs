using Microsoft.ML.Data;

namespace NeedsMap.Classification.Model;

internal sealed class ModelInput
{
    public string Tokens { get; set; } = string.Empty;

    public string Chars { get; set; } = string.Empty;

    public string Label { get; set; } = string.Empty;
}

internal sealed class ModelOutput
{
    [ColumnName("Score")]
    public float[] Score { get; set; } = [];
}
