using System.Data.Common;
using BenchmarkDotNet.Attributes;
using Clv.Crm;
using Clv.Data;
using Clv.Probabilistic;
using Clv.Rfm;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Clv.Benchmarks.Data;

/// <summary>
/// The scorecard of 100,000 synthetic customers as <c>clv analyze</c> makes it (27 columns) written to a new table: SQLite
/// in memory (in-process; its provider has no command batches, so one INSERT per row) and a PostgreSQL server on this machine
/// (Npgsql batches 500 INSERTs a round trip). PostgreSQL needs CLV_BENCH_POSTGRES, a connection string, or its case fails
/// in setup. Baseline: one pass reading every cell of the scorecard, the values any writer must fetch.
/// </summary>
[MemoryDiagnoser]
public class ScorecardDbWriteBenchmarks
{
    private Scorecard _card = null!;
    private DbConnection _db = null!;

    [Params(100_000)]
    public int Customers { get; set; }

    [Params("sqlite", "postgres")]
    public string Database { get; set; } = "sqlite";

    [GlobalSetup]
    public void Setup()
    {
        var customers = SyntheticLog.Summaries(Customers);
        _card = Scorecard.Create(customers, new ScorecardOptions
        {
            RfmCutPoints = RfmCutPoints.Fit(customers, RfmOptions.Default).Model,
            Purchases = BgNbdModel.Fit(customers).Model,
            Spend = GammaGammaModel.Fit(customers).Model,
            Horizon = new PredictiveClvOptions { Periods = 36, Period = TimeUnit.Month, DiscountRate = DiscountRate.Annual(0.1), MarginRate = 1 },
        });
        _db = Database == "postgres"
            ? new NpgsqlConnection(Environment.GetEnvironmentVariable("CLV_BENCH_POSTGRES") ?? throw new InvalidOperationException("Set CLV_BENCH_POSTGRES to a PostgreSQL connection string."))
            : new SqliteConnection("Data Source=:memory:");
        _db.Open();
        Console.WriteLine($"// {_card.Rows.Count:N0} rows, {_card.Columns.Count} columns into {Database}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        using var drop = _db.CreateCommand();
        drop.CommandText = "DROP TABLE IF EXISTS \"bench_scorecard\"";
        drop.ExecuteNonQuery();
        _db.Dispose();
    }

    /// <summary>Physical-limit proxy: one pass reading every cell of the scorecard (text, integer or number).</summary>
    [Benchmark(Baseline = true)]
    public double ReadEveryCell()
    {
        double sum = 0;
        foreach (var row in _card.Rows)
        {
            foreach (var column in _card.Columns)
            {
                sum += column.Kind switch
                {
                    ScorecardColumnKind.Text => column.GetText(row)?.Length ?? 0,
                    ScorecardColumnKind.Integer => column.GetInteger(row) ?? 0,
                    _ => column.GetNumber(row) ?? 0,
                };
            }
        }

        return sum;
    }

    /// <summary><c>ScorecardDb.Write</c> into a new table (dropped and written again each time, in one transaction).</summary>
    [Benchmark]
    public void Write() => ScorecardDb.Write(_db, "bench_scorecard", _card, new DbWriteOptions { ReplaceExisting = true });
}
