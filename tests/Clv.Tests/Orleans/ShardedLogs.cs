using System.Globalization;
using Clv.Benchmarks;
using Clv.Crm;
using Clv.Csv;
using Clv.Orleans;
using Clv.Parquet;
using Clv.Probabilistic;

namespace Clv.Tests.Orleans;

/// <summary>Logs split into shard files by a hash of the customer id (every row of a customer in one partition), and the single-process pipeline they must equal.</summary>
internal sealed class ShardedLogs : IDisposable
{
    private ShardedLogs(string folder, IReadOnlyList<IReadOnlyList<string>> partitions, CustomerSummaries whole, DateOnly end, TransactionCsvOptions? csv)
    {
        Folder = folder;
        Partitions = partitions;
        Whole = whole;
        End = end;
        Csv = csv;
    }

    public string Folder { get; }

    public IReadOnlyList<IReadOnlyList<string>> Partitions { get; }

    /// <summary>The summaries of the whole log in one pass.</summary>
    public CustomerSummaries Whole { get; }

    public DateOnly End { get; }

    public TransactionCsvOptions? Csv { get; }

    public static int PartitionOf(string id, int partitions)
    {
        uint h = 2166136261;
        foreach (char c in id)
        {
            h = (h ^ c) * 16777619;
        }

        return (int)(h % (uint)partitions);
    }

    /// <summary>
    /// The CDNOW sample in its own layout (whitespace, no header), three partitions of two files each; and, when given, one
    /// more partition whose one file holds <paramref name="extraPartition"/> (lines in the same layout: an empty partition,
    /// or customers who came after the observation end).
    /// </summary>
    public static ShardedLogs Cdnow(string[]? extraPartition = null)
    {
        string folder = NewFolder();
        var options = new TransactionCsvOptions { WhitespaceDelimited = true, HasHeader = false, CustomerIdIndex = 1, DateIndex = 2, DateFormat = "yyyyMMdd", AmountIndex = 4 };
        const int parts = 3;
        var lines = new List<string>[parts * 2];
        for (int i = 0; i < lines.Length; i++)
        {
            lines[i] = [];
        }

        // Each partition's rows in two files, the first half of the log in the first (a customer's rows may be in both,
        // in their order: a mean spend summed in another order could differ in the last bit).
        var all = File.ReadLines(TestData.PathOf("CDNOW_sample.txt")).Where(l => l.Trim().Length > 0).ToArray();
        for (int n = 0; n < all.Length; n++)
        {
            string id = all[n].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[1];
            lines[(PartitionOf(id, parts) * 2) + (n < all.Length / 2 ? 0 : 1)].Add(all[n]);
        }

        var partitions = new List<IReadOnlyList<string>>();
        for (int p = 0; p < parts; p++)
        {
            var files = new List<string>();
            for (int f = 0; f < 2; f++)
            {
                string path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"cdnow-{p}-{f}.txt"));
                File.WriteAllLines(path, lines[(p * 2) + f]);
                files.Add(path);
            }

