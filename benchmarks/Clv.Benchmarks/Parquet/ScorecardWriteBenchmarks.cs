using BenchmarkDotNet.Attributes;
using Clv.Crm;
using Clv.Csv;
using Clv.Parquet;
using Clv.Probabilistic;
using Clv.Rfm;

namespace Clv.Benchmarks.Parquet;

/// <summary>
/// The scorecard of the synthetic 1M-customer log as <c>clv analyze</c> makes it (27 columns: RFM, segments, tiers, stages,
/// warnings, value, ABC, P(alive), expected purchases and spend, CLV in total and by year, value at risk, health), written
/// as Parquet by the package's own writer and by Parquet.Net, and as CSV. Baseline: one pass writing as many bytes as the
/// Parquet file has.
/// </summary>
[MemoryDiagnoser]
public class ScorecardWriteBenchmarks
{
    private Scorecard _card = null!;
    private string _folder = string.Empty;
    private long _parquetBytes;

    [Params(1_000_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // Read from CSV as the tool does (ids packed by the reader, a string made when a cell is read).
        _folder = Path.Combine(Path.GetTempPath(), $"clv-scorecard-bench-{Environment.ProcessId}");
        Directory.CreateDirectory(_folder);
        string csv = Path.Combine(_folder, "log.csv");
        SyntheticLog.WriteCsv(csv, SyntheticLog.Stream(Customers));
        var builder = new CustomerSummariesBuilder(SyntheticLog.CalibrationEnd, TimeUnit.Week);
        TransactionCsv.ReadInto(csv, builder);
        var customers = builder.Build();
        _card = Scorecard.Create(customers, new ScorecardOptions
        {
            RfmCutPoints = RfmCutPoints.Fit(customers, RfmOptions.Default).Model,
            Purchases = BgNbdModel.Fit(customers).Model,
            Spend = GammaGammaModel.Fit(customers).Model,
            Horizon = new PredictiveClvOptions { Periods = 36, Period = TimeUnit.Month, DiscountRate = DiscountRate.Annual(0.1), MarginRate = 1 },
        });
        ScorecardParquet.Write(Path.Combine(_folder, "probe.parquet"), _card);
        _parquetBytes = new FileInfo(Path.Combine(_folder, "probe.parquet")).Length;
        Console.WriteLine($"// {_card.Rows.Count:N0} rows, {_card.Columns.Count} columns; Parquet {_parquetBytes:N0} bytes");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_folder, recursive: true);

    /// <summary>Physical-limit proxy: one pass writing the Parquet file's number of bytes to a file.</summary>
    [Benchmark(Baseline = true)]
    public long WriteBytes()
    {
        var buffer = new byte[1 << 16];
        using var stream = new FileStream(Path.Combine(_folder, "bytes.bin"), FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        long left = _parquetBytes;
        while (left > 0)
        {
            int n = (int)Math.Min(buffer.Length, left);
            stream.Write(buffer, 0, n);
            left -= n;
        }

        return stream.Length;
    }

    /// <summary>Parquet by the package's own writer (what <c>ScorecardParquet.Write</c> does).</summary>
    [Benchmark]
    public void ScorecardParquetOwnWriter() => ScorecardParquet.Write(Path.Combine(_folder, "own.parquet"), _card);

    /// <summary>The same file by Parquet.Net (what it did before).</summary>
    [Benchmark]
    public void ScorecardParquetParquetNet() => ScorecardParquet.Write(Path.Combine(_folder, "net.parquet"), _card, ownWriter: false);

    /// <summary>The CSV (chunks formatted in parallel).</summary>
    [Benchmark]
    public void ScorecardCsvWrite() => ScorecardCsv.Write(Path.Combine(_folder, "scorecard.csv"), _card);
}
