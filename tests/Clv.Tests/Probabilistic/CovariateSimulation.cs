using System.Globalization;
using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Logs simulated from a covariate model: customers in groups of equal covariates (each group's own model from
/// <see cref="CovariatePurchaseModel.ForCustomer(ReadOnlySpan{double}, ReadOnlySpan{double})"/>), born over the first 12 weeks, observed to
/// week 52; summaries in weeks with the covariates aligned to them.
/// </summary>
internal static class CovariateSimulation
{
    public static readonly DateOnly Start = new(2024, 1, 1);

    public static DateOnly End => Start.AddDays((52 * 7) - 1);

    /// <summary>
    /// Simulates <paramref name="perGroup"/> customers for each row of <paramref name="levels"/> (values of <paramref name="names"/>).
    /// </summary>
    public static (CustomerSummaries Customers, CustomerCovariates Covariates) Simulate(
        CovariatePurchaseModel truth, string[] names, double[][] levels, int perGroup, int seed)
    {
        var spend = new GammaGammaModel(6, 4, 15);
        var log = new List<Transaction>();
        for (int g = 0; g < levels.Length; g++)
        {
            var z = levels[g];
            double[] zp = [.. truth.PurchaseCovariates.Select(n => z[Array.IndexOf(names, n)])];
            double[] zd = [.. truth.DropoutCovariates.Select(n => z[Array.IndexOf(names, n)])];
            var model = truth.ForCustomer(zp, zd);
            var firsts = new DateOnly[perGroup];
            var random = new Random(seed + (1000 * g));
            for (int i = 0; i < perGroup; i++)
            {
                firsts[i] = Start.AddDays(random.Next(84));
            }

            string prefix = "g" + g.ToString(CultureInfo.InvariantCulture) + "-";
            foreach (var t in model.SimulateTransactions(firsts, End, spend, seed + g))
            {
                log.Add(new Transaction(prefix + t.CustomerId, t.Date, t.Amount));
            }
        }

        var customers = CustomerSummaries.FromTransactions(log.ToArray(), End, TimeUnit.Week);
        var values = new double[customers.Count, names.Length];
        for (int i = 0; i < customers.Count; i++)
        {
            string id = customers[i].CustomerId;
            int g = int.Parse(id.AsSpan(1, id.IndexOf('-', StringComparison.Ordinal) - 1), CultureInfo.InvariantCulture);
            for (int j = 0; j < names.Length; j++)
            {
                values[i, j] = levels[g][j];
            }
        }

        return (customers, CustomerCovariates.Create(names, values));
    }

    /// <summary>
    /// Histories simulated in continuous time (no rounding to days), <paramref name="perGroup"/> per row of <paramref name="levels"/>,
    /// ages as in the recovery tests (T in (40, 52] weeks), with the covariates aligned to them.
    /// </summary>
    public static (PurchaseHistory[] Histories, CustomerCovariates Covariates) SimulateHistories(
        CovariatePurchaseModel truth, string[] names, double[][] levels, int perGroup, int seed)
    {
        var histories = new List<PurchaseHistory>();
        var values = new double[levels.Length * perGroup, names.Length];
        for (int g = 0; g < levels.Length; g++)
        {
            var z = levels[g];
            double[] zp = [.. truth.PurchaseCovariates.Select(n => z[Array.IndexOf(names, n)])];
            double[] zd = [.. truth.DropoutCovariates.Select(n => z[Array.IndexOf(names, n)])];
            var model = truth.ForCustomer(zp, zd);
            histories.AddRange(model.Simulate(Recovery.Recovery.Ages(perGroup, seed + (1000 * g)), seed + g));
            for (int i = 0; i < perGroup; i++)
            {
                for (int j = 0; j < names.Length; j++)
                {
                    values[(g * perGroup) + i, j] = z[j];
                }
            }
        }

        return ([.. histories], CustomerCovariates.Create(names, values));
    }

    /// <summary>Every combination of gender (0, 1) and a numeric channel score (-1, 0, 1, 2): 8 groups.</summary>
    public static double[][] GenderAndChannel() =>
        [.. from gender in new[] { 0.0, 1.0 } from channel in new[] { -1.0, 0.0, 1.0, 2.0 } select new[] { gender, channel }];
}
