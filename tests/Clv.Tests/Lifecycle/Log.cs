using Clv.Lifecycle;

namespace Clv.Tests.Lifecycle;

/// <summary>Small hand-built logs: day offsets from <see cref="B"/>, one customer per call to <see cref="Classify"/>.</summary>
internal static class Log
{
    public static readonly DateOnly B = new(2020, 1, 1);

    public static readonly DateOnly FarEnd = B.AddDays(3000);

    public static Transaction Buy(string id, int day, double amount = 10) => new(id, B.AddDays(day), amount);

    /// <summary>Summaries with observation end <see cref="B"/> + <paramref name="observationEndDay"/> and a holdout end far ahead.</summary>
    public static CustomerSummaries Summaries(int observationEndDay, params Transaction[] rows) =>
        CustomerSummaries.FromTransactions(rows, B.AddDays(observationEndDay), TimeUnit.Day, FarEnd);

    /// <summary>Stage of a single customer "c" who bought on <paramref name="purchaseDays"/> (offsets), as of offset <paramref name="asOfDay"/>.</summary>
    public static LifecycleStage Classify(LifecyclePolicy policy, int asOfDay, params int[] purchaseDays) =>
        Classify(policy, asOfDay, default, purchaseDays);

    public static LifecycleStage Classify(LifecyclePolicy policy, int asOfDay, CustomerEngagement engagement, params int[] purchaseDays)
    {
        var rows = purchaseDays.Select(d => Buy("c", d)).ToArray();
        var summaries = Summaries(purchaseDays.Min(), rows);
        return policy.Classify(summaries, 0, engagement, B.AddDays(asOfDay));
    }

    /// <summary>A seeded random log: up to <paramref name="customers"/> customers, purchases and refunds over about 400 days from <see cref="B"/>.</summary>
    public static Transaction[] Random(int seed, int customers = 12, int maxRows = 60)
    {
        var rng = new Random(seed);
        int rows = rng.Next(1, maxRows);
        var result = new Transaction[rows];
        for (int r = 0; r < rows; r++)
        {
            string id = "c" + rng.Next(customers).ToString(System.Globalization.CultureInfo.InvariantCulture);
            int day = rng.Next(0, 400);
            double amount = rng.NextDouble() < 0.1 ? -rng.Next(1, 50) : rng.Next(0, 200);
            result[r] = new Transaction(id, B.AddDays(day), amount);
        }

        return result;
    }
}
