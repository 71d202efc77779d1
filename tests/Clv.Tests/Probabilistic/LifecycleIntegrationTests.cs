using Clv.Lifecycle;
using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>BG/NBD plugged into the lifecycle policy (model-based stages) and into the early-warning ranking.</summary>
public class LifecycleIntegrationTests
{
    [Fact]
    public void FromAliveProbability_WithFittedBgNbd_StagesFollowTheModelsPAlive()
    {
        var customers = TestData.CdnowSummaries();
        var model = BgNbdModel.Fit(customers).Model;
        var policy = LifecyclePolicy.FromAliveProbability(model.ProbabilityAlive, dormantBelow: 0.5, churnedBelow: 0.2);

        var stages = policy.Classify(customers, customers.ObservationEnd);

        for (int i = 0; i < customers.Count; i++)
        {
            var c = customers[i];
            double p = model.ProbabilityAlive(c);
            if (p < 0.2)
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

        var warnings = EarlyWarning.Find(LifecyclePolicy.FromDays(), customers, customers.ObservationEnd, new DateOnly(1998, 3, 31), atRisk);
        Assert.NotEmpty(warnings);
        for (int i = 1; i < warnings.Length; i++)
        {
            Assert.True(warnings[i - 1].ValueAtRisk >= warnings[i].ValueAtRisk);
        }
    }
}
