using System.Globalization;
using MathNet.Numerics.Distributions;

namespace Clv.Benchmarks;

/// <summary>
/// A seeded synthetic transaction log that follows the BG/NBD process with the CDNOW parameters of REFERENCE.md:
/// purchase rate ~ Gamma(r, alpha), dropout probability ~ Beta(a, b), exponential gaps (Poisson purchases),
/// dropout possible after each repeat purchase, spend ~ Gamma-Gamma(p, q, v); births spread over the first
/// 12 weeks of a 78-week window that starts 1997-01-01. Rows come in date order within each customer.
/// </summary>
public static class SyntheticLog
{
    public static readonly DateOnly Start = new(1997, 1, 1);

    /// <summary>End of the 78-week window.</summary>
    public static readonly DateOnly End = Start.AddDays(78 * 7 - 1);

    /// <summary>Calibration end used by the benchmarks: week 52.</summary>
    public static readonly DateOnly CalibrationEnd = Start.AddDays(52 * 7 - 1);

    /// <summary>Summaries of the generated log at <see cref="CalibrationEnd"/>, in weeks: the input of the scoring and model benchmarks.</summary>
    public static CustomerSummaries Summaries(int customers) =>
        CustomerSummaries.FromTransactions(Generate(customers), CalibrationEnd, TimeUnit.Week);

    /// <summary>Physical-limit proxy shared by the model benchmarks: one streaming pass reading every customer's (x, t_x, T).</summary>
    public static double StatisticsPass(CustomerSummaries customers)
    {
        double sum = 0;
        foreach (ref readonly var c in customers.AsSpan())
        {
            sum += c.Frequency + c.Recency + c.Age;
        }

        return sum;
    }

    public static Transaction[] Generate(int customers, int seed = 42)
    {
        var rows = new List<Transaction>(customers * 3);
        foreach (var t in Stream(customers, seed))
        {
            rows.Add(t);
        }

        return [.. rows];
    }

    /// <summary>The same rows as <see cref="Generate"/>, one at a time, without holding the log.</summary>
    public static IEnumerable<Transaction> Stream(int customers, int seed = 42)
    {
        const double r = 0.243, alpha = 4.414, a = 0.793, b = 2.426;
        const double p = 6.25, q = 3.74, v = 15.44;
        var rng = new Random(seed);
        for (int i = 0; i < customers; i++)
        {
            string id = "C" + i.ToString("D7", CultureInfo.InvariantCulture);
            double lambda = Gamma.Sample(rng, r, alpha);
            double dropout = Beta.Sample(rng, a, b);
            double nu = Gamma.Sample(rng, q, v);
            double t = rng.NextDouble() * 12 * 7;
            double end = 78 * 7;
            yield return new Transaction(id, Start.AddDays((int)t), Spend(rng, p, nu));
            while (true)
            {
                t += -Math.Log(1 - rng.NextDouble()) / lambda * 7;
                if (t >= end)
                {
                    break;
                }

                yield return new Transaction(id, Start.AddDays((int)t), Spend(rng, p, nu));
                if (rng.NextDouble() < dropout)
                {
                    break;
                }
            }
        }
    }

    private static double Spend(Random rng, double p, double nu) => Math.Round(Gamma.Sample(rng, p, nu), 2);

    /// <summary>Writes the log as CSV with header customer_id,date,amount and ISO dates.</summary>
    public static void WriteCsv(string path, ReadOnlySpan<Transaction> rows) => WriteCsv(path, (IEnumerable<Transaction>)rows.ToArray());

    /// <summary>Physical-limit proxy of the CSV readers: one streaming pass that decodes a file and counts its lines.</summary>
    public static int CountLines(string path)
    {
        using var reader = new StreamReader(path);
        int lines = 0;
        while (reader.ReadLine() is not null)
        {
            lines++;
        }

        return lines;
    }

    /// <summary>Writes rows as CSV (header customer_id,date,amount, ISO dates) while they are generated; returns the row count.</summary>
    public static long WriteCsv(string path, IEnumerable<Transaction> rows)
    {
        long count = 0;
        using var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false), 1 << 16);
        w.Write("customer_id,date,amount\n");
        foreach (var t in rows)
        {
            count++;
            WriteRow(w, t);
        }

        return count;
    }

    /// <summary>Writes one row (customer_id,date,amount with an ISO date and a round-trip amount) and its line end.</summary>
    public static void WriteRow(TextWriter w, Transaction t)
    {
        w.Write(t.CustomerId);
        w.Write(',');
        w.Write(t.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.Write(',');
        w.Write(t.Amount.ToString("R", CultureInfo.InvariantCulture));
        w.Write('\n');
    }
}
