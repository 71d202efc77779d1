using Clv.Csv;
using Clv.Lifecycle;
using Clv.Probabilistic;
using Clv.Rfm;

namespace Clv.Tests;

/// <summary>
/// The README's code, compiled. Each region between <c>// &lt;readme:NAME&gt;</c> markers appears verbatim in
/// README.md (after <see cref="ToReadme"/>), checked by <see cref="ReadmeTests"/>.
/// </summary>
internal static class ReadmeExamples
{
    /// <summary>Maps the few test-only names to what the README shows (file paths).</summary>
    public static string ToReadme(string code) => code.Replace("ordersCsv", "\"orders.csv\"", StringComparison.Ordinal);

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
            log.Transactions, observationEnd: new DateOnly(1997, 9, 30), TimeUnit.Week);

        CustomerSummary first = customers[0];   // CustomerId, Frequency (x), Recency (t_x), Age (T), MonetaryValue ...
        int count = customers.Count;

        // RFM: cut points from the population, then scores.
        RfmScores rfm = RfmScorer.Score(customers);
        RfmScore score = rfm[0];                  // R, F, M (1..5 by default), Code = 100R + 10F + M

        // Lifecycle stage on a date, by configurable rules (defaults: new 30 days, dormant 90, churned 180).
        LifecycleStage stage = LifecyclePolicy.FromDays().Classify(customers, 0, new DateOnly(1997, 9, 30));

        // BG/NBD and Gamma-Gamma, fitted by maximum likelihood.
        FitResult<BgNbdModel> fit = BgNbdModel.Fit(customers);
        BgNbdModel model = fit.Model;            // R, Alpha, A, B
        double pAlive = model.ProbabilityAlive(first);
        double next52 = model.ConditionalExpectedPurchases(first, 52);
        GammaGammaModel spend = GammaGammaModel.Fit(customers).Model;   // P, Q, V

        // 52-week CLV for everyone, discounted at 10% a year (the library converts the rate to weeks).
        double[] clv = PredictiveClv.Compute(model, spend, customers, new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week });
        // </readme:front-door>
        _ = count;
        return (customers, score, model, pAlive, next52, spend, stage, clv);
    }

    public static CustomerSummary Summaries()
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
        CustomerSummaries customers = CustomerSummaries.FromTransactions(rows, observationEnd: new DateOnly(2024, 3, 31), TimeUnit.Week);
        CustomerSummary alice = customers[0];   // Frequency 1, Recency 6 weeks, Age 12.57 weeks, MonetaryValue 25
        // </readme:summaries>
        return alice;
    }

    public static (CsvReadReport Report, CustomerSummaries Customers) Streaming(string ordersCsv, CancellationToken cancellationToken)
    {
        // <readme:streaming>
        var builder = new CustomerSummariesBuilder(observationEnd: new DateOnly(1997, 9, 30), TimeUnit.Week);
        CsvReadReport report = TransactionCsv.ReadInto(ordersCsv, builder, new TransactionCsvOptions
        {
            Mode = CsvReadMode.Lenient,
            Progress = new Progress<long>(rows => Console.WriteLine($"{rows:N0} rows read")),
            CancellationToken = cancellationToken,
        });

        // Rows from another reader (a database cursor): the id as text, a string made only for a new customer.
        builder.Add("C0042".AsSpan(), new DateOnly(1997, 9, 1), 19.99);
        CustomerSummaries customers = builder.Build();   // customers.Warnings: e.g. an observation end long after the data
        // </readme:streaming>
        return (report, customers);
    }
}
