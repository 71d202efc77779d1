using System.Diagnostics;
using System.Runtime.CompilerServices;
using Clv.Internal;

namespace Clv.Rfm;

/// <summary>
/// The fitted RFM cut points: k − 1 per dimension, plus the population's mean scores. Immutable; fit them with
/// <see cref="Fit(CustomerSummaries, RfmOptions?)"/>, store them with <see cref="ToJson"/>, load them with <see cref="FromJson"/>
/// and score one new customer or a new batch against the population they came from, without re-scoring everyone.
/// </summary>
/// <remarks>
/// <para><b>The tie rule, the same in every dimension</b>: a customer's score is 1 + the number of cut points strictly below
/// the customer's value, where the value is the frequency (F), the monetary value (M), or the recentness (R: fewer days since
/// the last purchase is better). So a value equal to a cut point gets the lower score, equal values always get equal scores
/// whatever the row order, and tied customers share the lowest score of their run. For R in days:
/// R = 1 + #{j : c_j &gt; days}, so days below c_1 score k and days at or above c_(k−1) score 1, and the customers who bought
/// longest ago always get R = 1, however many of them tie.</para>
/// <para>Quantile cut points are the k-quantiles of the purchasers (leads excluded): c_j is the actual value at 1-based rank
/// ⌈j n / k⌉ counted from the worst end (lowest F or M, most days since the last purchase). Without ties this gives k bins of
/// n / k customers (as equal as n allows). With heavy ties several cut points coincide and the scores between them go
/// unused, so a score keeps its meaning ("F = 5: above the 80% quantile") instead of being renumbered; the fit's
/// <see cref="FitResult{TModel}.Warnings"/> name every unused score. In CDNOW 60% of the customers bought on one day only: the
/// purchase-day cut points are 1, 1, 2, 3, the one-time buyers all get F = 1 and F = 2 is unused. In a single-cohort log where
/// 43% bought once on the same (oldest) day, those 43% get R = 1 and R = 2 is unused.</para>
/// </remarks>
public sealed partial class RfmCutPoints : IJsonPersistable<RfmCutPoints>
{
    private readonly double[] _days;
    private readonly double[] _frequency;
    private readonly double[] _monetary;

    internal RfmCutPoints(
        int scoreCount,
        FrequencyMeasure frequencyMeasure,
        MonetaryMeasure monetaryMeasure,
        double[] daysSinceLastPurchase,
        double[] frequency,
        double[] monetary,
        int populationSize,
        double meanRScore,
        double meanFScore,
        double meanMScore)
    {
        ScoreCount = scoreCount;
        FrequencyMeasure = frequencyMeasure;
        MonetaryMeasure = monetaryMeasure;
        _days = daysSinceLastPurchase;
        _frequency = frequency;
        _monetary = monetary;
        PopulationSize = populationSize;
        MeanRScore = meanRScore;
        MeanFScore = meanFScore;
        MeanMScore = meanMScore;
    }

    /// <summary>The number of scores k per dimension (scores 1..k).</summary>
    public int ScoreCount { get; }

    /// <summary>What F counts.</summary>
    public FrequencyMeasure FrequencyMeasure { get; }

    /// <summary>What M measures.</summary>
    public MonetaryMeasure MonetaryMeasure { get; }

    /// <summary>The k − 1 cut points of R, in days since the last purchase, ascending: days below the first score k, days at or above the last score 1.</summary>
    public IReadOnlyList<double> DaysSinceLastPurchase => Array.AsReadOnly(_days);

    /// <summary>The k − 1 cut points of F, in the unit of <see cref="FrequencyMeasure"/>, ascending.</summary>
    public IReadOnlyList<double> Frequency => Array.AsReadOnly(_frequency);

    /// <summary>The k − 1 cut points of M, in the unit of <see cref="MonetaryMeasure"/>, ascending.</summary>
    public IReadOnlyList<double> Monetary => Array.AsReadOnly(_monetary);

    /// <summary>The number of purchasers the cut points were fitted on (leads are not part of the population).</summary>
    public int PopulationSize { get; }

    /// <summary>Mean R score of the fitted population (1..k); the high/low threshold of <see cref="SegmentMap.EightClass"/>.</summary>
    public double MeanRScore { get; }

