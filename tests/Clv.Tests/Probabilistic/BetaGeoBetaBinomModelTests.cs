using System.Globalization;
using Clv.Probabilistic;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Probabilistic;

public class BetaGeoBetaBinomModelTests
{
    private static readonly BetaGeoBetaBinomModel Published = new(1.203522, 0.749716, 0.656718, 2.783442);

    private static readonly Lazy<FitResult<BetaGeoBetaBinomModel>> DonationsFit = new(() => BetaGeoBetaBinomModel.Fit(Donations()));

    internal static BinaryPurchaseHistory[] Donations() =>
        File.ReadLines(TestData.PathOf("donations.csv"))
            .Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split(','))
            .Select(f => new BinaryPurchaseHistory(
                int.Parse(f[0], CultureInfo.InvariantCulture),
                int.Parse(f[1], CultureInfo.InvariantCulture),
                int.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture)))
            .ToArray();

    [Fact]
    public void Fit_Donations_MatchesPublishedParametersAndLogLikelihood()
    {
        var fit = DonationsFit.Value;
        var m = fit.Model;
        Assert.Equal(1.203522, m.Alpha, 1.203522 * 1e-3);
        Assert.Equal(0.749716, m.Beta, 0.749716 * 1e-3);
        Assert.Equal(0.656718, m.Gamma, 0.656718 * 1e-3);
        Assert.Equal(2.783442, m.Delta, 2.783442 * 1e-3);
        Assert.Equal(-33225.58, fit.LikelihoodLn, 1e-2);
        Assert.Equal(11_104, fit.ObservationCount);
        Assert.Equal(["alpha", "beta", "gamma", "delta"], fit.Parameters.Select(p => p.Name));
        Assert.All(fit.Parameters, p => Assert.True(p.StandardError > 0 && p.StandardError < p.Estimate, p.ToString()));
    }

    [Fact]
    public void Fit_ExpandedUnitWeights_SameAsWeightedRows()
    {
        // Weights are counts: giving each donor their own row must fit the same model.
        var expanded = Donations().SelectMany(h => Enumerable.Repeat(new BinaryPurchaseHistory(h.Frequency, h.Recency, h.Periods), (int)h.Weight)).ToArray();
        var fit = BetaGeoBetaBinomModel.Fit(expanded);
        Assert.Equal(DonationsFit.Value.LikelihoodLn, fit.LikelihoodLn, 1e-6);
        Assert.Equal(DonationsFit.Value.Model.Alpha, fit.Model.Alpha, 1e-6);
    }

    [Theory]
    [InlineData(0, 0, 0.11)]
    [InlineData(2, 4, 0.59)]
    [InlineData(6, 6, 0.93)]
    public void ProbabilityAlive_PublishedCases_MatchNextPeriod(int x, int tx, double expected)
    {
        Assert.Equal(expected, Published.ProbabilityAlive(new BinaryPurchaseHistory(x, tx, 6)), 5e-3);
        Assert.Equal(expected, DonationsFit.Value.Model.ProbabilityAlive(new BinaryPurchaseHistory(x, tx, 6)), 5e-3);
    }

    [Fact]
    public void ProbabilityAlive_NoPeriodAhead_IsOneForPurchaseAtLastOpportunity()
    {
        Assert.Equal(1, Published.ProbabilityAlive(new BinaryPurchaseHistory(6, 6, 6), 0), 1e-12);
        Assert.True(Published.ProbabilityAlive(new BinaryPurchaseHistory(2, 4, 6), 0) > Published.ProbabilityAlive(new BinaryPurchaseHistory(2, 4, 6), 1));
    }

    [Fact]
    public void ConditionalExpectedPurchases_DonationsNextFivePeriods_WeightedSumIs12884()
    {
        var donations = Donations();
        var e = new double[donations.Length];
        Published.ConditionalExpectedPurchases(donations, 5, e);
        double sum = donations.Select((h, i) => h.Weight * e[i]).Sum();
        Assert.Equal(12_884.2, sum, 0.1);
    }

    [Fact]
    public void ExpectedPurchases_EqualsSumOfPerPeriodProbabilities()
    {
        // E[X(n)] = sum_{t=1}^{n} P(purchase at t) = sum alpha/(alpha+beta) B(gamma, delta + t)/B(gamma, delta).
        double a = Published.Alpha, b = Published.Beta, g = Published.Gamma, d = Published.Delta;
        double expected = 0;
        for (int t = 1; t <= 10; t++)
        {
            expected += a / (a + b) * Math.Exp(MathNet.Numerics.SpecialFunctions.BetaLn(g, d + t) - MathNet.Numerics.SpecialFunctions.BetaLn(g, d));
        }

        Assert.Equal(expected, Published.ExpectedPurchases(10), 1e-10);
        Assert.Equal(0, Published.ExpectedPurchases(0));
    }

    [Fact]
    public void ExpectedPurchases_GammaOne_ContinuousLimit()
    {
        double at = new BetaGeoBetaBinomModel(1.2, 0.75, 1, 2.8).ExpectedPurchases(6);
        Assert.Equal(at, new BetaGeoBetaBinomModel(1.2, 0.75, 1 + 1e-7, 2.8).ExpectedPurchases(6), 1e-6);
        Assert.Equal(at, new BetaGeoBetaBinomModel(1.2, 0.75, 1 - 1e-7, 2.8).ExpectedPurchases(6), 1e-6);
        double c = new BetaGeoBetaBinomModel(1.2, 0.75, 1, 2.8).ConditionalExpectedPurchases(new BinaryPurchaseHistory(2, 4, 6), 5);
        Assert.Equal(c, new BetaGeoBetaBinomModel(1.2, 0.75, 1 + 1e-7, 2.8).ConditionalExpectedPurchases(new BinaryPurchaseHistory(2, 4, 6), 5), 1e-6);
    }

    [Fact]
    public void LogLikelihood_LongHistory_FiniteWhereLinearSumsUnderflow()
    {
        // 5,000 opportunities: each beta-function ratio is far below double's range, the log-space sum is not.
        var h = new BinaryPurchaseHistory(2500, 4000, 5000);
        double ll = Published.LikelihoodLn(h);
        Assert.True(double.IsFinite(ll) && ll < -745, ll.ToString(CultureInfo.InvariantCulture));
        double p = Published.ProbabilityAlive(h);
        Assert.InRange(p, 0, 1e-12);   // a customer who bought in half of 4,000 opportunities and then missed 1,000 is gone
        Assert.True(double.IsFinite(Published.ConditionalExpectedPurchases(h, 10)));
    }

    [Fact]
    public void ToJson_FittedModel_RoundTripsExactlyWithoutTimeUnit()
    {
        var model = DonationsFit.Value.Model;
        string json = model.ToJson();
        Assert.StartsWith("{\"model\":\"BG/BB\",\"version\":1,\"parameters\"", json, StringComparison.Ordinal);
        var back = BetaGeoBetaBinomModel.FromJson(json);
        Assert.Equal((model.Alpha, model.Beta, model.Gamma, model.Delta), (back.Alpha, back.Beta, back.Gamma, back.Delta));
        Assert.Throws<FormatException>(() => BetaGeoBetaBinomModel.FromJson(json.Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal)));
    }

    [Fact]
    public void BinaryPurchaseHistory_Inconsistent_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BinaryPurchaseHistory(3, 2, 6));
        Assert.Throws<ArgumentException>(() => new BinaryPurchaseHistory(2, 7, 6));
        Assert.Throws<ArgumentException>(() => new BinaryPurchaseHistory(0, 3, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryPurchaseHistory(-1, 0, 6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BinaryPurchaseHistory(1, 1, 6, double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BetaGeoBetaBinomModel(1, 0, 1, 1));
        Assert.Throws<ArgumentException>(() => BetaGeoBetaBinomModel.Fit([new BinaryPurchaseHistory(1, 1, 6, 0)]));
    }

    private static readonly Arbitrary<(BetaGeoBetaBinomModel Model, BinaryPurchaseHistory History)> Case =
        (from a in Gen.Choose(-3000, 3000)
         from b in Gen.Choose(-3000, 3000)
         from g in Gen.Choose(-3000, 3000)
         from d in Gen.Choose(-3000, 3000)
         from n in Gen.Choose(0, 300)
         from tx in Gen.Choose(0, 300)
         from x in Gen.Choose(0, 300)
         let nn = n
         let t = Math.Min(tx, nn)
         let xx = t == 0 ? 0 : 1 + (x % t)
         select (new BetaGeoBetaBinomModel(Math.Pow(10, a / 1000.0), Math.Pow(10, b / 1000.0), Math.Pow(10, g / 1000.0), Math.Pow(10, d / 1000.0)),
             new BinaryPurchaseHistory(xx, t, nn))).ToArbitrary();

    [Property]
    public Property Outputs_AnyModelAndHistory_FiniteAndInRange() =>
        Prop.ForAll(Case, c =>
        {
            double p = c.Model.ProbabilityAlive(c.History);
            double e = c.Model.ConditionalExpectedPurchases(c.History, 5);
            double ll = c.Model.LikelihoodLn(c.History);
            return p >= 0 && p <= 1 && e >= 0 && e <= 5 * (1 + 1e-9) && double.IsFinite(ll) && ll <= 1e-9;
        });

    [Property(MaxTest = 30)]
    public Property BatchEqualsScalar() =>
        Prop.ForAll(Case, c =>
        {
            var donations = Donations();
            var p = new double[donations.Length];
            var e = new double[donations.Length];
            c.Model.ProbabilityAlive(donations, p);
            c.Model.ConditionalExpectedPurchases(donations, 3, e);
            return donations.Select((h, i) => p[i] == c.Model.ProbabilityAlive(h) && e[i] == c.Model.ConditionalExpectedPurchases(h, 3)).All(ok => ok);
        });

    [Theory]
    // ln of B(a + x, b + n - x) B(g, d + n) / (B(a, b) B(g, d)) + the sum over i < n - t_x of the died terms, in 40-digit mpmath:
    // long runs of empty opportunities after the last purchase (each died term is built from the one before).
    [InlineData(1.204, 0.75, 0.657, 2.783, 3, 10, 500, -10.531626722889588798)]
    [InlineData(1.204, 0.75, 0.657, 2.783, 0, 0, 200, -1.2471369647490377221)]
    [InlineData(0.3597493351557423, 5.081594425605605, 21.827299118430012, 0.26853444456585074, 40, 41, 60, -60.729111844405472586)]
    [InlineData(2.5, 0.4, 0.05, 30, 6, 6, 6, -0.53292385898651045679)]
    public void LikelihoodLn_LongHistories_MatchesTheDirectSum(double a, double b, double g, double d, int x, int tx, int n, double expected)
    {
        double actual = new BetaGeoBetaBinomModel(a, b, g, d).LikelihoodLn(new BinaryPurchaseHistory(x, tx, n));
        Assert.True(Math.Abs(actual - expected) <= 1e-12 * Math.Abs(expected), $"{actual:R}, expected {expected:R}");
    }
}
