using Clv.Csv;
using Clv.Lifecycle;
using Clv.Probabilistic;
using Clv.Rfm;

namespace Clv.Tests;

/// <content>The README's sections on reports, units and scale: CSV writers, unit conversion, streaming, partitioned runs.</content>
internal static partial class ReadmeExamples
{
    public static void Reports(CustomerSummaries customers, BgNbdModel model, string holdoutCsv, string segmentsCsv, string migrationCsv, string comparisonCsv)
    {
        // <readme:reports>
        // Every report: a sealed XReport with Rows of readonly record struct rows, ToString() a fixed-width invariant table,
        // and a CSV writer XCsv.Write(destination, report) in Clv.Csv (destination: a path, a Stream or a TextWriter; an optional
        // last CsvWriteOptions argument: a byte order mark for Excel, or formula escaping off for a program that matches ids).
        // A path is written to a temporary file in the same folder and moved over it when complete: never half-written.
        HoldoutReport holdout = HoldoutValidation.Evaluate(model, customers);
        HoldoutReportCsv.Write(holdoutCsv, holdout);

        RfmScores scores = RfmScorer.Score(customers);
        SegmentReportCsv.Write(segmentsCsv, SegmentReport.Create(customers, scores, SegmentMap.RfGrid()));

        var migration = LifecycleTransitionReport.Create(LifecyclePolicy.FromDays(), customers, customers.ObservationEnd, customers.HoldoutEnd);
        LifecycleTransitionReportCsv.Write(migrationCsv, migration);

        ModelComparisonReportCsv.Write(comparisonCsv, ModelComparison.Compare(customers));
        // </readme:reports>
    }

    public static (double InWeeks, double InDays, string Error) Units(Transaction[] rows)
    {
        // <readme:units>
        CustomerSummaries weeks = CustomerSummaries.FromTransactions(rows, new DateOnly(1997, 9, 30), TimeUnit.Week);
        CustomerSummaries days = CustomerSummaries.FromTransactions(rows, new DateOnly(1997, 9, 30), TimeUnit.Day);
        BgNbdModel model = BgNbdModel.Fit(weeks).Model;                      // Alpha in weeks

        double inWeeks = model.ProbabilityAlive(weeks[0]);
        double inDays = model.ProbabilityAlive(days[0]);                     // the day summary converted to weeks: the same value

        string error = "";
        try
        {
            CustomerSummaries.Merge(weeks, days);                            // summaries must share observation end, unit and holdout end
        }
        catch (ArgumentException e)
        {
            error = e.Message;                                               // names both: (1997-09-30, Week, ...) vs (1997-09-30, Day, ...)
        }
        // </readme:units>
        return (inWeeks, inDays, error);
    }

    public static (CsvReadReport Report, CustomerSummaries Customers) Streaming(string ordersCsv, CancellationToken cancellationToken)
    {
        // <readme:streaming>
        var builder = new CustomerSummariesBuilder(observationEnd: new DateOnly(1997, 9, 30), TimeUnit.Week);
        builder.EnsureCapacity(2_500);   // optional: room for the customers you expect (your CRM's count), made once
        CsvReadReport report = TransactionCsv.ReadInto(ordersCsv, builder, new TransactionCsvOptions
        {
            Mode = CsvReadMode.Lenient,
            Progress = new Progress<long>(rows => Console.WriteLine($"{rows:N0} rows read")),
            CancellationToken = cancellationToken,
        });

        // Rows from another reader (a database cursor): the id as text; nothing is allocated per row.
        builder.Add("C0042".AsSpan(), new DateOnly(1997, 9, 1), 19.99);
        CustomerSummaries customers = builder.Build();   // customers.Warnings: e.g. an observation end long after the data
        // </readme:streaming>
        return (report, customers);
    }

    public static (CustomerSummaries Merged, BgNbdModel Model, double[] Scores) Partitioned(Transaction[] rows)
    {
        // <readme:partitioned>
        // Summarise any split of the rows independently (one part per file, worker or thread) ...
        const int parts = 4;
        var partial = new CustomerSummaries[parts];
        Parallel.For(0, parts, p =>
        {
            var builder = new CustomerSummariesBuilder(new DateOnly(1997, 9, 30), TimeUnit.Week);
            builder.Add(rows.AsSpan(rows.Length * p / parts, (rows.Length * (p + 1) / parts) - (rows.Length * p / parts)));
            partial[p] = builder.BuildPart();   // a part with no row on or before the end (a holdout month) is no error
        });

        // ... merge them: exactly the summaries of the whole log ...
        CustomerSummaries merged = partial[0];
        for (int p = 1; p < parts; p++)
        {
            merged = CustomerSummaries.Merge(merged, partial[p]);
        }

        // ... fit once, ship the model as JSON, and let each part score its own customers.
        string json = BgNbdModel.Fit(merged).Model.ToJson();
        BgNbdModel model = BgNbdModel.FromJson(json);
        double[] scores = model.ConditionalExpectedPurchases(merged, 52);
        // </readme:partitioned>
        return (merged, model, scores);
    }

    public static (FitResult<BgNbdModel> Fit, int Bytes, int Rows) FitStatistics(CustomerSummaries[] partial)
    {
        // <readme:fit-statistics>
        // Each part (a partition, a machine, a warehouse query) reduces its customers to fit statistics:
        // the distinct (x, t_x, T) rows with customer counts, 28 bytes a row when shipped.
        byte[][] shipped = [.. partial.Select(part => PurchaseStatistics.FromSummaries(part).ToBytes())];

        // The coordinator merges them and fits once: the same model as fitting all summaries, bit for bit
        // (SpendStatistics does the same for Gamma-Gamma: 20 bytes a distinct (x, m_x) pair).
        PurchaseStatistics all = PurchaseStatistics.Merge(shipped.Select(b => PurchaseStatistics.FromBytes(b)));
        FitResult<BgNbdModel> fit = BgNbdModel.Fit(all, null);   // also MbgNbdModel.Fit and ParetoNbdModel.Fit
        // </readme:fit-statistics>
        return (fit, shipped.Sum(b => b.Length), all.Count);
    }
}
