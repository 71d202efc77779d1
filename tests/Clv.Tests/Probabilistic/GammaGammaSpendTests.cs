using Clv.Probabilistic;
using MathNet.Numerics;

namespace Clv.Tests.Probabilistic;

/// <summary>Gamma-Gamma spend predictions, the individual likelihood, and the checks on what a fit accepts.</summary>
public class GammaGammaSpendTests
{
    [Fact]
    public void MeanSpend_QAboveOne_IsPVOverQMinusOne()
    {
        var m = new GammaGammaModel(2.5, 3.0, 12.0);
        Assert.True(m.HasFiniteMeanSpend);
        Assert.Equal(2.5 * 12.0 / 2.0, m.MeanSpend, 1e-12);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.5)]
    public void MeanSpend_QAtMostOne_IsInfiniteAndExpectedSpendWithoutRepeatsThrows(double q)
    {
        var m = new GammaGammaModel(2.0, q, 10.0);
        Assert.False(m.HasFiniteMeanSpend);
        Assert.Equal(double.PositiveInfinity, m.MeanSpend);

        // p x + q ≤ 1 at x = 0 (exactly 1 when q = 1): the expectation does not exist.
        var error = Assert.Throws<InvalidOperationException>(() => m.ConditionalExpectedSpend(0, 0.0));
        Assert.Contains("0 repeat purchases", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HasFiniteMeanSpend_JustAboveOne_IsTrue() =>
        Assert.True(new GammaGammaModel(1.0, 1.000001, 1.0).HasFiniteMeanSpend);

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(0, 99.0)]
    [InlineData(1, 20.0)]
    [InlineData(7, 3.5)]
    public void ConditionalExpectedSpend_IsTheWeightedMeanFormula(int x, double mx)
    {
        double p = 2.5, q = 3.0, v = 12.0;
        var m = new GammaGammaModel(p, q, v);
        double expected = p * (v + (x * mx)) / ((p * x) + q - 1);
        Assert.Equal(expected, m.ConditionalExpectedSpend(x, mx), 1e-12);
        if (x == 0)
        {
            Assert.Equal(m.MeanSpend, m.ConditionalExpectedSpend(x, mx), 1e-12);
        }
    }

    [Fact]
    public void ConditionalExpectedSpend_QBelowOneButRepeatBuyer_Exists()
    {
        // p x + q = 0.6 + 0.7 > 1: defined even though the population mean is not.
        var m = new GammaGammaModel(0.6, 0.7, 10.0);
        Assert.Equal(0.6 * (10.0 + 5.0) / 0.3, m.ConditionalExpectedSpend(1, 5.0), 1e-9);
    }

    [Theory]
    [InlineData(1, 10.0)]
    [InlineData(4, 35.25)]
    [InlineData(20, 0.5)]
    public void LikelihoodLn_IsTheGammaGammaDensityOfTheMeanSpend(int x, double mx)
    {
        double p = 6.25, q = 3.74, v = 15.4;
        double px = p * x;
        double expected = SpecialFunctions.GammaLn(px + q) - SpecialFunctions.GammaLn(px) - SpecialFunctions.GammaLn(q)
            + (q * Math.Log(v)) + ((px - 1) * Math.Log(mx)) + (px * Math.Log(x)) - ((px + q) * Math.Log(v + (x * mx)));
        Assert.Equal(expected, new GammaGammaModel(p, q, v).LikelihoodLn(x, mx), 1e-10);
    }

    [Fact]
    public void LikelihoodLn_NoRepeatPurchase_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GammaGammaModel(1, 2, 3).LikelihoodLn(0, 10.0));

    [Theory]
    [InlineData(0, 10.0)]
    [InlineData(-1, 10.0)]
    [InlineData(2, 0.0)]
    [InlineData(2, -1.0)]
    [InlineData(2, double.NaN)]
    [InlineData(2, double.PositiveInfinity)]
    public void Fit_PairThatDoesNotQualify_ThrowsNamingItsIndex(int x, double mx)
    {
        int[] frequencies = [3, 1, x];
        double[] spends = [20.0, 15.0, mx];
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GammaGammaModel.Fit(frequencies, spends, null));
        Assert.Contains("[2]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_LengthsDiffer_Throws() =>
        Assert.Throws<ArgumentException>(() => GammaGammaModel.Fit([1, 2], [10.0], null));

    [Fact]
    public void Fit_OnePair_ThrowsModelFitException() =>
        Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit([1], [10.0], null));

    [Fact]
    public void Fit_Pairs_EqualsTheFitOfTheSameCustomers()
    {
        // Frequency 1 is the smallest accepted value, and the pair fit is the summaries fit without the excluded customers.
        var customers = CdnowFits.Summaries;
        var frequencies = new List<int>();
        var spends = new List<double>();
        foreach (var c in customers.AsSpan())
        {
            if (c.Frequency > 0 && c.MonetaryValue > 0)
            {
                frequencies.Add(c.Frequency);
                spends.Add(c.MonetaryValue);
            }
        }

        Assert.Contains(1, frequencies);
        var fit = GammaGammaModel.Fit([.. frequencies], [.. spends], null);
        var reference = CdnowFits.GammaGamma;
        Assert.Equal(reference.Model.P, fit.Model.P, reference.Model.P * 1e-6);
        Assert.Equal(reference.Model.Q, fit.Model.Q, reference.Model.Q * 1e-6);
        Assert.Equal(reference.Model.V, fit.Model.V, reference.Model.V * 1e-6);
        Assert.Equal(0, fit.ExcludedCount);
        Assert.Empty(fit.Warnings);
    }

    [Theory]
    [InlineData(0.0, 1.0, 1.0)]
    [InlineData(1.0, -1.0, 1.0)]
    [InlineData(1.0, 1.0, double.NaN)]
    [InlineData(double.PositiveInfinity, 1.0, 1.0)]
    public void Constructor_ParameterNotPositiveAndFinite_Throws(double p, double q, double v) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GammaGammaModel(p, q, v));

    [Fact]
    public void Fit_NamesItsParametersPQV_AndRoundTripsThroughJson()
    {
        var fit = GammaGammaModel.Fit([1, 2, 3, 5, 1, 4], [10.0, 25.0, 14.0, 30.0, 8.0, 19.0], null);
        Assert.Equal(["p", "q", "v"], fit.Parameters.Select(x => x.Name));
        string json = fit.Model.ToJson();
        Assert.Contains("\"p\"", json, StringComparison.Ordinal);
        Assert.Contains("\"v\"", json, StringComparison.Ordinal);
        var back = GammaGammaModel.FromJson(json);
        Assert.Equal((fit.Model.P, fit.Model.Q, fit.Model.V), (back.P, back.Q, back.V));
    }

    [Fact]
    public void Fit_TwoPairs_IsNotRejectedForTooFewCustomers()
    {
        var error = Record.Exception(() => GammaGammaModel.Fit([1, 3], [10.0, 30.0], null));
        Assert.True(error is null || !error.Message.Contains("at least two", StringComparison.Ordinal), error?.Message);
    }

    private static CustomerSummaries Summaries()
    {
        // a: three purchase days (x = 2), b: one day (x = 0), c: two days with a zero repeat (x = 1, m = 0), d and e: repeat buyers.
        var day = new DateOnly(2024, 1, 1);
        Transaction[] rows =
        [
            new("a", day, 10), new("a", day.AddDays(7), 20), new("a", day.AddDays(14), 40),
            new("b", day, 15),
            new("c", day, 12), new("c", day.AddDays(3), 0),
            new("d", day, 5), new("d", day.AddDays(10), 12),
            new("e", day.AddDays(1), 7), new("e", day.AddDays(5), 9), new("e", day.AddDays(9), 11), new("e", day.AddDays(20), 30),
        ];
        return CustomerSummaries.FromTransactions(rows, day.AddDays(30), TimeUnit.Week);
    }

    [Fact]
    public void Fit_Summaries_UsesExactlyTheRepeatBuyersWithPositiveSpend()
    {
        var customers = Summaries();
        var qualifying = customers.Where(c => c.Frequency > 0 && c.MonetaryValue > 0).ToArray();
        Assert.Equal(3, qualifying.Length);
        var fromPairs = GammaGammaModel.Fit([.. qualifying.Select(c => c.Frequency)], [.. qualifying.Select(c => c.MonetaryValue)], null);
        var fit = GammaGammaModel.Fit(customers);
        Assert.Equal(3, fit.ObservationCount);
        Assert.Equal(2, fit.ExcludedCount);
        Assert.Equal(fromPairs.LikelihoodLn, fit.LikelihoodLn, 1e-9);
    }

    [Fact]
    public void Fit_LikelihoodLn_IsTheSumOfEachCustomersDensityAtTheEstimate()
    {
        // Fitted here, not through the cached CDNOW fits, so a change to the likelihood's constant terms is seen.
        var customers = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Week);
        var fit = GammaGammaModel.Fit(customers);

        double sum = 0;
        int count = 0;
        foreach (var c in customers)
        {
            if (c.Frequency > 0 && c.MonetaryValue > 0)
            {
                sum += fit.Model.LikelihoodLn(c.Frequency, c.MonetaryValue);
                count++;
            }
        }

        Assert.Equal(count, fit.ObservationCount);
        Assert.Equal(sum, fit.LikelihoodLn, 1e-8 * Math.Abs(sum));
        Assert.Equal(-4055.92, fit.LikelihoodLn, 1e-2);
    }

    [Fact]
    public void CheckIndependence_IsPearsonCorrelationOverRepeatBuyers()
    {
        var customers = Summaries();
        var q = customers.Where(c => c.Frequency > 0 && c.MonetaryValue > 0).ToArray();
        double mx = q.Average(c => (double)c.Frequency), mm = q.Average(c => c.MonetaryValue);
        double sxm = q.Sum(c => (c.Frequency - mx) * (c.MonetaryValue - mm));
        double sxx = q.Sum(c => (c.Frequency - mx) * (c.Frequency - mx));
        double smm = q.Sum(c => (c.MonetaryValue - mm) * (c.MonetaryValue - mm));
        var check = GammaGammaModel.CheckIndependence(customers);
        Assert.Equal(3, check.Customers);
        Assert.Equal(sxm / Math.Sqrt(sxx * smm), check.Correlation, 1e-12);
    }

    [Fact]
    public void CheckIndependence_AllSameFrequency_IsNaN()
    {
        var day = new DateOnly(2024, 1, 1);
        Transaction[] rows = [new("a", day, 10), new("a", day.AddDays(7), 20), new("b", day, 15), new("b", day.AddDays(2), 50)];
        var check = GammaGammaModel.CheckIndependence(CustomerSummaries.FromTransactions(rows, day.AddDays(30), TimeUnit.Week));
        Assert.Equal(2, check.Customers);
        Assert.True(double.IsNaN(check.Correlation));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    public void LikelihoodLn_SpendNotPositive_Throws(double mx) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new GammaGammaModel(1, 2, 3).LikelihoodLn(1, mx));

    [Fact]
    public void ConditionalExpectedSpend_NegativeArguments_Throw()
    {
        var m = new GammaGammaModel(2.5, 3.0, 12.0);
        Assert.Throws<ArgumentOutOfRangeException>(() => m.ConditionalExpectedSpend(-1, 10.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => m.ConditionalExpectedSpend(2, -0.5));
    }

    [Fact]
    public void Fit_OnePair_SaysItNeedsTwoCustomers()
    {
        var error = Assert.Throws<ModelFitException>(() => GammaGammaModel.Fit([1], [10.0], null));
        Assert.Contains("at least two", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ConditionalExpectedSpend_Batch_EqualsScalar()
    {
        var customers = Summaries();
        var m = new GammaGammaModel(2.5, 3.0, 12.0);
        double[] all = m.ConditionalExpectedSpend(customers);
        Assert.Equal(customers.Count, all.Length);
        for (int i = 0; i < customers.Count; i++)
        {
            Assert.Equal(m.ConditionalExpectedSpend(customers[i].Frequency, customers[i].MonetaryValue), all[i], 1e-12);
        }

        Assert.Throws<ArgumentException>(() => m.ConditionalExpectedSpend(customers.AsSpan(), new double[1]));
    }

    [Fact]
    public void NullSummaries_ThrowArgumentNullException()
    {
        CustomerSummaries customers = null!;
        Assert.Throws<ArgumentNullException>(() => GammaGammaModel.Fit(customers));
        Assert.Throws<ArgumentNullException>(() => GammaGammaModel.CheckIndependence(customers));
        Assert.Throws<ArgumentNullException>(() => new GammaGammaModel(1, 2, 3).ConditionalExpectedSpend(customers));
    }
}
