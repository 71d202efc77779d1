using Clv.Internal;
using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The per-customer batch predictions split a large base over the cores (each part with its own cache by (x, T)):
/// on a base large enough for two workers (70,710 summaries, weeks and days interleaved) every value equals, bit for bit,
/// the scalar entry's. The CDNOW-sized bases of <see cref="BatchEqualsScalarTests"/> run on one thread.
/// </summary>
public class ParallelPredictionTests
{
    private static readonly Lazy<CustomerSummary[]> Large = new(() =>
    {
        var weeks = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Week).AsSpan().ToArray();
        var days = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Day).AsSpan().ToArray();
        var all = new CustomerSummary[weeks.Length * 30];
        for (int i = 0; i < all.Length; i++)
        {
            // Rotate through the customers in a different order per copy, alternating the unit.
            int k = (int)(((long)i * 7919) % weeks.Length);
            all[i] = i % 2 == 0 ? weeks[k] : days[k];
        }

        return all;
    });

    public static TheoryData<string> Models => ["bgnbd", "mbgnbd", "paretonbd"];

    [Theory]
    [MemberData(nameof(Models))]
    public void ProbabilityAlive_LargeBase_EqualsScalar(string name)
    {
        var model = Model(name);
        var customers = Large.Value;
        var batch = new double[customers.Length];

        model.ProbabilityAlive(customers, batch);

        Same(customers.Select(c => model.ProbabilityAlive(c)), batch);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void ConditionalExpectedPurchases_LargeBase_EqualsScalar(string name)
    {
        var model = Model(name);
        var customers = Large.Value;
        var batch = new double[customers.Length];

        model.ConditionalExpectedPurchases(customers, 26, batch);

        Same(customers.Select(c => model.ConditionalExpectedPurchases(c, 26)), batch);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void PredictiveClv_LargeBase_EqualsScalar(string name)
    {
        var model = Model(name);
        var spend = new GammaGammaModel(6.25, 3.74, 15.44);
        var options = new PredictiveClvOptions { Periods = 12, Period = TimeUnit.Month, MarginRate = 0.3 };
        var customers = Large.Value;
        var batch = new double[customers.Length];

        PredictiveClv.Compute(model, spend, customers, options, batch);

        Same(customers.Select(c => PredictiveClv.Compute(model, spend, c, options)), batch);
    }

    [Fact]
    public void SpanFor_WorkerThrows_RethrowsTheExceptionItself()
    {
        var input = new int[100_000];
        var output = new double[input.Length];

        var e = Record.Exception(() => Parallelism.For<int, double>(input, output, (part, into, from) =>
        {
            if (from + part.Length == input.Length)
            {
                throw new InvalidOperationException("last part");
            }

            into.Fill(1);
        }));

        Assert.IsType<InvalidOperationException>(e);
        Assert.Equal("last part", e.Message);
    }

    [Fact]
    public void SpanFor_CoversEveryItemOnce_WithItsOffset()
    {
        var input = Enumerable.Range(0, 100_003).ToArray();
        var output = new long[input.Length];

        Parallelism.For<int, long>(input, output, (part, into, from) =>
        {
            for (int i = 0; i < part.Length; i++)
            {
                into[i] += (part[i] * 10L) + from + i;
            }
        });

        Assert.All(Enumerable.Range(0, input.Length), i => Assert.Equal((i * 10L) + i, output[i]));
    }

    private static PurchaseModel Model(string name) => name switch
    {
        "bgnbd" => CdnowFits.Fitted,
        "mbgnbd" => new MbgNbdModel(0.5, 5.0, 1.2, 3.0, TimeUnit.Week),
        _ => new ParetoNbdModel(0.55, 10.58, 0.61, 11.67, TimeUnit.Day),
    };

    private static void Same(IEnumerable<double> expected, double[] actual)
    {
        var e = expected.ToArray();
        Assert.Equal(e.Length, actual.Length);
        for (int i = 0; i < e.Length; i++)
        {
            if (BitConverter.DoubleToInt64Bits(e[i]) != BitConverter.DoubleToInt64Bits(actual[i]))
            {
                Assert.Fail($"customer {i}: batch {actual[i]:R}, scalar {e[i]:R}");
            }
        }
    }
}
