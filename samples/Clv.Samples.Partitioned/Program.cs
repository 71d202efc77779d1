using System.Globalization;
using Clv;
using Clv.Csv;
using Clv.Probabilistic;

namespace Clv.Samples.Partitioned;

/// <summary>
/// Work split the way a log too big for one process is split: summarise partitions independently (here in
/// parallel, each partition a slice of the file's rows; on a cluster, one per worker), merge the summaries,
/// fit once on the merged statistics, serialize the model, and score each partition with the deserialized model.
/// Then check that every step gives exactly what one pass over the whole log gives.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var ic = CultureInfo.InvariantCulture;
        string path = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "Data", "CDNOW_sample.txt");
        var options = new TransactionCsvOptions { WhitespaceDelimited = true, HasHeader = false, CustomerIdIndex = 1, DateIndex = 2, DateFormat = "yyyyMMdd", AmountIndex = 4 };
        var end = new DateOnly(1997, 9, 30);
        const int partitions = 4;

        // 1. Partitions: any split of the rows works (here: contiguous slices; a same-day purchase may straddle two).
        Transaction[] rows = TransactionCsv.Read(path, options).Transactions.ToArray();
        var parts = new CustomerSummaries[partitions];
        Parallel.For(0, partitions, p =>
        {
            int from = rows.Length * p / partitions, to = rows.Length * (p + 1) / partitions;
            var builder = new CustomerSummariesBuilder(end, TimeUnit.Week);
            builder.Add(rows.AsSpan(from, to - from));   // a worker would stream its own file here
            parts[p] = builder.BuildPart();   // a slice of a log in date order may hold no row on or before the end
        });

        // 2. Merge: exact, whatever the split.
        CustomerSummaries merged = parts[0];
        for (int p = 1; p < partitions; p++)
        {
            merged = CustomerSummaries.Merge(merged, parts[p]);
        }

        // 3. Fit once on the merged statistics; serialize the models (what a worker receives).
        var fit = BgNbdModel.Fit(merged);
        string purchaseJson = fit.Model.ToJson();
        string spendJson = GammaGammaModel.Fit(merged).Model.ToJson();

        // 4. Score: each worker deserializes the models and scores its own customers.
        var model = BgNbdModel.FromJson(purchaseJson);
        var spend = GammaGammaModel.FromJson(spendJson);
        var clvOptions = new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week };
        double[] scores = PredictiveClv.Compute(model, spend, merged, clvOptions);

        // The same job in one pass, for comparison.
        var single = CustomerSummaries.FromTransactions(rows, end, TimeUnit.Week);
        var singleFit = BgNbdModel.Fit(single);
        double[] singleScores = PredictiveClv.Compute(singleFit.Model, GammaGammaModel.Fit(single).Model, single, clvOptions);

        double maxParamDiff = new[]
        {
            Rel(fit.Model.R, singleFit.Model.R), Rel(fit.Model.Alpha, singleFit.Model.Alpha),
            Rel(fit.Model.A, singleFit.Model.A), Rel(fit.Model.B, singleFit.Model.B),
        }.Max();
        double maxScoreDiff = 0;
        for (int i = 0; i < single.Count; i++)
        {
            merged.TryGetIndex(single[i].CustomerId, out int j);
            maxScoreDiff = Math.Max(maxScoreDiff, Rel(scores[j], singleScores[i]));
        }

        Console.WriteLine(string.Create(ic, $"{rows.Length:N0} rows in {partitions} partitions: {string.Join(", ", parts.Select(p => p.Count.ToString("N0", ic)))} customers each"));
        Console.WriteLine(string.Create(ic, $"merged: {merged.Count:N0} customers (single pass: {single.Count:N0})"));
        Console.WriteLine(string.Create(ic, $"model fitted on the merged statistics: {fit.Model}"));
        Console.WriteLine($"serialized model sent to the workers: {purchaseJson}");
        Console.WriteLine(string.Create(ic, $"largest relative difference from the single pass: parameters {maxParamDiff:G3}, 52-week CLV {maxScoreDiff:G3}"));
        return merged.Count == single.Count && maxParamDiff <= 1e-9 && maxScoreDiff <= 1e-9 ? 0 : 1;
    }

    private static double Rel(double a, double b) => Math.Abs(a - b) / Math.Max(1e-300, Math.Max(Math.Abs(a), Math.Abs(b)));
}