    /// <summary>Mean F score of the fitted population (1..k).</summary>
    public double MeanFScore { get; }

    /// <summary>Mean M score of the fitted population (1..k).</summary>
    public double MeanMScore { get; }

    /// <summary>Scores one customer; <see cref="RfmScore.Lead"/> when the customer has no purchase.</summary>
    /// <param name="customer">The customer's summary.</param>
    /// <returns>The customer's score.</returns>
    public RfmScore Score(in CustomerSummary customer)
    {
        if (!customer.HasPurchase)
        {
            return RfmScore.Lead;
        }

        return ScoreCore(customer.DaysSinceLastPurchase.GetValueOrDefault(), FrequencyOf(customer), MonetaryOf(customer));
    }

    /// <summary>Scores one customer given by raw values (for a customer who is not in a <see cref="CustomerSummaries"/>).</summary>
    /// <param name="daysSinceLastPurchase">Days from the last purchase to the observation end, at least 0.</param>
    /// <param name="frequency">The frequency in the unit of <see cref="FrequencyMeasure"/>; finite.</param>
    /// <param name="monetary">The monetary value in the unit of <see cref="MonetaryMeasure"/>; finite.</param>
    /// <returns>The score (never a lead: a lead has no last purchase; use <see cref="RfmScore.Lead"/>).</returns>
    /// <exception cref="ArgumentOutOfRangeException">A value is NaN or infinite, or the days are negative.</exception>
    public RfmScore Score(double daysSinceLastPurchase, double frequency, double monetary)
    {
        Guard.NonNegative(daysSinceLastPurchase);
        Guard.Finite(frequency);
        Guard.Finite(monetary);
        return ScoreCore(daysSinceLastPurchase, frequency, monetary);
    }

    /// <summary>Scores a batch into a preallocated destination; identical to the scalar entry. Allocates nothing.</summary>
    /// <param name="customers">The customers.</param>
    /// <param name="destination">Receives one score per customer, in the same order.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Score(ReadOnlySpan<CustomerSummary> customers, Span<RfmScore> destination)
    {
        Guard.SameLength(customers.Length, destination.Length);
        for (int i = 0; i < customers.Length; i++)
        {
            destination[i] = Score(in customers[i]);
        }
    }

    /// <summary>Scores every customer.</summary>
    /// <param name="customers">The customers.</param>
    /// <returns>The scores, in customer order, with these cut points.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    public RfmScores Score(CustomerSummaries customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var scores = new RfmScore[customers.Count];
        Score(customers.AsSpan(), scores);
        return new RfmScores(scores, this, []);
    }

    /// <summary>The cut points and mean scores, for logs and debugging.</summary>
    /// <returns>For example "RFM cut points k = 5 over 2357 purchasers: days 30, 90, 180, 270; F 1, 1, 2, 3; M 18.5, 30.2, 52.9, 104.3".</returns>
    public override string ToString() => Guard.Format(
        $"RFM cut points k = {ScoreCount} over {PopulationSize} purchasers: days {string.Join(", ", _days)}; F {string.Join(", ", _frequency)}; M {string.Join(", ", _monetary.Select(m => m.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)))}");

    internal double FrequencyOf(in CustomerSummary c) =>
        FrequencyMeasure == FrequencyMeasure.PurchaseDays ? c.PurchaseDays : c.Frequency;

    internal double MonetaryOf(in CustomerSummary c) =>
        MonetaryMeasure == MonetaryMeasure.Total ? c.NetSpend : c.NetSpend / c.PurchaseDays;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal RfmScore ScoreCore(double days, double frequency, double monetary)
    {
        Debug.Assert(!double.IsNaN(days) && !double.IsNaN(frequency) && !double.IsNaN(monetary));
        return RfmScore.FromParts(1 + CountAbove(_days, days), 1 + CountBelow(_frequency, frequency), 1 + CountBelow(_monetary, monetary));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountBelow(double[] cuts, double value)
    {
        int n = 0;
        foreach (double c in cuts)
        {
            n += c < value ? 1 : 0;
        }

        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountAbove(double[] cuts, double value)
    {
        int n = 0;
        foreach (double c in cuts)
        {
            n += c > value ? 1 : 0;
        }

        return n;
    }
}
