namespace Clv.Probabilistic;

/// <summary>
/// A repeat-purchase model whose conditional expectation factors as P(alive | x, t_x, T) times an expectation
/// given alive that depends on x and T only (true of BG/NBD, MBG/NBD and Pareto/NBD). Batch predictions and
/// predictive CLV use it to compute the expensive hypergeometric part once per distinct (x, T).
/// </summary>
internal interface IAliveExpectation
{
    /// <summary>E[Y(t) | alive at T, x]; arguments already validated and in the model's unit.</summary>
    double ExpectedPurchasesIfAlive(int frequency, double age, double time);

    /// <summary>E[Y(t_k) | alive at T, x] for several horizons at once (CLV sums a whole horizon).</summary>
    void ExpectedPurchasesIfAlive(int frequency, double age, ReadOnlySpan<double> times, Span<double> destination);

    /// <summary>P(alive | x, t_x, T) without argument checks.</summary>
    double ProbabilityAliveUnchecked(int frequency, double recency, double age);
}
