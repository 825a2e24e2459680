using NeedsMap.Api.Weather.Trends.Holidays;

namespace NeedsMap.Api.Weather.Trends;

/// <summary>One pass of <see cref="DemandForecaster"/>'s filter over a series with fixed weights.</summary>
internal sealed class HoltWintersRun
{
    private readonly int _m;
    private readonly int _k = HolidayCalendar.EffectCount;
    private readonly ForecastSettings _p;
    private double _level;
    private double _trend;
    private readonly double[] _season;
    private readonly double[] _effectSum;
    private readonly double[] _effectWeight;
    private readonly double[] _effectDays;
    private double _scale;
    private int _up;
    private int _down;

    // Snapshots of the state after each of the last hMax periods, for the in-sample h-step forecasts.
    private readonly int _hMax;
    private readonly double[] _ringLevel;
    private readonly double[] _ringTrend;
    private readonly double[] _ringSeason;
    private readonly double[] _ringEffect;
    private readonly double[] _effectNow;

    private double _errorSum;
    private int _errorCount;
    private readonly List<double>[]? _errors;

    private HoltWintersRun(int m, ForecastSettings p, int hMax, bool collect)
    {
        (_m, _p, _hMax) = (m, p, hMax);
        _season = new double[m];
        _effectSum = new double[_k];
        _effectWeight = new double[_k];
        _effectDays = new double[_k];
        _ringLevel = new double[hMax];
        _ringTrend = new double[hMax];
        _ringSeason = new double[hMax * m];
        _ringEffect = new double[hMax * _k];
        _effectNow = new double[_k];
        _errors = collect ? Enumerable.Range(0, hMax).Select(_ => new List<double>()).ToArray() : null;
    }

    /// <summary>Mean absolute in-sample error over 1..hMax steps ahead (the one-step error when the series is too short).</summary>
    public double Score => _errorCount == 0 ? double.PositiveInfinity : _errorSum / _errorCount;

    public static HoltWintersRun Execute(IReadOnlyList<double> y, IReadOnlyList<double[]> x, int m, ForecastSettings p, int hMax, bool collect)
    {
        var run = new HoltWintersRun(m, p, hMax, collect);
        run.Filter(y, x);
        return run;
    }

    public static int WarmUp(int n, int m) => m switch
    {
        1 => Math.Min(n, 4),
        7 => Math.Min(n, 28),
        _ => Math.Min(n, 2 * m),
    };

    private void Filter(IReadOnlyList<double> y, IReadOnlyList<double[]> x)
    {
        var n = y.Count;
        var warm = WarmUp(n, _m);
        Initialise(y, x, warm);
        Snapshot(warm - 1);
        // Score only the recent past: the weights should suit the series as it is now.
        var scoreFrom = Math.Max(warm, n - 2 * DemandForecaster.ErrorWindow);
        for (var t = warm; t < n; t++)
        {
            if (t >= scoreFrom)
            {
                for (var h = 1; h <= _hMax && t - h >= warm - 1; h++)
                {
                    var f = FromSnapshot(t - h, h, t, x[t]);
                    _errorSum += Math.Abs(y[t] - f);
                    _errorCount++;
                    _errors?[h - 1].Add(Math.Log((y[t] + 1) / (f + 1)));
                }
            }
            Update(y[t], x[t], t);
            Snapshot(t);
        }
    }

    private void Initialise(IReadOnlyList<double> y, IReadOnlyList<double[]> x, int warm)
    {
        double sum = 0;
        var count = 0;
        var phaseSum = new double[_m];
        var phaseCount = new int[_m];
        for (var t = 0; t < warm; t++)
        {
            if (Affected(x[t]))
            {
                continue;
            }
            sum += y[t];
            count++;
            phaseSum[t % _m] += y[t];
            phaseCount[t % _m]++;
        }
        if (count == 0)
        {
            for (var t = 0; t < warm; t++)
            {
                sum += y[t];
                count++;
            }
        }
        _level = count == 0 ? 0 : sum / count;
        for (var i = 0; i < _m; i++)
        {
            _season[i] = _level > 0 && phaseCount[i] > 0 ? Math.Clamp(phaseSum[i] / phaseCount[i] / _level, 0.01, 50) : 1;
        }
        double abs = 0;
        var seen = 0;
        for (var t = 0; t < warm; t++)
        {
            if (!Affected(x[t]))
            {
                abs += Math.Abs(Math.Log((y[t] + 1) / (_level * _season[t % _m] + 1)));
                seen++;
            }
        }
        _scale = seen == 0 ? 0.2 : Math.Max(abs / seen, 0.02);
    }

