using System.Globalization;
using Clv.Csv;
using Clv.Probabilistic;

namespace Clv.Tests;

/// <content>The README's probabilistic-model section.</content>
internal static partial class ReadmeExamples
{
    public sealed record BgNbdValues(
        FitResult<BgNbdModel> Fit, double PAlive, double Next52, double AnyIn13, double NewCustomer, double Pmf, double[] Alive, double[] Destination,
        FitResult<GammaGammaModel> SpendFit, SpendIndependenceCheck Check, double ExpectedSpend, double[] Clv, HoldoutReport Holdout, double[] ExpectedCum, double[] ActualCum);

    public static BgNbdValues BgNbd(CustomerSummaries customers)
    {
        // <readme:bgnbd>
        // customers: CDNOW in weeks, observation end 1997-09-30, rows to 1998-06-30 kept as holdout.
        // 1. Fit. Customers without a purchase (refund-only leads) are excluded and counted in fit.ExcludedCount.
        FitResult<BgNbdModel> fit = BgNbdModel.Fit(customers);          // or MbgNbdModel.Fit, ParetoNbdModel.Fit
        BgNbdModel model = fit.Model;                                   // R, Alpha, A, B and the TimeUnit (Week)
        Console.WriteLine(fit);                                         // BG/NBD(r = 0.242595, alpha = 4.4136, ...; Week): Converged, ln L = -9582.43
        foreach (FittedParameter p in fit.Parameters)                   // r, alpha, a, b with standard errors
        {
            Console.WriteLine($"{p.Name} = {p.Estimate:0.0000} ({p.StandardError:0.0000})");
        }

        // 2. Predict: scalar, span batch, or all customers (each summary's unit converted to the model's).
        CustomerSummary c = customers[0];
        double pAlive = model.ProbabilityAlive(c);                      // P(alive | x, t_x, T)
        double next52 = model.ConditionalExpectedPurchases(c, 52);      // E[Y(52) | x, t_x, T]: repeat purchases in the next 52 weeks
        double anyIn13 = model.ProbabilityOfAnyPurchase(c, 13);         // P(at least one purchase in the next 13 weeks)
        double newCustomer = model.ExpectedPurchases(52);               // E[X(52)] for a new customer
        double pmf = model.PurchaseCountProbability(0, 39);             // P(X(39) = 0) = 0.5743
        double[] alive = model.ProbabilityAlive(customers);
        var destination = new double[customers.Count];
        model.ConditionalExpectedPurchases(customers.AsSpan(), 52, destination);   // equals the scalar calls exactly

        // 3. Spend: Gamma-Gamma on repeat customers with a positive mean spend (946 on CDNOW); the others are excluded.
        FitResult<GammaGammaModel> spendFit = GammaGammaModel.Fit(customers);
        GammaGammaModel spend = spendFit.Model;                         // P 6.2496, Q 3.7442, V 15.4435 (published 6.2488, 3.7446, 15.4477)
        SpendIndependenceCheck check = GammaGammaModel.CheckIndependence(customers);   // corr(x, m_x) = 0.11
        double expectedSpend = spend.ConditionalExpectedSpend(c);       // E[M | x, m_x]

        // 4. Predictive CLV: 52 weekly periods, 10% a year, 30% margin.
        double[] clv = PredictiveClv.Compute(model, spend, customers, new PredictiveClvOptions
        {
            Periods = 52,
            Period = TimeUnit.Week,
            DiscountRate = DiscountRate.Annual(0.10),
            MarginRate = 0.30,
        });

        // 5. Holdout validation: 1,882 actual repeat purchase days in the 39 weeks after 1997-09-30.
        HoldoutReport holdout = HoldoutValidation.Evaluate(model, customers);
        Console.WriteLine(holdout);                                     // by x = 0 .. 7+, MAE, RMSE, aggregate error

        // 6. Tracking: expected vs actual cumulative repeat purchases of the cohort, weekly.
        double[] weeks = [.. Enumerable.Range(1, 78).Select(w => (double)w)];
        double[] expectedCum = CohortForecast.ExpectedCumulativeRepeatPurchases(model, customers, weeks);
        double[] actualCum = CohortForecast.ActualCumulativeRepeatPurchases(customers, TimeUnit.Week, weeks);
        // </readme:bgnbd>
        return new(fit, pAlive, next52, anyIn13, newCustomer, pmf, alive, destination, spendFit, check, expectedSpend, clv, holdout, expectedCum, actualCum);
    }

    public static (ModelComparisonReport Report, PurchaseModel Chosen) Compare(CustomerSummaries customers)
    {
        // <readme:compare>
        ModelComparisonReport report = ModelComparison.Compare(customers);   // BG/NBD, MBG/NBD, Pareto/NBD on the same data
        Console.WriteLine(report);
        ModelComparisonRow best = report.BestByHoldout ?? report.BestByBic!.Value;   // a failed fit is a row with Failure, not an exception
        PurchaseModel chosen = best.Model!;
        // </readme:compare>
        return (report, chosen);
    }

