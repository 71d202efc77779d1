using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Simulation where a customer buys millions or billions of times: each purchase used to be drawn in turn, so
/// <c>new BgNbdModel(1, 1e-9, 1e-6, 1, Week).Simulate([52.0], 1)</c> went on for about 5e10 draws (and past int's range of
/// purchases). Above 1e5 expected purchases the count is drawn at once; past 1e9 it is refused, naming the age.
/// </summary>
public class PurchaseSimulationHeavyRateTests
{
    [Fact]
    public void Simulate_BillionsOfPurchases_RefusedNamingTheAge()
    {
        var model = new BgNbdModel(1, 1e-9, 1e-6, 1, TimeUnit.Week);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => model.Simulate([52.0], seed: 1));
        Assert.Equal("ages", e.ParamName);
        Assert.Contains("A customer simulated for 52 periods drew a purchase rate of", e.Message, StringComparison.Ordinal);
        Assert.Contains("more than the 1,000,000,000 a simulated history can hold", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SimulateTransactions_TensOfMillionsOfPurchasesForOneCustomer_RefusedNamingTheFirstPurchases()
    {
        var model = new ParetoNbdModel(1, 1e-9, 1e-6, 1, TimeUnit.Week);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            model.SimulateTransactions([new DateOnly(2024, 1, 1)], new DateOnly(2024, 12, 31), new GammaGammaModel(6.25, 3.74, 15.44), seed: 1));
        Assert.Equal("firstPurchases", e.ParamName);
        Assert.Contains("are listed for one customer of a simulated log", e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> Models => new() { "bgnbd", "mbgnbd", "paretonbd" };

    /// <summary>A million-purchase model's mean simulated count is its closed-form E[X(T)] for a new customer.</summary>
    [Theory]
    [MemberData(nameof(Models))]
    public void Simulate_MillionsOfPurchases_MeanCountIsTheExpectedCount(string name)
    {
        PurchaseModel model = name switch
        {
            "bgnbd" => new BgNbdModel(2, 2e-5, 2, 1e6, TimeUnit.Week),
            "mbgnbd" => new MbgNbdModel(2, 2e-5, 2, 1e6, TimeUnit.Week),
            _ => new ParetoNbdModel(2, 2e-5, 1, 52, TimeUnit.Week),
        };
        double[] ages = [.. Enumerable.Repeat(52.0, 10_000)];
        var histories = model.Simulate(ages, seed: 7);
        double mean = histories.Average(h => (double)h.Frequency);
        double expected = model.ExpectedPurchases(52);
        Assert.InRange(expected, 1e5, 1e8);
        Assert.InRange(mean / expected, 0.95, 1.05);
        Assert.All(histories, h =>
        {
            Assert.InRange(h.Recency, 0, 52);
            Assert.Equal(h.Frequency == 0, h.Recency == 0);
        });
    }

    /// <summary>
    /// The at-once draw against the process purchase by purchase (exponential gaps until the stop or the end), at a scale
    /// where the latter is cheap: the means of x, t_x, t_x² and x t_x agree within five standard errors.
    /// </summary>
    [Theory]
    [InlineData(20.0, 1.0, 12.0)]
    [InlineData(20.0, 1.0, double.PositiveInfinity)]
    [InlineData(3.0, 2.5, 4.0)]
    [InlineData(0.4, 1.0, double.PositiveInfinity)]
    public void Counted_SameDistributionAsPurchaseByPurchase(double lambda, double end, double meanStop)
    {
        const int Draws = 200_000;
        var atOnce = new Random(3);
        var inTurn = new Random(4);
        var a = new Moments();
        var b = new Moments();
        for (int i = 0; i < Draws; i++)
        {
            double stopA = Stop(meanStop, atOnce);
            a.Add(PurchaseSimulation.Counted(lambda, stopA, end, end, atOnce));
            double stopB = Stop(meanStop, inTurn);
            int x = 0;
            double t = 0, tx = 0;
            while (x < stopB)
            {
                t += -Math.Log(1 - inTurn.NextDouble()) / lambda;
                if (t > end)
                {
                    break;
                }

                x++;
                tx = t;
            }

            b.Add(new PurchaseHistory(x, tx, end));
        }

        for (int k = 0; k < Moments.Count; k++)
        {
            double se = Math.Sqrt((a.Variance(k, Draws) + b.Variance(k, Draws)) / Draws);
            Assert.True(Math.Abs(a.Mean(k, Draws) - b.Mean(k, Draws)) <= 5 * se + 1e-12,
                $"moment {k}: at once {a.Mean(k, Draws)}, in turn {b.Mean(k, Draws)}, se {se}");
        }
    }

    /// <summary>A geometric stop with the given mean (infinite: none), the way BG/NBD's dropout coin ends purchasing.</summary>
    private static double Stop(double mean, Random random) =>
        double.IsPositiveInfinity(mean) ? mean : 1 + Math.Floor(Math.Log(1 - random.NextDouble()) / Math.Log(1 - (1 / mean)));

    private sealed class Moments
    {
        public const int Count = 4;
        private readonly double[] _sum = new double[Count];
        private readonly double[] _squares = new double[Count];

        public void Add(PurchaseHistory h)
        {
            ReadOnlySpan<double> values = [h.Frequency, h.Recency, h.Recency * h.Recency, h.Frequency * h.Recency];
            for (int k = 0; k < Count; k++)
            {
                _sum[k] += values[k];
                _squares[k] += values[k] * values[k];
            }
        }

        public double Mean(int k, int n) => _sum[k] / n;

        public double Variance(int k, int n) => (_squares[k] / n) - (Mean(k, n) * Mean(k, n));
    }
}
