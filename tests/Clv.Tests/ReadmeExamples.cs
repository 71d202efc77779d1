// <readme:usings>
using System.Globalization;
using Clv;
using Clv.Crm;
using Clv.Csv;
using Clv.Lifecycle;
using Clv.Parquet;
using Clv.Probabilistic;
using Clv.Rfm;
using Clv.Valuation;
// </readme:usings>

namespace Clv.Tests;

/// <summary>
/// The README's code, compiled. Each region between <c>// &lt;readme:NAME&gt;</c> markers in the ReadmeExamples*.cs files
/// appears verbatim in README.md (after <see cref="ToReadme"/>), checked by <see cref="ReadmeTests"/>; each example method is
/// also run by a test that asserts the values the README states.
/// </summary>
internal static partial class ReadmeExamples
{
    /// <summary>Test-only parameter names and what the README shows in their place (file names).</summary>
    private static readonly (string Name, string Readme)[] Paths =
    [
        ("ordersCsv", "\"orders.csv\""),
        ("cdnowTxt", "\"CDNOW_sample.txt\""),
        ("umsaetzeCsv", "\"umsaetze.csv\""),
        ("exportCsv", "\"export.csv\""),
        ("customersCsv", "\"customers.csv\""),
        ("cleanCsv", "\"clean.csv\""),
        ("crmImportCsv", "\"crm-import.csv\""),
        ("donationsCsv", "\"donations.csv\""),
        ("covariatesCsv", "\"covariates.csv\""),
        ("holdoutCsv", "\"holdout.csv\""),
        ("segmentsCsv", "\"segments.csv\""),
        ("migrationCsv", "\"migration.csv\""),
        ("comparisonCsv", "\"models.csv\""),
        ("kpisCsv", "\"kpis.csv\""),
        ("healthCsv", "\"health.csv\""),
        ("crmExportCsv", "\"crm-export.csv\""),
        ("scorecardCsv", "\"scorecard.csv\""),
        ("ordersParquet", "\"orders.parquet\""),
        ("exportParquet", "\"export.parquet\""),
        ("customersParquet", "\"customers.parquet\""),
        ("rfmParquet", "\"rfm.parquet\""),
        ("cleanParquet", "\"clean.parquet\""),
    ];

    /// <summary>Maps the test-only names to what the README shows (file paths).</summary>
    public static string ToReadme(string code)
    {
        foreach (var (name, readme) in Paths)
        {
            code = code.Replace(name, readme, StringComparison.Ordinal);
        }

        return code;
    }

    public static (CustomerSummaries Customers, RfmScore Score, BgNbdModel Model, double PAlive, double Next52, GammaGammaModel Spend, LifecycleStage Stage, double[] Clv) FrontDoor(string ordersCsv)
    {
        // <readme:front-door>
        // Read a transaction log. Strict by default: the first bad row throws with its line and column.
        TransactionLog log = TransactionCsv.Read(ordersCsv, new TransactionCsvOptions
        {
            CustomerIdColumn = "customer_id",
            DateColumn = "date",
            AmountColumn = "amount",
        });

        // One summary per customer at an explicit observation end, in a typed time unit.
        CustomerSummaries customers = CustomerSummaries.FromTransactions(
            log.Transactions, observationEnd: new DateOnly(1997, 9, 30), TimeUnit.Week);   // 2,357 customers

        CustomerSummary first = customers[0];   // CustomerId, Frequency (x), Recency (t_x), Age (T), MonetaryValue ...

        // RFM: cut points from the population, then scores.
        RfmScores rfm = RfmScorer.Score(customers);
        RfmScore score = rfm[0];                  // R, F, M (1..5 by default), Code = 100R + 10F + M

        // Lifecycle stage on a date, by configurable rules (defaults: new 30 days, dormant 90, churned 180).
        LifecycleStage stage = LifecyclePolicy.FromDays().Classify(customers, 0, new DateOnly(1997, 9, 30));

        // BG/NBD and Gamma-Gamma, fitted by maximum likelihood.
        FitResult<BgNbdModel> fit = BgNbdModel.Fit(customers);
        BgNbdModel model = fit.Model;            // R, Alpha, A, B: the published 0.2426, 4.4135, 0.7929, 2.4258
        double pAlive = model.ProbabilityAlive(first);
        double next52 = model.ConditionalExpectedPurchases(first, 52);
        GammaGammaModel spend = GammaGammaModel.Fit(customers).Model;   // P, Q, V: 6.2496, 3.7442, 15.4435 (published 6.2488, 3.7446, 15.4477)

        // 52-week CLV for everyone, discounted at 10% a year (the library converts the rate to weeks).
        double[] clv = PredictiveClv.Compute(model, spend, customers, new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week });
        // </readme:front-door>
        return (customers, score, model, pAlive, next52, spend, stage, clv);
    }

    public static (CustomerSummaries Customers, CustomerSummary Alice, CustomerSummary Bob) Summaries()
    {
        // <readme:summaries>
        Transaction[] rows =
        [
            new("alice", new DateOnly(2024, 1, 3), 40.0),
            new("alice", new DateOnly(2024, 1, 3), 10.0),   // same day: merged into one purchase day of 50
            new("alice", new DateOnly(2024, 2, 14), 25.0),
            new("bob", new DateOnly(2024, 2, 1), 80.0),
            new("bob", new DateOnly(2024, 2, 9), -20.0),    // a refund
            new("alice", new DateOnly(2024, 4, 2), 30.0),   // after the observation end: holdout
        ];
        CustomerSummaries customers = CustomerSummaries.FromTransactions(
            rows, observationEnd: new DateOnly(2024, 3, 31), TimeUnit.Week, holdoutEnd: new DateOnly(2024, 4, 30));

        CustomerSummary alice = customers[0];   // Frequency 1, Recency 6 weeks, Age 12.57 weeks, MonetaryValue 25, HoldoutPurchaseDays 1
        CustomerSummary bob = customers[1];     // Frequency 0, Spend 80, Refunds 20, NetSpend 60, DaysSinceLastPurchase 59
        // </readme:summaries>
        return (customers, alice, bob);
    }
}