            partitions.Add(files);
        }

        string wholePath = TestData.PathOf("CDNOW_sample.txt");
        if (extraPartition is not null)
        {
            string path = Path.Combine(folder, "cdnow-extra.txt");
            File.WriteAllLines(path, extraPartition);
            partitions.Add([path]);
            wholePath = Path.Combine(folder, "cdnow-whole.txt");
            File.WriteAllLines(wholePath, all.Concat(extraPartition));
        }

        var end = TestData.CdnowCalibrationEnd;
        var whole = CustomerSummaries.FromTransactions(TransactionCsv.Read(wholePath, options).Transactions.ToArray(), end, TimeUnit.Week);
        return new ShardedLogs(folder, partitions, whole, end, options);
    }

    /// <summary>The benchmarks' synthetic BG/NBD log: CSV files (header, ISO dates) and, for every third partition, Parquet.</summary>
    public static ShardedLogs Synthetic(int customers, int parts)
    {
        string folder = NewFolder();
        var rows = SyntheticLog.Generate(customers, seed: 7);
        var byPartition = rows.GroupBy(t => PartitionOf(t.CustomerId, parts)).ToDictionary(g => g.Key, g => g.ToArray());
        var partitions = new List<IReadOnlyList<string>>();
        for (int p = 0; p < parts; p++)
        {
            var mine = byPartition.GetValueOrDefault(p, []);
            string path = Path.Combine(folder, string.Create(CultureInfo.InvariantCulture, $"synthetic-{p}") + (p % 3 == 2 ? ".parquet" : ".csv"));
            if (p % 3 == 2)
            {
                TransactionParquet.Write(path, mine);
            }
            else
            {
                TransactionCsv.Write(path, mine);
            }

            partitions.Add([path]);
        }

        var whole = CustomerSummaries.FromTransactions(rows, SyntheticLog.CalibrationEnd, TimeUnit.Week);
        return new ShardedLogs(folder, partitions, whole, SyntheticLog.CalibrationEnd, null);
    }

    /// <summary>
    /// Partitions that are not split by customer: the first two partitions, and copies of the second one's files as a
    /// third (the same path listed twice is refused before a job starts; copies are what only the sketch sees).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<string>> OverlappingPartitions()
    {
        var copies = Partitions[1].Select(f =>
        {
            string copy = f + ".copy";
            File.Copy(f, copy, overwrite: true);
            return copy;
        }).ToArray();
        return [Partitions[0], Partitions[1], copies];
    }

    /// <summary>The job over these shards (or other <paramref name="partitions"/>, another <paramref name="csv"/>), writing into a folder of its own.</summary>
    public ClusterJobSpec Spec(string jobId, ClusterOutputFormat format, IReadOnlyList<IReadOnlyList<string>>? partitions = null, TransactionCsvOptions? csv = null, bool replaceOutput = false) => new()
    {
        JobId = jobId,
        Partitions = partitions ?? Partitions,
        ObservationEnd = End,
        Csv = csv ?? Csv,
        OutputFolder = Path.Combine(Folder, "out-" + jobId),
        OutputFormat = format,
        Horizon = new PredictiveClvOptions { Periods = 12, Period = TimeUnit.Month },
        ReplaceOutput = replaceOutput,
    };

    /// <summary>Asserts the job's result equals the single-process pipeline: statistics, parameters, aggregates, every scorecard row.</summary>
    public void AssertEqualsSingleProcess(ClusterJobSpec spec, ClusterJobResult result)
    {
        // The statistics the fits saw are those of the whole log's summaries, exactly.
        Assert.Equal(PurchaseStatistics.FromSummaries(Whole).ToBytes(), result.PurchaseStatistics.ToBytes());
        Assert.Equal(SpendStatistics.FromSummaries(Whole).ToBytes(), result.SpendStatistics.ToBytes());
        Assert.Equal(Whole.Count, result.Customers);
        Assert.Equal(Whole.TransactionCount, result.Transactions);

        var bgnbd = BgNbdModel.Fit(Whole).Model;
        var gg = GammaGammaModel.Fit(Whole).Model;
        AssertRelative(bgnbd.R, result.PurchaseModel.R);
        AssertRelative(bgnbd.Alpha, result.PurchaseModel.Alpha);
        AssertRelative(bgnbd.A, result.PurchaseModel.A);
        AssertRelative(bgnbd.B, result.PurchaseModel.B);
        AssertRelative(gg.P, result.SpendModel.P);
        AssertRelative(gg.Q, result.SpendModel.Q);
        AssertRelative(gg.V, result.SpendModel.V);

        // Every customer's row, read back from the partitions' files, equals the one-process scorecard's row exactly.
        var single = Scorecard.Create(Whole, spec.ScorecardOptions(result.PurchaseModel, result.SpendModel));
        Assert.Equal(Enumerable.Range(0, Partitions.Count).Select(spec.OutputPath), result.OutputFiles);
        var (header, rows) = spec.OutputFormat == ClusterOutputFormat.Csv ? ReadCsv(result.OutputFiles) : ReadParquet(result.OutputFiles);
        var (singleHeader, singleRows) = spec.OutputFormat == ClusterOutputFormat.Csv ? SingleCsv(single) : SingleParquet(single);
        Assert.Equal(singleHeader, header);
        Assert.Equal(Whole.Count, rows.Count);
        Assert.Equal(singleRows.Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));

        AssertRelative(single.Rows.Sum(r => r.Clv ?? 0), result.TotalClv);
        AssertRelative(single.Rows.Sum(r => r.ExpectedPurchases ?? 0), result.ExpectedPurchases);
        AssertRelative(single.Rows.Sum(r => r.AliveProbability ?? 0), result.ExpectedAliveCustomers);
        AssertRelative(single.Rows.Sum(r => r.HistoricalValue ?? 0), result.HistoricalValue);
        var stages = single.Rows.GroupBy(r => r.Stage!.Value).ToDictionary(g => g.Key, g => (long)g.Count());
        Assert.Equal(stages.OrderBy(kv => kv.Key), result.StageCounts.OrderBy(kv => kv.Key));
    }

    private static void AssertRelative(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Max(Math.Abs(expected), Math.Abs(actual)), $"expected {expected:R}, got {actual:R}");

    private static (string Header, List<string> Rows) ReadCsv(IEnumerable<string> files)
    {
        string? header = null;
        var rows = new List<string>();
        foreach (string file in files)
        {
            var lines = File.ReadAllLines(file);
            header ??= lines[0];
            Assert.Equal(header, lines[0]);
            rows.AddRange(lines.Skip(1));
        }

        return (header!, rows);
    }

    private static (string Header, List<string> Rows) SingleCsv(Scorecard single)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        ScorecardCsv.Write(writer, single);
        var lines = writer.ToString().Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        return (lines[0], [.. lines.Skip(1)]);
    }

    /// <summary>Parquet files read back by DuckDB (an independent reader), each row as one text line with every value in round-trip form.</summary>
    private static (string Header, List<string> Rows) ReadParquet(IEnumerable<string> files)
    {
        using var duck = new DuckDB.NET.Data.DuckDBConnection("Data Source=:memory:");
        duck.Open();
        using var command = duck.CreateCommand();
        command.CommandText = "SELECT * FROM read_parquet([" + string.Join(", ", files.Select(f => "'" + f.Replace("'", "''", StringComparison.Ordinal) + "'")) + "])";
        using var reader = command.ExecuteReader();
        string header = string.Join(",", Enumerable.Range(0, reader.FieldCount).Select(reader.GetName));
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(",", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i) is double d ? d.ToString("R", CultureInfo.InvariantCulture) : reader.GetValue(i), CultureInfo.InvariantCulture))));
        }

        return (header, rows);
    }

    private (string Header, List<string> Rows) SingleParquet(Scorecard single)
    {
        string path = Path.Combine(Folder, "single-" + Guid.NewGuid().ToString("N") + ".parquet");
        ScorecardParquet.Write(path, single);
        return ReadParquet([path]);
    }

    private static string NewFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "clv-orleans-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
