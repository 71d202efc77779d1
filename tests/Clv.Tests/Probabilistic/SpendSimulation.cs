using System.Globalization;
using Clv.Probabilistic;
using MathNet.Numerics.Distributions;

namespace Clv.Tests.Probabilistic;

/// <summary>Seeded spend data for the spend-model tests: summaries built from a simulated log, with aligned covariates.</summary>
internal static class SpendSimulation
{
    /// <summary>A simulated population: the summaries, their covariates and the truth's inputs per customer.</summary>
    public sealed record Data(CustomerSummaries Customers, CustomerCovariates Covariates);

    /// <summary>
    /// Gamma-Gamma customers with two covariates, "web" (0/1, half the customers) and "age" (standard normal): x ~ Poisson(3)
    /// repeat purchase days (customers with x = 0 are there and are excluded by the fit), ν ~ Gamma(q, v exp(γ'z)), mean repeat
    /// spend m_x ~ Gamma(p x, ν x), each repeat day's amount m_x.
    /// </summary>
    public static Data GammaGamma(int count, double p, double q, double v, double webEffect, double ageEffect, int seed)
    {
        var random = new Random(seed);
        var z = new double[count, 2];
        var rows = new List<Transaction>(count * 4);
        var start = new DateOnly(2024, 1, 1);
        for (int i = 0; i < count; i++)
        {
            double web = random.NextDouble() < 0.5 ? 1 : 0, age = Normal.Sample(random, 0, 1);
            z[i, 0] = web;
            z[i, 1] = age;
            int x = Poisson.Sample(random, 3);
            double nu = Gamma.Sample(random, q, v * Math.Exp((webEffect * web) + (ageEffect * age)));
            double m = x > 0 ? Gamma.Sample(random, p * x, nu * x) : 0;
            string id = i.ToString(CultureInfo.InvariantCulture);
            rows.Add(new Transaction(id, start, 10));
            for (int k = 1; k <= x; k++)
            {
                rows.Add(new Transaction(id, start.AddDays(k), m));
            }
        }

        var customers = CustomerSummaries.FromTransactions([.. rows], start.AddDays(400), TimeUnit.Week);
        return new Data(customers, Aligned(customers, z, ["web", "age"]));
    }

    /// <summary>Covariates in the summaries' order (the customer id is the simulated row).</summary>
    public static CustomerCovariates Aligned(CustomerSummaries customers, double[,] z, string[] names)
    {
        var aligned = new double[customers.Count, z.GetLength(1)];
        for (int i = 0; i < customers.Count; i++)
        {
            int row = int.Parse(customers[i].CustomerId, CultureInfo.InvariantCulture);
            for (int j = 0; j < z.GetLength(1); j++)
            {
                aligned[i, j] = z[row, j];
            }
        }

        return CustomerCovariates.Create(names, aligned);
    }

    /// <summary>Normal-Normal pairs: x ~ 1 + Poisson(2), μ_i ~ N(μ, τ²), m_x ~ N(μ_i, σ²/x).</summary>
    public static (int[] X, double[] M) NormalNormal(int count, double mu, double tau, double sigma, int seed)
    {
        var random = new Random(seed);
        var x = new int[count];
        var m = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = 1 + Poisson.Sample(random, 2);
            double own = Normal.Sample(random, mu, tau);
            m[i] = Normal.Sample(random, own, sigma / Math.Sqrt(x[i]));
        }

        return (x, m);
    }

    /// <summary>|estimate − truth| in standard errors: on the log scale for positive parameters, directly for real-valued ones.</summary>
    public static double Deviation(FittedParameter p, double truth, bool real) =>
        real ? Math.Abs(p.Estimate - truth) / p.StandardError : Math.Abs(Math.Log(p.Estimate / truth)) / (p.StandardError / p.Estimate);
}
