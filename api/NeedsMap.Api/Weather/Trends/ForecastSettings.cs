using System.Globalization;

namespace NeedsMap.Api.Weather.Trends;

/// <summary>
/// The smoothing weights of one <see cref="DemandForecaster"/> fit: α for the level, γ for the season, and a damped
/// additive trend (φ, β) or none (φ = 0).
/// </summary>
public sealed record ForecastSettings(double Alpha, double Gamma, double Phi, double Beta)
{
    public bool HasTrend => Phi > 0;

    /// <summary>The grid a fit chooses from, by its in-sample errors 1..h steps ahead.</summary>
    public static IReadOnlyList<ForecastSettings> Grid { get; } =
    [
        .. from alpha in new[] { 0.03, 0.08, 0.15, 0.3 }
           from gamma in new[] { 0.03, 0.1 }
           from trend in new[] { (Phi: 0.0, Beta: 0.0), (Phi: 0.9, Beta: 0.05) }
           select new ForecastSettings(alpha, gamma, trend.Phi, trend.Beta),
    ];

    public override string ToString() => HasTrend
        ? string.Create(CultureInfo.InvariantCulture, $"α = {Alpha}, γ = {Gamma}, damped trend φ = {Phi}, β = {Beta}")
        : string.Create(CultureInfo.InvariantCulture, $"α = {Alpha}, γ = {Gamma}, no trend");
}
