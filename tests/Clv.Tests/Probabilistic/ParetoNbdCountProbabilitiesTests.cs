using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Pareto/NBD's purchase-count probabilities for a sum over counts keep the integral's nodes from count to count: the values must
/// be the single function's to the last bit, so the quantiles and intervals built on them do not move.
/// </summary>
public class ParetoNbdCountProbabilitiesTests
{
    public static TheoryData<double, double, double, double, double> Parameters() => new()
    {
        { 0.5533, 10.5776, 0.6061, 11.6691, 39 }, // CDNOW
        { 1, 0.01, 1, 10, 52 },                   // about 1,800 purchases expected: hundreds of panels
        { 5, 0.5, 100, 3, 52 },                   // dropout much faster than the horizon: the panels end early
        { 0.3, 2, 1e4, 1e4, 10 },
        { 2, 1, 0.5, 0.5, 0 },                    // no time: nothing bought
    };

    [Theory]
    [MemberData(nameof(Parameters))]
    public void Probability_InTheOrderASumAsksAndOutOfIt_TheSingleFunctionsValueToTheLastBit(double r, double alpha, double s, double beta, double time)
    {
        var counts = new ParetoNbdCountProbabilities(r, alpha, s, beta, time);
        var asked = new List<int>();
        for (int n = 0; n < 4_000; n += n < 150 ? 1 : 13)
        {
            asked.Add(n);
        }

        // Back down after the largest (the panels shrink and the nodes are made again), and the same count twice.
        asked.AddRange([3_000, 120, 99, 100, 100, 2_500]);
        foreach (int n in asked)
        {
            double single = ParetoNbdMath.PurchaseCountProbability(r, alpha, s, beta, n, time);
            double kept = counts.Probability(n);
            Assert.True(BitConverter.DoubleToInt64Bits(single) == BitConverter.DoubleToInt64Bits(kept), $"n = {n}: {kept:R} against {single:R}");
        }
    }

    [Fact]
    public void ConditionalPurchaseCountQuantile_AThousandsOfPurchasesCustomer_TheSameQuantilesAsTermByTerm()
    {
        // The quantile sums now take the kept nodes; the sum of the single function's terms must give the same counts.
        var model = new ParetoNbdModel(1, 0.01, 1, 10, TimeUnit.Week);
        double cumulative = 0;
        int median = -1, ninety = -1;
        for (int n = 0; ninety < 0; n++)
        {
            cumulative += ParetoNbdMath.PurchaseCountProbability(1, 0.01, 1, 10, n, 52);
            median = median < 0 && cumulative >= 0.5 ? n : median;
            ninety = cumulative >= 0.9 ? n : -1;
        }

        Assert.Equal(median, model.ConditionalPurchaseCountQuantile(0, 0, 0, 52, 0.5));
        Assert.Equal(ninety, model.ConditionalPurchaseCountQuantile(0, 0, 0, 52, 0.9));
        Assert.True(ninety > 1_000, ninety.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
