using System.Globalization;
using Clv.Probabilistic;

namespace Clv.Tests;

/// <content>The README's next-purchase, CLV-by-period and interval examples, with the values the README states.</content>
public partial class ReadmeTests
{
    [Fact]
    public void Uncertainty_Examples_RunOnCdnowAndGiveTheStatedValues()
    {
        var customers = CustomerSummaries.FromTransactions(Orders.Value.Transactions, new DateOnly(1997, 9, 30), TimeUnit.Week, new DateOnly(1998, 6, 30));
        var fit = BgNbdModel.Fit(customers);
        var spendFit = GammaGammaModel.Fit(customers);
        double[] actual = [.. customers.AsSpan().ToArray().Select(c => (double)c.HoldoutPurchaseDays)];
        var r = ReadmeExamples.Uncertainty(customers, fit, spendFit, actual);
        Log(string.Create(CultureInfo.InvariantCulture, $"median {r.Median}, within13 {r.Within13}, pTwo {r.PTwo}, upper {r.Upper}, new customer {r.NewCustomer}, coverage {r.Coverage}, acquired {r.Acquired}"));
        Log(r.Intervals.ToString());

        Assert.Equal(0.5, fit.Model.ProbabilityOfAnyPurchase(customers[0], r.Median), 9);
        Assert.Equal(r.Median, r.Medians[0]);
        Assert.Equal(3, r.ByYear.PeriodCount);
        Assert.Equal(PredictiveClv.Compute(fit.Model, spendFit.Model, customers, new PredictiveClvOptions { Periods = 36, Period = TimeUnit.Month, MarginRate = 0.3 })[0], r.ByYear.Total(0), 1e-9);

        // The README's prose: the new-customer value and the CDNOW holdout coverage of the purchase intervals.
        Near(36.71, r.NewCustomer.Value, 2);
        Near(10.55, r.NewCustomer.FirstPurchaseValue, 2);
        Near(26.16, r.NewCustomer.RepeatValue, 2);
        Near(0.929, r.Coverage, 3);
        Assert.True(r.Acquired.Value.Contains(r.NewCustomer.Value));
    }

    [Fact]
    public void SbgCohorts_Example_FitsJointlyAndFromAccounts()
    {
        var (joint, accounts, curves) = ReadmeExamples.SbgCohorts();
        Log(joint.ToString());
        Log(accounts.ToString());
        Log(curves.ToString());
        Assert.True(joint.IsConverged, joint.StatusMessage);
        Assert.True(accounts.IsConverged, accounts.StatusMessage);
        Assert.Equal(10, curves.Rows.Count);
        Near(0.702, joint.Model.Alpha, 3);
        Near(4.090, joint.Model.Beta, 3);
    }

}
