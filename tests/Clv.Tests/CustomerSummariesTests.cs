namespace Clv.Tests;

public class CustomerSummariesTests
{
    [Fact]
    public void CustomerSummary_CarriesItsTimeUnit_AndStaysAt80Bytes()
    {
        Assert.Equal(80, System.Runtime.CompilerServices.Unsafe.SizeOf<CustomerSummary>());
        foreach (var unit in Enum.GetValues<TimeUnit>())
        {
            var summaries = CustomerSummaries.FromTransactions([new("a", new DateOnly(2024, 1, 1), 5), new("a", new DateOnly(2024, 1, 15), 5)], new DateOnly(2024, 2, 1), unit);
            Assert.Equal(unit, summaries[0].TimeUnit);
            Assert.Equal(14 / unit.LengthInDays(), summaries[0].Recency, 1e-12);
        }
    }

    [Fact]
    public void TextIds_ArePacked_AndTheSummariesEqualThoseOfTheSameLogAsStrings()
    {
        var rows = TestData.CdnowSample();
        var end = new DateOnly(1997, 9, 30);
        var fromStrings = CustomerSummaries.FromTransactions(rows, end, TimeUnit.Week);
        var builder = new CustomerSummariesBuilder(end, TimeUnit.Week);
        foreach (var t in rows)
        {
            builder.Add(t.CustomerId.AsSpan(), t.Date, t.Amount);
        }

        var fromText = builder.Build();
        Assert.Equal(fromStrings.Count, fromText.Count);
        for (int i = 0; i < fromText.Count; i++)
        {
            CustomerSummary a = fromStrings[i], b = fromText[i];
            Assert.Null(a.PackedIds);
            Assert.Same(fromText[0].PackedIds, b.PackedIds);
            Assert.NotNull(b.PackedIds);
            Assert.Equal(a.CustomerId, b.CustomerId);
            Assert.True(a == b);
            Assert.False(a != b);
            Assert.True(a.Equals((object)b));
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
            Assert.True(fromText.TryGetIndex(a.CustomerId, out int at) && at == i);
        }

        // Ids not summarised (a prefix, an extension, another case, empty) are not found, in either kind of summaries.
        var all = fromStrings.Select(c => c.CustomerId).ToHashSet(StringComparer.Ordinal);
        foreach (var summaries in new[] { fromText, fromStrings })
        {
            foreach (string id in all.Take(200))
            {
                foreach (string other in new[] { id[..^1], id + "0", "x" + id, "", "nobody" })
                {
                    Assert.Equal(all.Contains(other), summaries.TryGetIndex(other, out int at));
                    Assert.Equal(other, at >= 0 ? summaries[at].CustomerId : other);
                    if (!all.Contains(other))
                    {
                        Assert.Equal(-1, at);
                    }
                }
            }
        }

        // Any field or the id differing makes them unequal.
        var s = fromText.AsSpan()[^1];
        Assert.NotEqual(s, CustomerSummary.Create(s.CustomerId, s.TimeUnit, s.FirstPurchase, s.LastPurchase, s.PurchaseDays, s.Recency, s.Age, s.DaysSinceLastPurchase, s.Spend + 0.01, s.Refunds, s.MonetaryValue, s.HoldoutPurchaseDays, s.HoldoutSpend));
        Assert.NotEqual(s, CustomerSummary.Create(s.CustomerId + "x", s.TimeUnit, s.FirstPurchase, s.LastPurchase, s.PurchaseDays, s.Recency, s.Age, s.DaysSinceLastPurchase, s.Spend, s.Refunds, s.MonetaryValue, s.HoldoutPurchaseDays, s.HoldoutSpend));
        Assert.Equal(s, CustomerSummary.Create(s.CustomerId, s.TimeUnit, s.FirstPurchase, s.LastPurchase, s.PurchaseDays, s.Recency, s.Age, s.DaysSinceLastPurchase, s.Spend, s.Refunds, s.MonetaryValue, s.HoldoutPurchaseDays, s.HoldoutSpend));
        Assert.True(default(CustomerSummary) == default);
        Assert.Null(default(CustomerSummary).CustomerId);
    }

