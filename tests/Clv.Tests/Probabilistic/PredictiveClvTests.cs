using Clv.Probabilistic;
using Clv.Valuation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Probabilistic;

public class PredictiveClvTests
{
    private static readonly GammaGammaModel Spend = new(6.25, 3.74, 15.44);

    [Fact]
    public void Compute_ZeroDiscount_EqualsMarginTimesSpendTimesExpectedPurchases()
    {
        var model = CdnowFits.Fitted;
        var customer = CdnowFits.Summaries[0];
        var options = new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week, DiscountRate = DiscountRate.Zero, MarginRate = 0.3 };
        double clv = PredictiveClv.Compute(model, Spend, customer, options);
        double expected = 0.3 * Spend.ConditionalExpectedSpend(customer) * model.ConditionalExpectedPurchases(customer, 52);
        Assert.Equal(expected, clv, 1e-10);
    }

    [Fact]
    public void Compute_DiscountedByPeriod_SumsIncrementalPurchases()
    {
        var model = CdnowFits.Fitted;
        var c = CdnowFits.Summaries[0];
        var options = new PredictiveClvOptions { Periods = 3, Period = TimeUnit.Month, DiscountRate = DiscountRate.Per(TimeUnit.Month, 0.01) };
        double month = 365.25 / 12 / 7;
        double expected = 0;
        for (int k = 1; k <= 3; k++)
        {
            double increment = model.ConditionalExpectedPurchases(c, k * month) - model.ConditionalExpectedPurchases(c, (k - 1) * month);
            expected += increment / Math.Pow(1.01, k);
        }

        expected *= Spend.ConditionalExpectedSpend(c);
        Assert.Equal(expected, PredictiveClv.Compute(model, Spend, c, options), 1e-10);
    }

    [Fact]
    public void Compute_Batch_EqualsScalarExactly()
    {
        var customers = CdnowFits.Summaries;
        var options = new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week };
        PurchaseModel[] models = [CdnowFits.Fitted, new MbgNbdModel(0.524838, 6.182990, 0.891356, 1.614000, TimeUnit.Week)];
        foreach (var model in models)
        {
            var all = PredictiveClv.Compute(model, Spend, customers, options);
            for (int i = 0; i < customers.Count; i += 7)
            {
                Assert.Equal(PredictiveClv.Compute(model, Spend, customers[i], options), all[i]);
            }
        }
    }

    [Fact]
    public void Compute_Span_NoWorkingArrayPerCustomer()
    {
        // 40 copies of CDNOW (94,280 customers, the same few thousand distinct (x, T)): the batch keeps one cached factor per
        // distinct key, nothing per customer (a key number per customer was 4 bytes each, 377 KB here).
        var one = CdnowFits.Summaries.AsSpan();
        var customers = new CustomerSummary[one.Length * 40];
        for (int k = 0; k < 40; k++)
        {
            one.CopyTo(customers.AsSpan(k * one.Length));
        }

        var options = new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week };
        var destination = new double[customers.Length];
        PredictiveClv.Compute(CdnowFits.Fitted, Spend, customers, options, destination);
        long allocated = Allocations.Least(3, () => PredictiveClv.Compute(CdnowFits.Fitted, Spend, customers, options, destination));

        Assert.True(allocated < customers.Length, $"allocated {allocated} bytes for {customers.Length} customers");
        for (int i = 0; i < customers.Length; i += 997)
        {
            Assert.Equal(PredictiveClv.Compute(CdnowFits.Fitted, Spend, customers[i], options), destination[i]);
        }
    }

    [Fact]
    public void Compute_ModelFittedInDays_SameValueAsModelFittedInWeeks()
    {
        var days = CustomerSummaries.FromTransactions(TestData.CdnowSample(), TestData.CdnowCalibrationEnd, TimeUnit.Day);
        var dayModel = BgNbdModel.Fit(days).Model;
        var weekModel = CdnowFits.BgNbd.Model;
        Assert.Equal(TimeUnit.Day, dayModel.TimeUnit);
        CdnowFits.Relative(weekModel.Alpha * 7, dayModel.Alpha, 1e-3);
        var options = new PredictiveClvOptions { Periods = 12, Period = TimeUnit.Month, DiscountRate = DiscountRate.Annual(0.1) };
        var inDays = PredictiveClv.Compute(dayModel, Spend, days, options);
        var inWeeks = PredictiveClv.Compute(weekModel, Spend, CdnowFits.Summaries, options);
        Assert.Equal(inWeeks.Sum(), inDays.Sum(), inWeeks.Sum() * 2e-3);

        // Week summaries valued with the day model: the library converts the summaries' unit.
        var mixed = PredictiveClv.Compute(dayModel, Spend, CdnowFits.Summaries, options);
        Assert.Equal(inDays.Sum(), mixed.Sum(), inDays.Sum() * 1e-9);
    }

    [Property(MaxTest = 50)]
    public bool Compute_HigherDiscountRate_NeverHigherValue(NormalFloat u, NormalFloat v, PositiveInt i)
    {
        double d1 = Math.Abs(u.Get) % 1, d2 = d1 + (Math.Abs(v.Get) % 1);
        if (!double.IsFinite(d1) || !double.IsFinite(d2))
        {
            return true;
        }

        var c = CdnowFits.Summaries[i.Get % CdnowFits.Summaries.Count];
        double low = PredictiveClv.Compute(CdnowFits.Fitted, Spend, c, new PredictiveClvOptions { DiscountRate = DiscountRate.Annual(d1) });
        double high = PredictiveClv.Compute(CdnowFits.Fitted, Spend, c, new PredictiveClvOptions { DiscountRate = DiscountRate.Annual(d2) });
        return high <= low + 1e-12;
    }

    [Fact]
    public void Compute_InvalidOptions_Throws()
    {
        var c = CdnowFits.Summaries[0];
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictiveClv.Compute(CdnowFits.Fitted, Spend, c, new PredictiveClvOptions { Periods = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => PredictiveClv.Compute(CdnowFits.Fitted, Spend, c, new PredictiveClvOptions { MarginRate = double.NaN }));
    }
}
