namespace NeedsMap.Classification.Training;

/// <summary>
/// Temperature scaling (Guo et al. 2017): one number T, chosen to minimise the negative log-likelihood of the true labels
/// under the classifier's scores raised to 1 / T, on predictions for texts the model was not fitted on. It keeps the
/// ranking and moves confidence towards how often the classifier is right.
/// </summary>
public static class Calibration
{
    private const double Floor = 1e-12;

    public static double FitTemperature(IReadOnlyList<(string Actual, IReadOnlyDictionary<string, double> Scores)> predictions)
    {
        var usable = predictions.Where(p => p.Scores.Count > 0).ToList();
        if (usable.Count < 10)
        {
            return 1;
        }

        // Golden-section search on ln T in [ln 0.05, ln 20]; the NLL is unimodal in T for a fixed score set.
        double Loss(double logT) => usable.Sum(p => NegativeLogLikelihood(p.Actual, p.Scores, Math.Exp(logT)));
        double lo = Math.Log(0.05), hi = Math.Log(20);
        var ratio = (Math.Sqrt(5) - 1) / 2;
        double a = hi - ratio * (hi - lo), b = lo + ratio * (hi - lo);
        double fa = Loss(a), fb = Loss(b);
        for (var i = 0; i < 60; i++)
        {
            if (fa < fb)
            {
                (hi, b, fb) = (b, a, fa);
                a = hi - ratio * (hi - lo);
                fa = Loss(a);
            }
            else
            {
                (lo, a, fa) = (a, b, fb);
                b = lo + ratio * (hi - lo);
                fb = Loss(b);
            }
        }

        return Math.Round(Math.Exp((lo + hi) / 2), 4);
    }

    private static double NegativeLogLikelihood(string actual, IReadOnlyDictionary<string, double> scores, double temperature)
    {
        var inverse = 1 / temperature;
        var logTrue = Math.Log(Math.Max(scores.GetValueOrDefault(actual), Floor)) * inverse;
        var logs = scores.Values.Select(s => Math.Log(Math.Max(s, Floor)) * inverse).ToList();
        if (!scores.ContainsKey(actual))
        {
            logs.Add(logTrue);
        }

        var max = logs.Max();
        return max + Math.Log(logs.Sum(l => Math.Exp(l - max))) - logTrue;
    }
}