    public static (FitResult<ParetoNbdModel> Fit, double PAlive, double Next52, double NewCustomer, double PExactlyTwo, double[] Clv) Pareto(CustomerSummaries customers, GammaGammaModel spend)
    {
        // <readme:pareto>
        FitResult<ParetoNbdModel> fit = ParetoNbdModel.Fit(customers);   // R 0.5533, Alpha 10.5776, S 0.6062, Beta 11.6679
        ParetoNbdModel pareto = fit.Model;
        CustomerSummary c = customers[0];
        double pAlive = pareto.ProbabilityAlive(c);
        double next52 = pareto.ConditionalExpectedPurchases(c, 52);
        double newCustomer = pareto.ExpectedPurchases(52);
        double pExactlyTwo = pareto.ConditionalPurchaseCountProbability(2, c.Frequency, c.Recency, c.Age, 52);   // P(Y(52) = 2 | x, t_x, T)

        // Predictive CLV works with any PurchaseModel, Pareto/NBD included; 12 months at 10% a year by default.
        double[] clv = PredictiveClv.Compute(pareto, spend, customers, PredictiveClvOptions.Default);
        // </readme:pareto>
        return (fit, pAlive, next52, newCustomer, pExactlyTwo, clv);
    }

    public static (FitResult<CovariatePurchaseModel> Fit, LikelihoodRatioTest Test, double[] Alive, PurchaseModel One, List<string> Lines, PredictionIntervalReport Intervals) Covariates(CustomerSummaries customers, string covariatesCsv)
    {
        // <readme:covariates>
        // covariates.csv: customer_id,web,age - one row per customer; a categorical covariate is a 0/1 column per level but one.
        CustomerCovariates covariates = CustomerCovariatesCsv.Read(covariatesCsv, customers, null);
        var options = new CovariateOptions(covariates) { Purchase = ["web", "age"], Dropout = ["web"] };
        FitResult<CovariatePurchaseModel> fit = ParetoNbdModel.Fit(customers, options, null);   // BgNbdModel, MbgNbdModel alike
        var lines = new List<string>();
        foreach (FittedParameter p in fit.Parameters.Skip(4))   // r, alpha, s, beta first; then purchase.web, purchase.age, dropout.web
        {
            lines.Add(FormattableString.Invariant($"{p.Name}: {p.Estimate:F3} ± {p.StandardError:F3}, z {p.ZStatistic:F1}"));
        }

        LikelihoodRatioTest test = LikelihoodRatioTest.Compare(ParetoNbdModel.Fit(customers), fit);   // 3 degrees of freedom
        double[] alive = fit.Model.ProbabilityAlive(customers, covariates);   // each customer under their own α_i, β_i
        PurchaseModel one = fit.Model.ForCustomer(covariates, 0);              // customer 0's own Pareto/NBD
        PredictionIntervalReport intervals = PredictionIntervals.Compute(fit, options, null, customers, 39, null);   // 90%, each customer's own draws
        // </readme:covariates>
        return (fit, test, alive, one, lines, intervals);
    }

    public static (FitResult<TimeVaryingParetoNbdModel> Fit, LikelihoodRatioTest Test, double[] Next13) TimeVarying(CustomerSummaries customers)
    {
        // <readme:time-varying>
        // A value per customer and week; here a calendar shared by all: 1 in the weeks that start in March to May.
        DateOnly[] weeks = [.. Enumerable.Range(0, 80).Select(w => new DateOnly(1997, 1, 1).AddDays(7 * w))];
        var values = new double[customers.Count, weeks.Length, 1];
        for (int i = 0; i < customers.Count; i++)
        {
            for (int w = 0; w < weeks.Length; w++)
            {
                values[i, w, 0] = weeks[w].Month is >= 3 and <= 5 ? 1 : 0;
            }
        }

        TimeVaryingCovariates calendar = TimeVaryingCovariates.Create(["spring"], weeks, values);
        var options = new TimeVaryingCovariateOptions(calendar) { Purchase = ["spring"] };   // and Dropout = [...]
        FitResult<TimeVaryingParetoNbdModel> fit = ParetoNbdModel.Fit(customers, options, null);
        LikelihoodRatioTest test = LikelihoodRatioTest.Compare(ParetoNbdModel.Fit(customers), fit);
        double[] next13 = fit.Model.ConditionalExpectedPurchases(customers, calendar, 13);   // under the weeks ahead in the calendar
        // </readme:time-varying>
        return (fit, test, next13);
    }

