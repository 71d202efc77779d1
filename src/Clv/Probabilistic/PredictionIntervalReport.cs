using Clv.Internal;

namespace Clv.Probabilistic;

/// <summary>
/// Every customer's prediction intervals (<see cref="PredictionIntervals.Compute"/>): P(alive), expected purchases and CLV under
/// parameter uncertainty, and the purchase count under process uncertainty, at one level.
/// </summary>
public sealed class PredictionIntervalReport
{
    internal PredictionIntervalReport(PredictionIntervalRow[] rows, double level, int draws, ParameterUncertainty uncertainty, double time, TimeUnit timeUnit, PredictiveClvOptions? clv = null)
    {
        Rows = rows;
        Level = level;
        Draws = draws;
        Uncertainty = uncertainty;
        Time = time;
        TimeUnit = timeUnit;
        Clv = clv;
    }

    /// <summary>One row per customer, in the order of the summaries.</summary>
    public IReadOnlyList<PredictionIntervalRow> Rows { get; }

    /// <summary>The nominal coverage of every interval (0.9: bounds at the 5% and 95% quantiles).</summary>
    public double Level { get; }

    /// <summary>The number of parameter sets the parameter intervals are taken over (1 without parameter uncertainty).</summary>
    public int Draws { get; }

    /// <summary>How the parameter sets were drawn.</summary>
    public ParameterUncertainty Uncertainty { get; }

    /// <summary>The horizon t of the purchase predictions, in <see cref="TimeUnit"/>.</summary>
    public double Time { get; }

    /// <summary>The unit of <see cref="Time"/>: the purchase model's.</summary>
    public TimeUnit TimeUnit { get; }

    /// <summary>
    /// The terms of the rows' CLV intervals (<see cref="PredictionIntervalOptions.Clv"/>): the CLV is over
    /// <see cref="PredictiveClvOptions.Periods"/> × <see cref="PredictiveClvOptions.Period"/>, which need not be <see cref="Time"/>
    /// (39 weeks of purchases beside a 36-month CLV). Null when no spend fit was given, so the rows have no CLV.
    /// </summary>
    public PredictiveClvOptions? Clv { get; }

    /// <summary>
    /// The share of customers whose realised purchases in the horizon fall inside their purchase-count interval: the check of
    /// the intervals against a holdout period (it should be near <see cref="Level"/>, at least it for discrete counts).
    /// </summary>
    /// <param name="actualPurchases">Each customer's realised purchases over the horizon, in row order.</param>
    /// <returns>The covered share, in [0, 1].</returns>
    /// <exception cref="ArgumentException">The length differs from the number of rows.</exception>
    public double PurchaseCoverage(ReadOnlySpan<double> actualPurchases)
    {
        Guard.SameLength(Rows.Count, actualPurchases.Length, nameof(actualPurchases));
        int covered = 0;
        for (int i = 0; i < actualPurchases.Length; i++)
        {
            covered += Rows[i].Purchases.Contains(actualPurchases[i]) ? 1 : 0;
        }

        return Rows.Count == 0 ? double.NaN : (double)covered / Rows.Count;
    }

    /// <summary>The settings, the mean interval widths and the first ten customers, as an invariant text table.</summary>
    /// <returns>The table.</returns>
    public override string ToString()
    {
        bool clv = Rows.Count > 0 && Rows[0].Clv is not null;
        var table = clv
            ? new TextTable(("customer", true), ("P(alive)", false), ("E[purchases]", false), ("purchases", false), ("CLV", false))
            : new TextTable(("customer", true), ("P(alive)", false), ("E[purchases]", false), ("purchases", false));
        foreach (var r in Rows.Take(10))
        {
            string[] cells = [r.CustomerId, r.AliveProbability.ToString(), r.ExpectedPurchases.ToString(), r.Purchases.ToString()];
            table.Add(clv ? [.. cells, r.Clv!.Value.ToString()] : cells);
        }

        double width = Rows.Count == 0 ? double.NaN : Rows.Average(r => r.ExpectedPurchases.Upper - r.ExpectedPurchases.Lower);
        return table.Render(
            Guard.Format($"Prediction intervals ({Level * 100:0.#}%; {Draws} parameter draws, {Uncertainty}; horizon {Time:G4} {TimeUnit}{(Clv is { } c && clv ? Guard.Format($", CLV over {c.Periods} {c.Period}") : "")}) for {Rows.Count:N0} customers"),
            Guard.Format($"mean width of the expected-purchases interval: {width:G4}"));
    }
}
