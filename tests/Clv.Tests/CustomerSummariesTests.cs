namespace Clv.Tests;

public class CustomerSummariesTests
{
    [Fact]
    public void FromTransactions_CdnowSample_ReproducesPublishedSummaryForAllCustomers()
    {
        var summaries = TestData.CdnowSummaries();
        var published = TestData.CdnowPublishedSummary();

        Assert.Equal(2357, published.Length);
        Assert.Equal(2357, summaries.Count);
        foreach (var p in published)
        {
            Assert.True(summaries.TryGetIndex(p.Id, out int i), $"customer {p.Id} missing");
            var s = summaries[i];
            Assert.Equal(p.X, s.Frequency);
            Assert.Equal(p.Tx, s.Recency, 0.01);
            Assert.Equal(p.T, s.Age, 0.01);
            Assert.Equal(p.Zbar, s.MonetaryValue, 0.01);
        }
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
}
