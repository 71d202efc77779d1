using Clv.Lifecycle;

namespace Clv.Tests.Lifecycle;

/// <summary>
/// The history and transition reports over enough customers to be split across cores (at least two chunks of 32,768): every
/// customer's stage and every count equal to classifying each customer alone, chunk boundaries included.
/// </summary>
public class LifecycleReportsManyCustomersTests
{
    private static readonly DateOnly Start = new(2020, 1, 1);
    private static readonly DateOnly End = new(2021, 6, 30);
    private static readonly DateOnly HoldoutEnd = Start.AddDays(900);

    /// <summary>100,003 customers (not a multiple of any chunk count), 1 to 12 purchase days each over two and a half years.</summary>
    private static CustomerSummaries Customers()
    {
        var rng = new Random(20261208);
        var rows = new List<Transaction>();
        for (int c = 0; c < 100_003; c++)
        {
            string id = "c" + c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            int first = rng.Next(0, 540);
            int n = 1 + rng.Next(12);
            int day = first;
            for (int k = 0; k < n && day < 900; k++)
            {
                rows.Add(new Transaction(id, Start.AddDays(day), 5 + rng.Next(200)));
                day += 1 + rng.Next(rng.Next(2) == 0 ? 30 : 200);
            }
        }

        return CustomerSummaries.FromTransactions(rows.ToArray(), End, TimeUnit.Week, HoldoutEnd);
    }

    [Fact]
    public void History_ManyCustomers_EveryStageAndCountAsClassify()
    {
        var customers = Customers();
        var policy = LifecyclePolicy.RelativeToGap(3, 6);
        var dates = new[] { new DateOnly(2020, 3, 31), new DateOnly(2020, 12, 31), End, HoldoutEnd };
        var history = LifecycleHistoryReport.Create(policy, customers, dates);

        for (int j = 0; j < dates.Length; j++)
        {
            var expected = policy.Classify(customers, dates[j]);
            var counts = new int[LifecycleStageExtensions.StageCount];
            for (int i = 0; i < expected.Length; i++)
            {
                counts[(int)expected[i]]++;
                if (history[i, j] != expected[i])
                {
                    Assert.Fail($"customer {i} at {dates[j]:yyyy-MM-dd}: {history[i, j]}, Classify gives {expected[i]}");
                }
            }

            Assert.Equal(counts, history.StageCounts(j).ToArray());
        }
    }

    [Fact]
    public void Transitions_ManyCustomers_CountsAndRatesAsClassify()
    {
        var customers = Customers();
        var policy = LifecyclePolicy.FromDays();
        var t = LifecycleTransitionReport.Create(policy, customers, End, HoldoutEnd);
        var s1 = policy.Classify(customers, End);
        var s2 = policy.Classify(customers, HoldoutEnd);

        foreach (var a in Enum.GetValues<LifecycleStage>())
        {
            foreach (var b in Enum.GetValues<LifecycleStage>())
            {
                Assert.Equal(Enumerable.Range(0, s1.Length).Count(i => s1[i] == a && s2[i] == b), t.Count(a, b));
            }
        }

        int buyers = customers.Count(c => c.PurchaseDays > 0);
        int repurchased = customers.Count(c => c.PurchaseDays > 0 && c.HoldoutPurchaseDays > 0);
        Assert.Equal(repurchased / (double)buyers, t.RepurchaseRate, 12);
        int active = s1.Count(s => s.IsActive());
        Assert.Equal(Enumerable.Range(0, s1.Length).Count(i => s1[i].IsActive() && s2[i].IsActive()) / (double)active, t.RetentionRate, 12);
    }
}
