using System.Globalization;
using Clv;
using Clv.Probabilistic;
using Clv.Valuation;

namespace Clv.Samples.QuickStart;

/// <summary>
/// BG/NBD, MBG/NBD and Gamma-Gamma fitted on the calibration period: parameters with standard errors, the
/// calibration-vs-holdout table, and the top customers by predicted 52-week discounted CLV.
/// </summary>
internal static class ProbabilisticSection
{
    public static void Print(CustomerSummaries customers, TextWriter output)
    {
        var ic = CultureInfo.InvariantCulture;
        var bgnbd = BgNbdModel.Fit(customers);
        var mbgnbd = MbgNbdModel.Fit(customers);
        var gammaGamma = GammaGammaModel.Fit(customers);
        var independence = GammaGammaModel.CheckIndependence(customers);

        output.WriteLine(string.Create(ic, $"== Probabilistic models (time unit: {bgnbd.Model.TimeUnit}) =="));
        PrintFit(output, "BG/NBD", bgnbd.Parameters, bgnbd.LikelihoodLn, bgnbd.ObservationCount, bgnbd.ExcludedCount);
        PrintFit(output, "MBG/NBD", mbgnbd.Parameters, mbgnbd.LikelihoodLn, mbgnbd.ObservationCount, mbgnbd.ExcludedCount);
        PrintFit(output, "Gamma-Gamma", gammaGamma.Parameters, gammaGamma.LikelihoodLn, gammaGamma.ObservationCount, gammaGamma.ExcludedCount);
        output.WriteLine(string.Create(ic, $"  independence check: corr(x, m_x) = {independence.Correlation:0.0000} over {independence.Customers:N0} repeat customers"));
        output.WriteLine();

        if (customers.HoldoutLength > 0)
        {
            output.Write(HoldoutValidation.Evaluate(bgnbd.Model, customers).ToString());
            output.WriteLine();
        }

        var options = new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week, DiscountRate = DiscountRate.Annual(0.1) };
        var clv = PredictiveClv.Compute(bgnbd.Model, gammaGamma.Model, customers, options);
        var alive = bgnbd.Model.ProbabilityAlive(customers);
        var expected = bgnbd.Model.ConditionalExpectedPurchases(customers, 52);
        output.WriteLine("Top 10 customers by 52-week CLV (BG/NBD x Gamma-Gamma, 10% a year)");
        output.WriteLine("customer      x      t_x        T  P(alive)  E[Y(52)]  E[spend]       CLV");
        foreach (int i in Enumerable.Range(0, customers.Count).OrderByDescending(i => clv[i]).ThenBy(i => customers[i].CustomerId, StringComparer.Ordinal).Take(10))
        {
            var c = customers[i];
            output.WriteLine(string.Create(ic, $"{c.CustomerId,-10}{c.Frequency,5}{c.Recency,9:0.00}{c.Age,9:0.00}{alive[i],10:0.000}{expected[i],10:0.00}{gammaGamma.Model.ConditionalExpectedSpend(c),10:0.00}{clv[i],10:0.00}"));
        }

        output.WriteLine(string.Create(ic, $"total 52-week CLV of {customers.Count:N0} customers: {clv.Sum():N0}"));
        output.WriteLine();
    }

    private static void PrintFit(TextWriter output, string name, IReadOnlyList<FittedParameter> parameters, double logLikelihood, long used, long excluded)
    {
        var ic = CultureInfo.InvariantCulture;
        var text = string.Join("  ", parameters.Select(p => string.Create(ic, $"{p.Name} {p.Estimate:0.0000} ({p.StandardError:0.0000})")));
        output.WriteLine(string.Create(ic, $"{name,-12} {text}  ln L {logLikelihood:0.00}  [{used:N0} customers, {excluded:N0} excluded]"));
    }
}
