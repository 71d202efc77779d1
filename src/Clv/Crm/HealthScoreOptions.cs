using Clv.Internal;

namespace Clv.Crm;

/// <summary>
/// The weights, normalisation rules and band thresholds of the customer health score. Validated once per call; errors name
/// the property path (<c>options.RecencyWeight</c>).
/// </summary>
/// <remarks>
/// Weights are relative: the weights of the signals actually supplied (a positive weight, and values passed for the
/// optional ones) are divided by their sum, so they sum to 1. A signal with weight 0 is left out. The defaults weigh
/// recency 0.30, frequency trend 0.20, spend trend 0.20 and P(alive) 0.30.
/// </remarks>
public sealed class HealthScoreOptions
{
    /// <summary>The shared default options.</summary>
    public static HealthScoreOptions Default { get; } = new();

    /// <summary>Weight of the recency signal (<see cref="HealthSignals.RecencyName"/>). Default 0.30.</summary>
    public double RecencyWeight { get; init; } = 0.30;

    /// <summary>Weight of the frequency trend signal (<see cref="HealthSignals.FrequencyTrendName"/>). Default 0.20.</summary>
    public double FrequencyTrendWeight { get; init; } = 0.20;

    /// <summary>Weight of the spend trend signal (<see cref="HealthSignals.SpendTrendName"/>). Default 0.20.</summary>
    public double SpendTrendWeight { get; init; } = 0.20;

    /// <summary>Weight of the P(alive) signal (<see cref="HealthSignals.AliveProbabilityName"/>), used only when P(alive) values are passed. Default 0.30.</summary>
    public double AliveProbabilityWeight { get; init; } = 0.30;

    /// <summary>
    /// Half-life of the recency signal in days: the signal is 0.5^(days since the last purchase / half-life), 1 for a purchase on
    /// the observation end, 0.5 after one half-life. Greater than 0. Default 90.
    /// </summary>
    public double RecencyHalfLifeDays { get; init; } = 90;

    /// <summary>
    /// Length in days of the two windows the trends compare: the recent window is the last <c>TrendWindowDays</c> days up to
    /// the observation end, the prior window the same number of days before it. At least 1. Default 90.
    /// </summary>
    public int TrendWindowDays { get; init; } = 90;

    /// <summary>The lowest score in the Amber band; scores below it are Red. In [0, <see cref="GreenFrom"/>]. Default 40.</summary>
    public double AmberFrom { get; init; } = 40;

    /// <summary>The lowest score in the Green band. In [<see cref="AmberFrom"/>, 100]. Default 70.</summary>
    public double GreenFrom { get; init; } = 70;

    /// <summary>User-supplied signals, each with a name, weight, direction and normalisation. Default none.</summary>
    public IReadOnlyList<CustomHealthSignal> CustomSignals { get; init; } = [];

    /// <summary>Checks every option once; errors name the property path.</summary>
    /// <returns>This instance.</returns>
    internal HealthScoreOptions Validate(string path = "options")
    {
        Weight(RecencyWeight, path + ".RecencyWeight");
        Weight(FrequencyTrendWeight, path + ".FrequencyTrendWeight");
        Weight(SpendTrendWeight, path + ".SpendTrendWeight");
        Weight(AliveProbabilityWeight, path + ".AliveProbabilityWeight");
        if (!(RecencyHalfLifeDays > 0) || double.IsPositiveInfinity(RecencyHalfLifeDays))
        {
            ThrowHelper.ArgumentOutOfRange(path + ".RecencyHalfLifeDays", RecencyHalfLifeDays, Guard.Format($"{path}.RecencyHalfLifeDays must be a finite number greater than 0, but was {RecencyHalfLifeDays}."));
        }

        if (TrendWindowDays < 1)
        {
            ThrowHelper.ArgumentOutOfRange(path + ".TrendWindowDays", TrendWindowDays, Guard.Format($"{path}.TrendWindowDays must be at least 1, but was {TrendWindowDays}."));
        }

        if (!(AmberFrom >= 0 && AmberFrom <= 100))
        {
            ThrowHelper.ArgumentOutOfRange(path + ".AmberFrom", AmberFrom, Guard.Format($"{path}.AmberFrom must be between 0 and 100, but was {AmberFrom}."));
        }

        if (!(GreenFrom >= AmberFrom && GreenFrom <= 100))
        {
            ThrowHelper.ArgumentOutOfRange(path + ".GreenFrom", GreenFrom, Guard.Format($"{path}.GreenFrom must be between {path}.AmberFrom ({AmberFrom}) and 100, but was {GreenFrom}."));
        }

        if (CustomSignals is null)
        {
            ThrowHelper.Argument("options", path + ".CustomSignals must not be null.");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int k = 0; k < CustomSignals.Count; k++)
        {
            string signalPath = Guard.Format($"{path}.CustomSignals[{k}]");
            var signal = CustomSignals[k];
            if (signal is null)
            {
                ThrowHelper.Argument("options", signalPath + " must not be null.");
            }

            signal.Validate(signalPath);
            if (HealthSignals.IsBuiltIn(signal.Name) || !names.Add(signal.Name))
            {
                ThrowHelper.Argument("options", Guard.Format($"{signalPath}.Name '{signal.Name}' is used twice or is a built-in signal name (recency, frequency_trend, spend_trend, alive_probability)."));
            }
        }

        return this;
    }

    private static void Weight(double value, string path)
    {
        if (!(value >= 0) || double.IsPositiveInfinity(value))
        {
            ThrowHelper.ArgumentOutOfRange(path, value, Guard.Format($"{path} must be a finite number of at least 0, but was {value}."));
        }
    }
}
