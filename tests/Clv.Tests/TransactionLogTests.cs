namespace Clv.Tests;

public class TransactionLogTests
{
    [Fact]
    public void Constructor_RowsAndRejections_KeepsBothAndCountsRowsRead()
    {
        var rows = new List<Transaction> { new("a", new DateOnly(2024, 1, 1), 1), new("b", new DateOnly(2024, 1, 2), 2) };
        var rejected = new[] { new RejectedRow(3, "amount", "x", "Not a number.") };

        var log = new TransactionLog(rows, rejected);
        rows.Clear();
        rejected[0] = new RejectedRow(9, null, "", "changed");

        Assert.Equal(2, log.Count);
        Assert.Equal("b", log.Transactions[1].CustomerId);
        Assert.Equal(new RejectedRow(3, "amount", "x", "Not a number."), Assert.Single(log.Rejected));
        Assert.Equal(3, log.RowsRead);
    }

    [Fact]
    public void Constructor_NullArgumentsOrNullRejection_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => new TransactionLog(null!, []));
        Assert.Throws<ArgumentNullException>(() => new TransactionLog([], null!));
        var e = Assert.Throws<ArgumentException>(() => new TransactionLog([], [new RejectedRow(2, null, "", "r"), null!]));
        Assert.Equal("rejected", e.ParamName);
        Assert.Contains("Rejected row 1 is null.", e.Message, StringComparison.Ordinal);
    }
}
