using Clv.Lifecycle;
using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>BG/NBD plugged into the lifecycle policy (model-based stages) and into the early-warning ranking.</summary>
public class LifecycleIntegrationTests
{
    [Fact]
    public void FromAliveProbability_WithFittedBgNbd_RepeatBuyersFollowPAliveOneTimeBuyersTheDayRule()
    {
        var customers = TestData.CdnowSummaries();
        var model = BgNbdModel.Fit(customers).Model;
        var policy = LifecyclePolicy.FromAliveProbability(model.ProbabilityAlive, dormantBelow: 0.5, churnedBelow: 0.2);
        var days = LifecyclePolicy.FromDays().Classify(customers, customers.ObservationEnd);

        var stages = policy.Classify(customers, customers.ObservationEnd);

        int oneTimeQuiet = 0;
        for (int i = 0; i < customers.Count; i++)
        {
            var c = customers[i];
            double p = model.ProbabilityAlive(c);
            if (c.Frequency == 0)
            {
                // BG/NBD says P(alive) = 1 for every one-time buyer, however long ago: the policy uses the day rule instead.
                Assert.Equal(1.0, p);
                Assert.Equal(days[i], stages[i]);
                oneTimeQuiet += stages[i].IsQuiet() ? 1 : 0;
            }
            else if (p < 0.2)
            {
                Assert.Equal(LifecycleStage.Churned, stages[i]);
            }
            else if (p < 0.5)
            {
                Assert.Equal(LifecycleStage.Dormant, stages[i]);
            }
            else
            {
                Assert.True(stages[i].IsActive(), $"customer {c.CustomerId} with P(alive) {p} is {stages[i]}");
            }
        }

        Assert.Contains(LifecycleStage.Churned, stages);
        Assert.Contains(LifecycleStage.Dormant, stages);
        Assert.True(oneTimeQuiet > 1000, $"{oneTimeQuiet} one-time buyers quiet");
    }

    [Fact]
    public void ProbabilityAlive_AtZeroRepeatPurchases_OneUnderBgNbdFallingWithAgeUnderMbgNbdAndParetoNbd()
    {
        // What the lifecycle policy documents: only BG/NBD is flat at x = 0.
        var bg = CdnowFits.Fitted;
        var mbg = CdnowFits.MbgNbd.Model;
        var pareto = new ParetoNbdModel(0.55, 10.58, 0.61, 11.67, TimeUnit.Week);   // CDNOW estimates (Fader, Hardie and Lee 2005)
        Assert.Equal(1.0, bg.ProbabilityAlive(0, 0, 10));
        Assert.Equal(1.0, bg.ProbabilityAlive(0, 0, 70));
        foreach (PurchaseModel model in new PurchaseModel[] { mbg, pareto })
        {
            double young = model.ProbabilityAlive(0, 0, 10);
            double old = model.ProbabilityAlive(0, 0, 70);
            Assert.True(young < 1 && old < young, $"{model.GetType().Name}: {young} then {old}");
        }
    }

    [Fact]
    public void ValueAtRisk_IsClvTimesOneMinusPAlive_AndRanksEarlyWarnings()
    {
        var customers = TestData.CdnowSummaries();
        var model = BgNbdModel.Fit(customers).Model;
        var spend = GammaGammaModel.Fit(customers).Model;
        var options = new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week };

        double[] clv = PredictiveClv.Compute(model, spend, customers, options);
        double[] atRisk = PredictiveClv.ValueAtRisk(model, spend, customers, options);
        for (int i = 0; i < customers.Count; i++)
        {
            Assert.Equal(clv[i] * (1 - model.ProbabilityAlive(customers[i])), atRisk[i], 1e-9 * Math.Max(1, clv[i]));
        }

        var warnings = EarlyWarningReport.Create(LifecyclePolicy.FromDays(), customers, atRisk, customers.ObservationEnd, new DateOnly(1998, 3, 31)).Rows;
        Assert.NotEmpty(warnings);
        for (int i = 1; i < warnings.Count; i++)
        {
            Assert.True(warnings[i - 1].ValueAtRisk >= warnings[i].ValueAtRisk);
        }
    }
}
