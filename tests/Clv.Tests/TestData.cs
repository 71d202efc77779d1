using System.Globalization;

namespace Clv.Tests;

/// <summary>Paths to the data files copied into the test output, and a minimal independent CDNOW loader.</summary>
internal static class TestData
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    public static readonly DateOnly CdnowCalibrationEnd = new(1997, 9, 30);

    /// <summary>Reads CDNOW_sample.txt without Clv.Csv (so the summary golden test does not depend on the CSV reader).</summary>
    public static Transaction[] CdnowSample()
    {
        var rows = new List<Transaction>();
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(PathOf("CDNOW_sample.txt")))
        {
            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0)
            {
                continue;
            }

            var id = int.Parse(f[1], CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
            if (!ids.TryGetValue(id, out var shared))
            {
                ids[id] = shared = id;
            }

            var date = DateOnly.ParseExact(f[2], "yyyyMMdd", CultureInfo.InvariantCulture);
            rows.Add(new Transaction(shared, date, double.Parse(f[4], CultureInfo.InvariantCulture)));
        }

        return [.. rows];
    }

    public static CustomerSummaries CdnowSummaries() =>
        CustomerSummaries.FromTransactions(CdnowSample(), CdnowCalibrationEnd, TimeUnit.Week);

    /// <summary>The published calibration summary: ID, x, t_x, T, zbar.</summary>
    public static (string Id, int X, double Tx, double T, double Zbar)[] CdnowPublishedSummary() =>
        File.ReadLines(PathOf("cdnow_customers_summary_with_transactions.csv"))
            .Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split(','))
            .Select(f => (f[0], int.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture),
                double.Parse(f[3], CultureInfo.InvariantCulture), double.Parse(f[4], CultureInfo.InvariantCulture)))
            .ToArray();

    /// <summary>
    /// Asserts that <paramref name="summaries"/> hold all 2,357 published CDNOW customers: x exactly; t_x, T and zbar to 0.01.
    /// </summary>
    /// <param name="summaries">The summaries under test.</param>
    /// <param name="indexOf">The position of a published id in <paramref name="summaries"/>, or null when it is missing.</param>
    public static void AssertReproducesPublishedSummary(CustomerSummaries summaries, Func<string, int?> indexOf)
    {
        var published = CdnowPublishedSummary();
        Assert.Equal(2357, published.Length);
        Assert.Equal(2357, summaries.Count);
        foreach (var p in published)
        {
            int? i = indexOf(p.Id);
            Assert.True(i.HasValue, $"customer {p.Id} missing");
            var s = summaries[i.Value];
            Assert.Equal(p.X, s.Frequency);
            Assert.Equal(p.Tx, s.Recency, 0.01);
            Assert.Equal(p.T, s.Age, 0.01);
            Assert.Equal(p.Zbar, s.MonetaryValue, 0.01);
        }
    }
}
