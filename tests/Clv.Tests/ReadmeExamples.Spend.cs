using Clv.Probabilistic;

namespace Clv.Tests;

/// <content>The README's spend sections: Gamma-Gamma with covariates, and the Normal-Normal model of values of any sign.</content>
internal static partial class ReadmeExamples
{
    public sealed record SpendCovariateValues(
        CustomerCovariates Covariates, FitResult<CovariateSpendModel> Fit, LikelihoodRatioTest Test, double[] Expected, GammaGammaModel FirstCustomer);

    public sealed record NormalNormalValues(
        int[] X, double[] Contribution, FitResult<NormalNormalModel> Fit, double W, double Expected, FitResult<NormalNormalModel> FromSummaries);

    public static SpendCovariateValues SpendCovariates(CustomerSummaries customers)
    {
        // <readme:spend-covariates>
        // Does a customer's first order say how much they will spend later? Covariates per customer, in the summaries' order.
        CustomerSummary[] all = customers.AsSpan().ToArray();
        var z = new double[all.Length, 2];
        for (int i = 0; i < all.Length; i++)
        {
            z[i, 0] = Math.Log(1 + all[i].Spend - (all[i].Frequency * all[i].MonetaryValue));   // ln(1 + first purchase day's amount)
            z[i, 1] = all[i].FirstPurchase!.Value.Month == 1 ? 1 : 0;                           // joined in January 1997
        }

        CustomerCovariates covariates = CustomerCovariates.Create(["firstOrder", "january"], z);
        FitResult<CovariateSpendModel> fit = GammaGammaModel.Fit(customers, new SpendCovariateOptions(covariates)
        {
            Spend = ["firstOrder", "january"],   // Regularization = λ adds an L2 penalty on the coefficients
        }, null);
        foreach (FittedParameter p in fit.Parameters)   // p, q, v, spend.firstOrder 0.3888 (z 14.33), spend.january 0.0455 (z 1.16)
        {
            Console.WriteLine($"{p.Name} = {p.Estimate:0.0000} ({p.StandardError:0.0000}), z = {p.ZStatistic:0.00}");
        }

        LikelihoodRatioTest test = LikelihoodRatioTest.Compare(GammaGammaModel.Fit(customers), fit);   // D = 181.18, 2 df
        CovariateSpendModel model = fit.Model;
        double[] expected = model.ConditionalExpectedSpend(customers, covariates);   // E[M | x, m_x], each under its own v_i
        GammaGammaModel firstCustomer = model.ForCustomer(covariates, 0);           // p, q, v exp(γ'z_0): a plain Gamma-Gamma
        // </readme:spend-covariates>
        return new(covariates, fit, test, expected, firstCustomer);
    }

    public static NormalNormalValues NormalNormal(CustomerSummaries customers)
    {
        // <readme:normal-normal>
        // Contribution per order after a fixed fulfilment cost of $15: negative for small orders, which Gamma-Gamma cannot take.
        CustomerSummary[] repeat = [.. customers.AsSpan().ToArray().Where(c => c.Frequency > 0)];
        int[] x = [.. repeat.Select(c => c.Frequency)];
        double[] contribution = [.. repeat.Select(c => c.MonetaryValue - 15)];   // 209 of the 946 means are negative
        FitResult<NormalNormalModel> fit = NormalNormalModel.Fit(x, contribution, null);
        NormalNormalModel model = fit.Model;                                        // Mu 20.09, Tau 30.18, Sigma 2.83
        double w = model.ShrinkageWeight(1);                                        // weight of a customer's own mean after 1 repeat order
        double expected = model.ConditionalExpectedValue(x[0], contribution[0]);    // w m_x + (1 - w) μ, between m_x and μ

        // From summaries: MonetaryValue of the repeat customers, zero-valued orders kept (refunds are not in it).
        FitResult<NormalNormalModel> fromSummaries = NormalNormalModel.Fit(customers);
        // </readme:normal-normal>
        return new(x, contribution, fit, w, expected, fromSummaries);
    }
}