    private static bool Affected(double[] shares)
    {
        double total = 0;
        foreach (var s in shares)
        {
            total += s;
        }
        return total >= 0.5;
    }

    private double Effect(int k) => (_effectSum[k] + Math.Max(_level, 1)) / (_effectWeight[k] + Math.Max(_level, 1));

    private void Update(double y, double[] x, int t)
    {
        var phase = t % _m;
        var expectedLevel = _level + _p.Phi * _trend;
        var f0 = Math.Max(expectedLevel * _season[phase], 0);
        var holiday = 1.0;
        var evidenced = true;
        for (var k = 0; k < _k; k++)
        {
            if (x[k] > 0)
            {
                holiday *= 1 + (Effect(k) - 1) * x[k];
                evidenced &= _effectDays[k] >= DemandForecaster.HolidayEvidenceDays;
            }
        }
        // Learn each touched effect from the ratio of actual to expected, the other effects taken out.
        for (var k = 0; k < _k; k++)
        {
            if (x[k] > 0 && f0 > 0)
            {
                var others = holiday / (1 + (Effect(k) - 1) * x[k]);
                var implied = Math.Clamp(1 + (y / (f0 * others) - 1) / x[k], 0, 10);
                var weight = x[k] * x[k] * f0;
                _effectSum[k] += weight * implied;
                _effectWeight[k] += weight;
                _effectDays[k] += x[k];
            }
        }
        if (Affected(x) && !evidenced)
        {
            // A holiday not yet understood says nothing about the level: carry the state through it.
            _level = Math.Max(expectedLevel, 0);
            _trend *= _p.Phi;
            return;
        }
        var adjusted = holiday > 0 ? y / holiday : y;
        var u = Math.Log((adjusted + 1) / (f0 + 1));
        _up = u > DemandForecaster.ShiftScales * _scale ? _up + 1 : 0;
        _down = u < -DemandForecaster.ShiftScales * _scale ? _down + 1 : 0;
        var shift = _up >= DemandForecaster.ShiftRun || _down >= DemandForecaster.ShiftRun;
        var limit = DemandForecaster.ClipScales * _scale;
        var clipped = shift ? u : Math.Clamp(u, -limit, limit);
        _scale = (1 - DemandForecaster.ScaleRate) * _scale + DemandForecaster.ScaleRate * Math.Min(Math.Abs(u), 2 * limit);
        var yc = Math.Max((f0 + 1) * Math.Exp(clipped) - 1, 0);
        var alpha = shift ? Math.Max(_p.Alpha, DemandForecaster.ShiftAlpha) : _p.Alpha;
        var season = _season[phase];
        var level = Math.Max(alpha * (season > 0 ? yc / season : expectedLevel) + (1 - alpha) * expectedLevel, 0);
        if (_p.HasTrend)
        {
            _trend = _p.Beta * (level - _level) + (1 - _p.Beta) * _p.Phi * _trend;
        }
        if (_m > 1 && level > 0)
        {
            _season[phase] = Math.Clamp(_p.Gamma * (yc / level) + (1 - _p.Gamma) * season, 0.01, 50);
        }
        _level = level;
    }

    private void Snapshot(int t)
    {
        var slot = Slot(t);
        _ringLevel[slot] = _level;
        _ringTrend[slot] = _trend;
        Array.Copy(_season, 0, _ringSeason, slot * _m, _m);
        for (var k = 0; k < _k; k++)
        {
            _effectNow[k] = Effect(k);
        }
        Array.Copy(_effectNow, 0, _ringEffect, slot * _k, _k);
    }

    private int Slot(int t) => ((t % _hMax) + _hMax) % _hMax;

    private double FromSnapshot(int origin, int h, int target, double[] x)
    {
        var slot = Slot(origin);
        return DemandModel.PointFrom(_ringLevel[slot], _ringTrend[slot], _p.Phi, _ringSeason[slot * _m + target % _m], h, x,
            _ringEffect.AsSpan(slot * _k, _k));
    }

    public DemandModel ToModel(ForecastSettings settings, int m, int n)
    {
        var effects = new double[_k];
        for (var k = 0; k < _k; k++)
        {
            effects[k] = Effect(k);
        }
        var errors = _errors?.Select(e => e.Count > DemandForecaster.ErrorWindow ? e.GetRange(e.Count - DemandForecaster.ErrorWindow, DemandForecaster.ErrorWindow) : e)
            .ToArray() ?? [];
        return new DemandModel(settings, m, n, _level, _trend, (double[])_season.Clone(), effects, (double[])_effectDays.Clone(), errors);
    }
}