    [Fact]
    public void FromTransactions_CdnowSample_ReproducesPublishedSummaryForAllCustomers()
    {
        var summaries = TestData.CdnowSummaries();
        TestData.AssertReproducesPublishedSummary(summaries, id => summaries.TryGetIndex(id, out int i) ? i : null);
    }

    [Fact]
    public void FromTransactions_CdnowSample_MatchesReferenceTotalsAndRowAccounting()
    {
        var rows = TestData.CdnowSample();
        var summaries = TestData.CdnowSummaries();
        var span = summaries.AsSpan();

        int sumX = 0, zeros = 0, holdout = 0;
        foreach (ref readonly var s in span)
        {
            sumX += s.Frequency;
            zeros += s.Frequency == 0 ? 1 : 0;
            holdout += s.HoldoutPurchaseDays;
        }

        Assert.Equal(2457, sumX);
        Assert.Equal(1411, zeros);
        Assert.Equal(946, summaries.Count - zeros);
        Assert.Equal(1882, holdout);
        Assert.Equal(rows.Length, summaries.TransactionCount);
        Assert.Equal(summaries.TransactionCount, summaries.CalibrationTransactionCount + summaries.HoldoutTransactionCount + summaries.ExcludedTransactionCount);
        Assert.Equal(new DateOnly(1998, 6, 30), summaries.HoldoutEnd);
        Assert.Equal(39.0, summaries.HoldoutLength, 1e-12);
        Assert.Equal(0, summaries.HoldoutOnlyCustomerCount);
    }

    [Fact]
    public void FromTransactions_RefundsSameDayAndHoldout_AreAccountedForExactly()
    {
        var end = new DateOnly(2024, 3, 31);
        Transaction[] rows =
        [
            new("a", new DateOnly(2024, 1, 1), 10),
            new("a", new DateOnly(2024, 1, 1), 5),
            new("a", new DateOnly(2024, 1, 8), 20),
            new("a", new DateOnly(2024, 1, 9), -7),
            new("r", new DateOnly(2024, 2, 1), -3),
            new("h", new DateOnly(2024, 4, 5), 9),
            new("a", new DateOnly(2024, 4, 1), 4),
            new("a", new DateOnly(2024, 5, 1), 4),
        ];

        var s = CustomerSummaries.FromTransactions(rows, end, TimeUnit.Day, holdoutEnd: new DateOnly(2024, 4, 30));

        Assert.Equal(2, s.Count);
        Assert.Equal(1, s.HoldoutOnlyCustomerCount);
        Assert.Equal(8, s.TransactionCount);
        Assert.Equal(5, s.CalibrationTransactionCount);
        Assert.Equal(2, s.HoldoutTransactionCount);
        Assert.Equal(1, s.ExcludedTransactionCount);
        Assert.Equal(2, s.RefundTransactionCount);

        var a = s[0];
        Assert.Equal("a", a.CustomerId);
        Assert.Equal(2, a.PurchaseDays);
        Assert.Equal(1, a.Frequency);
        Assert.Equal(7.0, a.Recency);
        Assert.Equal(90.0, a.Age);
        Assert.Equal(83, a.DaysSinceLastPurchase);
        Assert.Equal(35.0, a.Spend);
        Assert.Equal(7.0, a.Refunds);
        Assert.Equal(28.0, a.NetSpend);
        Assert.Equal(20.0, a.MonetaryValue);
        Assert.Equal(1, a.HoldoutPurchaseDays);
        Assert.Equal(4.0, a.HoldoutSpend);

        var r = s[1];
        Assert.False(r.HasPurchase);
        Assert.Null(r.FirstPurchase);
        Assert.Null(r.DaysSinceLastPurchase);
        Assert.Equal(0, r.Frequency);
        Assert.Equal(3.0, r.Refunds);
    }

    [Fact]
    public void FromTransactions_IdsComeBackAsGivenAndStoredOnce()
    {
        string first = new("cust-1".AsSpan());
        string second = new("cust-1".AsSpan());
        var s = CustomerSummaries.FromTransactions([new(first, new DateOnly(2024, 1, 1), 1), new(second, new DateOnly(2024, 1, 2), 1)], new DateOnly(2024, 2, 1), TimeUnit.Day);
        Assert.Same(first, Assert.Single(s).CustomerId);
    }