    public static (FitResult<BetaGeoBetaBinomModel> Fit, BinaryPurchaseHistory[] Donors, double Alive, double Next5, double FirstSix, double AnyIn5, double Wait) BgBb(string donationsCsv)
    {
        // <readme:bgbb>
        // donations.csv: frequency,recency,periods,weights - one row per group of identical donors, 6 yearly opportunities.
        BinaryPurchaseHistory[] donors =
        [
            .. File.ReadLines(donationsCsv).Skip(1).Select(line => line.Split(',')).Select(f => new BinaryPurchaseHistory(
                frequency: int.Parse(f[0], CultureInfo.InvariantCulture),
                recency: int.Parse(f[1], CultureInfo.InvariantCulture),
                periods: int.Parse(f[2], CultureInfo.InvariantCulture),
                weight: double.Parse(f[3], CultureInfo.InvariantCulture))),
        ];
        FitResult<BetaGeoBetaBinomModel> fit = BetaGeoBetaBinomModel.Fit(donors);   // Alpha 1.2035, Beta 0.7497, Gamma 0.6567, Delta 2.7834
        BetaGeoBetaBinomModel bgbb = fit.Model;

        var sixOfSix = new BinaryPurchaseHistory(frequency: 6, recency: 6, periods: 6);
        double alive = bgbb.ProbabilityAlive(sixOfSix);                  // 0.93: alive at the next opportunity
        double next5 = bgbb.ConditionalExpectedPurchases(sixOfSix, 5);   // E[purchases at opportunities 7 .. 11]
        double firstSix = bgbb.ExpectedPurchases(6);                     // E[X(6)] for a new donor
        double anyIn5 = bgbb.ProbabilityOfAnyPurchase(sixOfSix, 5);       // P(a gift in the next 5 opportunities)
        double wait = bgbb.NextPurchaseTime(sixOfSix, 0.5);              // median wait: 1 opportunity (a whole number, or +∞)
        // </readme:bgbb>
        return (fit, donors, alive, next5, firstSix, anyIn5, wait);
    }

    public static (string Json, PurchaseModel Loaded, BgNbdModel Typed, FitResult<BgNbdModel> FitBack) Persistence(FitResult<BgNbdModel> fit)
    {
        // <readme:persistence>
        string json = fit.Model.ToJson();   // {"model":"BG/NBD","version":1,"timeUnit":"Week","parameters":{"r":0.2425...,"alpha":...,"a":...,"b":...}}
        BgNbdModel restored = BgNbdModel.FromJson(json);                 // FormatException naming the field for bad input
        PurchaseModel any = ModelJson.Load<PurchaseModel>(json);         // whichever model the "model" field names
        string withDiagnostics = fit.ToJson();                           // the model plus a "fit" object: status, ln L, standard errors
        FitResult<BgNbdModel> fitBack = FitResult<BgNbdModel>.FromJson(withDiagnostics);
        // </readme:persistence>
        return (json, any, restored, fitBack);
    }

    public static (FitResult<BgNbdModel> Fit, List<FitProgress> Reports, bool Cancelled) FitOptionsExample(CustomerSummaries customers)
    {
        var reports = new List<FitProgress>();
        using var source = new CancellationTokenSource();
        var progress = new SynchronousProgress(reports.Add);
        // <readme:fit-options>
        var options = new FitOptions
        {
            L2Penalty = 1e-4,                    // per customer, on the log-parameters; default 0 (plain maximum likelihood)
            MaxIterations = 200,                 // Newton iterations per start (the default)
            Tolerance = 1e-4,                    // stop when the step to the maximum is below 1e-4 standard errors (the default)
            Progress = progress,                 // IProgress<FitProgress>: Stage (Preparing, Optimizing, Checking, Done) and Fraction
            CancellationToken = source.Token,    // a cancelled fit throws OperationCanceledException
        };
        FitResult<BgNbdModel> fit = BgNbdModel.Fit(customers, options);
        if (fit.Status != FitStatus.Converged)   // Ridge or Boundary: StatusMessage says which parameters and why
        {
            Console.WriteLine(fit.StatusMessage);
        }
        // </readme:fit-options>
        source.Cancel();
        bool cancelled = false;
        try
        {
            BgNbdModel.Fit(customers, options);
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
        }

        return (fit, reports, cancelled);
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class SynchronousProgress(Action<FitProgress> report) : IProgress<FitProgress>
    {
        public void Report(FitProgress value) => report(value);
    }

    public static (ValueEvaluationReport Report, double Top10) Evaluation(CustomerSummaries customers, PurchaseModel chosen)
    {
        // <readme:evaluation>
        // Beyond MAE: does the model rank customers well? Predicted holdout purchases against the realised ones.
        double[] predicted = chosen.ConditionalExpectedPurchases(customers, 39);
        double[] actual = [.. customers.AsSpan().ToArray().Select(c => (double)c.HoldoutPurchaseDays)];
        ValueEvaluationReport evaluation = ValueEvaluationReport.Create(predicted, actual);
        double gini = evaluation.NormalizedGini;               // 1 = a perfect ranking, 0 = chance
        double top10 = evaluation.CaptureShare(0.10);          // share of holdout purchases made by the top 10% predicted
        double slope = evaluation.CalibrationSlope;            // actual = intercept + slope x predicted; 1 = calibrated
        // evaluation.Rows: the decile table; ValueEvaluationReportCsv.Write(path, evaluation) writes it.
        // </readme:evaluation>
        _ = gini + slope;
        return (evaluation, top10);
    }
}
