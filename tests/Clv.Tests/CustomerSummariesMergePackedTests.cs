using FsCheck.Xunit;

namespace Clv.Tests;

/// <summary><see cref="CustomerSummaries.Merge"/> of parts whose ids were read as text (packed): the same summaries, no string per customer.</summary>
public class CustomerSummariesMergePackedTests
{
    private static readonly DateOnly Origin = new(2020, 1, 1);
    private static readonly DateOnly End = Origin.AddDays(300);

    [Property]
    public bool Merge_PartsReadAsText_EqualsTheWholeLog_AndStaysPacked(byte[] customers, ushort[] days, short[] cents, bool[] side, bool leftAsStrings, bool oneIdBeyondAscii)
    {
        int n = Math.Min(customers.Length, Math.Min(days.Length, cents.Length));
        var rows = new Transaction[n];
        for (int i = 0; i < n; i++)
        {
            int c = customers[i] % 20;
            string id = oneIdBeyondAscii && c == 7 ? "kundé-7" : "customer-" + c;
            rows[i] = new Transaction(id, Origin.AddDays(days[i] % (i == 0 ? 301 : 400)), (cents[i] % 25_000) / 100.0);
        }

        var left = rows.Where((_, i) => i < side.Length && side[i]).ToArray();
        var right = rows.Where((_, i) => !(i < side.Length && side[i])).ToArray();
        if (Unsummarisable(left) || Unsummarisable(right))
        {
            return true; // a part with rows but none by the observation end is an error, tested elsewhere
        }

        var merged = CustomerSummaries.Merge(leftAsStrings ? AsStrings(left) : AsText(left), AsText(right));
        var whole = CustomerSummaries.FromTransactions(rows, End, TimeUnit.Week);
        // Packed unless a part holds strings: ids given as strings (a part with rows), or an id beyond ASCII anywhere.
        bool packed = !(leftAsStrings && left.Length > 0) && rows.All(t => System.Text.Ascii.IsValid(t.CustomerId));
        return CustomerSummariesPropertyTests.SameSummaries(whole, merged)
            && merged.Select(s => s.CustomerId).SequenceEqual(left.Select(t => t.CustomerId).Concat(right.Select(t => t.CustomerId)).Where(id => whole.Any(s => s.CustomerId == id)).Distinct())
            && merged.All(s => (s.PackedIds is not null) == packed)
            && whole.TransactionCount == merged.TransactionCount;
    }

    [Fact]
    public void Merge_ManyPackedParts_KeepsFirstAppearanceOrderAndOneIdPerCustomer()
    {
        // Four parts of 30,000 rows over 50,000 customers (ids repeat across parts), merged one after another.
        var rng = new Random(11);
        CustomerSummaries? merged = null;
        var rows = new List<Transaction>();
        for (int p = 0; p < 4; p++)
        {
            var part = new Transaction[30_000];
            for (int i = 0; i < part.Length; i++)
            {
                part[i] = new Transaction("C" + rng.Next(50_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture), Origin.AddDays(rng.Next(300)), 1 + rng.Next(100));
            }

            rows.AddRange(part);
            var summaries = AsText(part);
            merged = merged is null ? summaries : CustomerSummaries.Merge(merged, summaries);
        }

        var whole = CustomerSummaries.FromTransactions(rows.ToArray(), End, TimeUnit.Week);
        Assert.True(CustomerSummariesPropertyTests.SameSummaries(whole, merged!));
        Assert.Equal(whole.Select(s => s.CustomerId), merged!.Select(s => s.CustomerId));
        Assert.Equal(merged!.Count, merged.Select(s => s.CustomerId).Distinct(StringComparer.Ordinal).Count());
        Assert.All(merged, s => Assert.NotNull(s.PackedIds));
        Assert.Single(merged.Select(s => s.PackedIds).Distinct());
    }

    private static bool Unsummarisable(Transaction[] rows) => rows.Length > 0 && rows.All(t => t.Date > End);

    private static CustomerSummaries AsText(Transaction[] rows)
    {
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Week);
        foreach (var t in rows)
        {
            builder.Add(t.CustomerId.AsSpan(), t.Date, t.Amount);
        }

        return builder.Build();
    }

    private static CustomerSummaries AsStrings(Transaction[] rows)
    {
        var builder = new CustomerSummariesBuilder(End, TimeUnit.Week);
        builder.Add(rows);
        return builder.Build();
    }
}