    [Theory]
    [InlineData(TimeUnit.Day, 1.0)]
    [InlineData(TimeUnit.Week, 7.0)]
    [InlineData(TimeUnit.Month, 30.4375)]
    [InlineData(TimeUnit.Year, 365.25)]
    public void TimeUnit_LengthInDays_IsExact(TimeUnit unit, double days) => Assert.Equal(days, unit.LengthInDays());

    [Fact]
    public void FromTransactions_HoldoutEndBeforeObservationEnd_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            CustomerSummaries.FromTransactions([], new DateOnly(2024, 3, 31), TimeUnit.Day, new DateOnly(2024, 3, 1)));
        Assert.Equal("holdoutEnd", ex.ParamName);
    }

    [Fact]
    public void Merge_DifferentObservationEnds_Throws()
    {
        var a = CustomerSummaries.FromTransactions([], new DateOnly(2024, 3, 31), TimeUnit.Day);
        var b = CustomerSummaries.FromTransactions([], new DateOnly(2024, 3, 30), TimeUnit.Day);
        Assert.Throws<ArgumentException>(() => CustomerSummaries.Merge(a, b));
    }

    [Fact]
    public void Transaction_NaNAmountOrEmptyId_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Transaction("a", new DateOnly(2024, 1, 1), double.NaN));
        Assert.Throws<ArgumentException>(() => new Transaction("", new DateOnly(2024, 1, 1), 1));
        Assert.Throws<ArgumentNullException>(() => new Transaction(null!, new DateOnly(2024, 1, 1), 1));
    }

    [Fact]
    public void FromTransactions_LargeShuffledLog_MatchesAStraightforwardOracle()
    {
        // Large enough to take the parallel path; the oracle is plain LINQ over the rows.
        var rng = new Random(7);
        var origin = new DateOnly(2023, 1, 1);
        var end = origin.AddDays(200);
        var ids = Enumerable.Range(0, 60_000).Select(i => "id" + i).ToArray();
        var rows = new Transaction[200_000];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new Transaction(ids[rng.Next(ids.Length)], origin.AddDays(rng.Next(300)), rng.Next(-500, 5000) / 100.0);
        }

        var summaries = CustomerSummaries.FromTransactions(rows, end, TimeUnit.Week);

        var expected = rows.GroupBy(t => t.CustomerId).Where(g => g.Any(t => t.Date <= end)).ToDictionary(g => g.Key);
        Assert.Equal(expected.Count, summaries.Count);
        foreach (var s in summaries)
        {
            var g = expected[s.CustomerId];
            var purchaseDays = g.Where(t => t.Amount >= 0 && t.Date <= end).GroupBy(t => t.Date).OrderBy(d => d.Key).ToArray();
            Assert.Equal(purchaseDays.Length, s.PurchaseDays);
            Assert.Equal(g.Where(t => t.Amount < 0 && t.Date <= end).Sum(t => -t.Amount), s.Refunds, 1e-9);
            Assert.Equal(g.Where(t => t.Amount >= 0 && t.Date > end).Select(t => t.Date).Distinct().Count(), s.HoldoutPurchaseDays);
            if (purchaseDays.Length > 0)
            {
                Assert.Equal(purchaseDays[0].Key, s.FirstPurchase);
                Assert.Equal((purchaseDays[^1].Key.DayNumber - purchaseDays[0].Key.DayNumber) / 7.0, s.Recency, 1e-12);
                Assert.Equal((end.DayNumber - purchaseDays[0].Key.DayNumber) / 7.0, s.Age, 1e-12);
                double repeat = purchaseDays.Skip(1).Sum(d => d.Sum(t => t.Amount));
                Assert.Equal(purchaseDays.Length > 1 ? repeat / (purchaseDays.Length - 1) : 0, s.MonetaryValue, 1e-9);
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FromTransactions_LargeLog_EqualsTheBuilderCustomerByCustomer(bool someCustomersComeBack)
    {
        // Over 200k rows, so the rows are cut into chunks and partitions on several cores. Grouped by customer
        // (one run each, the fast path), or with some rows moved elsewhere (customers with several runs). The
        // builder, an independent implementation, is the oracle: same customers, same order, same days.
        var rng = new Random(11);
        var origin = new DateOnly(2023, 1, 1);
        var end = origin.AddDays(300);
        var holdoutEnd = origin.AddDays(360);
        var rows = new List<Transaction>();
        for (int c = 0; c < 80_000; c++)
        {
            string id = "cust" + c;
            int first = c % 10 == 0 ? 301 + rng.Next(90) : rng.Next(300);
            int count = 1 + rng.Next(6);
            for (int j = 0; j < count; j++)
            {
                int day = Math.Min(first + (j == 0 ? 0 : rng.Next(120)), 420);
                double amount = c % 17 == 0 ? -rng.Next(1, 900) / 100.0 : rng.Next(0, 9000) / 100.0;
                // Some rows carry their own copy of the id string: ids are compared by value.
                rows.Add(new Transaction(j % 3 == 2 ? new string(id.AsSpan()) : id, origin.AddDays(day), amount));
            }
        }

        var log = rows.ToArray();
        if (someCustomersComeBack)
        {
            for (int i = 0; i < log.Length / 20; i++)
            {
                int a = rng.Next(log.Length), b = rng.Next(log.Length);
                (log[a], log[b]) = (log[b], log[a]);
            }
        }

        var summaries = CustomerSummaries.FromTransactions(log, end, TimeUnit.Day, holdoutEnd);
        var builder = new CustomerSummariesBuilder(end, TimeUnit.Day, holdoutEnd);
        for (int i = 0; i < log.Length; i += 1000)
        {
            builder.Add(log.AsSpan(i, Math.Min(1000, log.Length - i)));
        }

        var expected = builder.Build();
        Assert.Equal(expected.Count, summaries.Count);
        Assert.Equal(expected.HoldoutOnlyCustomerCount, summaries.HoldoutOnlyCustomerCount);
        Assert.True(summaries.HoldoutOnlyCustomerCount > 0 && summaries.ExcludedTransactionCount > 0 && summaries.RefundTransactionCount > 0);
        Assert.Equal(
            (expected.TransactionCount, expected.CalibrationTransactionCount, expected.HoldoutTransactionCount, expected.ExcludedTransactionCount, expected.RefundTransactionCount),
            (summaries.TransactionCount, summaries.CalibrationTransactionCount, summaries.HoldoutTransactionCount, summaries.ExcludedTransactionCount, summaries.RefundTransactionCount));
        Assert.Equal(expected.HoldoutEnd, summaries.HoldoutEnd);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].CustomerId, summaries[i].CustomerId);
            Assert.True(expected.PurchaseDayNumbers(i).SequenceEqual(summaries.PurchaseDayNumbers(i)), expected[i].CustomerId);
        }

        Assert.True(CustomerSummariesPropertyTests.SameSummaries(expected, summaries));
        Assert.Equal(1000 + log.Length, CustomerSummaries.Merge(summaries, CustomerSummaries.FromTransactions(log.AsSpan(0, 1000), end, TimeUnit.Day, holdoutEnd)).TransactionCount);
    }

    [Fact]
    public void FromTransactions_DefaultRowDeepInALargeLog_NamesTheFirstSuchRow()
    {
        var rows = Enumerable.Range(0, 300_000).Select(i => new Transaction("c" + (i / 3), new DateOnly(2024, 1, 1).AddDays(i % 90), 1)).ToArray();
        rows[250_001] = default;
        rows[170_003] = default;
        var error = Assert.Throws<ArgumentException>(() => CustomerSummaries.FromTransactions(rows, new DateOnly(2024, 6, 30), TimeUnit.Day));
        Assert.Contains("Transaction 170003 ", error.Message, StringComparison.Ordinal);
        Assert.Equal("transactions", error.ParamName);
    }

    [Fact]
    public void Builder_BuildTwiceOrAddAfterBuild_Throws()
    {
        var builder = new CustomerSummariesBuilder(new DateOnly(2024, 3, 31), TimeUnit.Day);
        builder.Add([new("a", new DateOnly(2024, 1, 1), 1)]);
        _ = builder.Build();
        Assert.Throws<InvalidOperationException>(() => builder.Build());
        Assert.Throws<InvalidOperationException>(() => builder.Add([new("a", new DateOnly(2024, 1, 1), 1)]));
    }
}
