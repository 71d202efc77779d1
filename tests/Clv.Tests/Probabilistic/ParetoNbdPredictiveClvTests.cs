using Clv.Probabilistic;
using Clv.Valuation;

namespace Clv.Tests.Probabilistic;

public class ParetoNbdPredictiveClvTests
{
    private static readonly ParetoNbdModel Pareto = new(0.553276, 10.577615, 0.606214, 11.667916, TimeUnit.Week);
    private static readonly GammaGammaModel Spend = new(6.25, 3.74, 15.44);

    [Fact]
    public void Compute_ParetoNbdZeroDiscount_EqualsMarginTimesSpendTimesExpectedPurchases()
    {
        var customer = TestData.CdnowSummaries()[0];
        var options = new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week, DiscountRate = DiscountRate.Zero, MarginRate = 0.3 };
        double expected = 0.3 * Spend.ConditionalExpectedSpend(customer) * Pareto.ConditionalExpectedPurchases(customer, 52);
        Assert.Equal(expected, PredictiveClv.Compute(Pareto, Spend, customer, options), 1e-10);
    }

    [Fact]
    public void Compute_ParetoNbdMonthlyDiscounting_SumsIncrementalPurchasesAndBatchEqualsScalar()
    {
        var customers = TestData.CdnowSummaries();
        var options = new PredictiveClvOptions { Periods = 12, Period = TimeUnit.Month, DiscountRate = DiscountRate.Annual(0.1) };
        var all = PredictiveClv.Compute(Pareto, Spend, customers, options);
        double month = 365.25 / 12 / 7, perMonth = Math.Pow(1.1, 1.0 / 12) - 1;
        for (int i = 0; i < customers.Count; i += 97)
        {
            var c = customers[i];
            double expected = 0;
            for (int k = 1; k <= 12; k++)
            {
                double increment = Pareto.ConditionalExpectedPurchases(c, k * month) - Pareto.ConditionalExpectedPurchases(c, (k - 1) * month);
                expected += increment / Math.Pow(1 + perMonth, k);
            }

            expected *= c.HasPurchase ? Spend.ConditionalExpectedSpend(c) : 0;
            Assert.Equal(expected, all[i], 1e-9);
            Assert.Equal(PredictiveClv.Compute(Pareto, Spend, c, options), all[i]);
        }
    }
}
