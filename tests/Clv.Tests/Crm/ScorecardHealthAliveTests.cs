using Clv.Crm;
using Clv.Lifecycle;
using Clv.Probabilistic;

namespace Clv.Tests.Crm;

/// <summary>
/// P(alive) in the scorecard's health score: BG/NBD gives every customer without a repeat purchase 1 whatever their recency,
/// so for them it is left out (their health rests on the other signals); a model whose values say something about them keeps
/// them. The <c>alive_probability</c> column is the model's either way.
/// </summary>
public class ScorecardHealthAliveTests
{
    [Fact]
    public void Create_BgNbd_OneTimeBuyersHealthWithoutTheirAliveProbabilityOfOne()
    {
        var customers = ScorecardTests.Cdnow.Value;
        var options = ScorecardTests.Full();
        var card = Scorecard.Create(customers, options);
        var alive = options.Purchases!.ProbabilityAlive(customers);
        var withoutOnes = HealthScore.Score(HealthSignals.Create(customers, alive.Select((p, i) => customers[i].Frequency == 0 ? double.NaN : p).ToArray(), null, null));

        int oneTime = 0;
        for (int i = 0; i < customers.Count; i++)
        {
            var row = card.Rows[i];
            Assert.Equal(alive[i], row.AliveProbability);
            Assert.Equal(withoutOnes[i].Score, row.HealthScore);
            Assert.Equal(withoutOnes[i].Reason, row.HealthReason);
            if (customers[i].Frequency == 0)
            {
                oneTime++;
                Assert.Equal(1, row.AliveProbability);
                Assert.NotEqual(HealthSignals.AliveProbabilityName, row.HealthReason);
            }
        }

        // CDNOW's churned customers at the observation end: 1,411 of 1,636 were Amber for P(alive) 1; now mostly Red.
        var churned = card.Rows.Where(r => r.Stage == LifecycleStage.Churned).ToArray();
        Assert.Equal(1636, churned.Length);
        Assert.True(oneTime > 1000);
        Assert.True(churned.Count(r => r.HealthBand == HealthBand.Red) > 1500, $"{churned.Count(r => r.HealthBand == HealthBand.Red)} of the churned are Red");
        Assert.Contains(card.Rows, r => r.HealthReason == HealthSignals.AliveProbabilityName);   // repeat buyers keep the signal
    }

    [Fact]
    public void Create_MbgNbd_AliveProbabilityAsTheModelGivesIt()
    {
        var customers = ScorecardTests.Cdnow.Value;
        var model = MbgNbdModel.Fit(customers).Model;
        var card = Scorecard.Create(customers, new ScorecardOptions { Purchases = model });
        var alive = model.ProbabilityAlive(customers);
        var health = HealthScore.Score(HealthSignals.Create(customers, alive, null, null));

        Assert.Contains(Enumerable.Range(0, customers.Count), i => customers[i].Frequency == 0 && alive[i] < 1);
        for (int i = 0; i < customers.Count; i++)
        {
            Assert.Equal(health[i].Score, card.Rows[i].HealthScore);
            Assert.Equal(health[i].Reason, card.Rows[i].HealthReason);
        }
    }

    [Fact]
    public void Create_BgNbd_ALeadScoresOnRecencyAlone()
    {
        // A customer whose only row is a refund has no purchase: a lead. P(alive) 1 gave it 50 points (Amber).
        var rows = new List<Transaction>();
        for (int c = 0; c < 40; c++)
        {
            string id = "c" + c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (int k = 0; k <= c % 5; k++)
            {
                rows.Add(new Transaction(id, new DateOnly(2024, 1, 3).AddDays((c * 7) + (k * 23)), 20 + c));
            }
        }

        rows.Add(new Transaction("lead", new DateOnly(2024, 3, 1), -10));
        var customers = CustomerSummaries.FromTransactions(rows.ToArray(), new DateOnly(2024, 12, 31), TimeUnit.Week);
        var model = BgNbdModel.Fit(customers).Model;
        var card = Scorecard.Create(customers, new ScorecardOptions { Purchases = model });
        Assert.True(customers.TryGetIndex("lead", out int lead));

        var row = card.Rows[lead];
        Assert.Equal(1, row.AliveProbability);
        Assert.Equal(0, row.HealthScore);
        Assert.Equal(HealthBand.Red, row.HealthBand);
    }
}
