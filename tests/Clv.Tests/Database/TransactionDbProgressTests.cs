using Clv.Data;
using static Clv.Tests.Database.Databases;

namespace Clv.Tests.Database;

/// <summary>TransactionDb's progress: the count every 16,384 rows and once at the end, never the same count twice.</summary>
public class TransactionDbProgressTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16_383)]
    [InlineData(16_384)]
    [InlineData(16_385)]
    [InlineData(32_768)]
    public async Task Progress_EveryCountOnce_EndingAtTheRowCount(int n)
    {
        using var db = Sqlite();
        Execute(db, "CREATE TABLE t (customer_id TEXT, date TEXT, amount REAL)");
        Insert(db, "t", Enumerable.Range(0, n).Select(i => ((object?)("c" + (i % 97)), (object?)"2024-03-01", (object?)1.0)));
        long[] expected = [.. Enumerable.Range(1, n / 16_384).Select(k => k * 16_384L), .. n % 16_384 != 0 || n == 0 ? [n] : Array.Empty<long>()];

        var seen = new List<long>();
        using (var reader = Query(db, "SELECT * FROM t"))
        {
            TransactionDb.ReadInto(reader, new CustomerSummariesBuilder(new DateOnly(2024, 12, 31), TimeUnit.Week), new TransactionDbOptions { Progress = new Collect(seen) });
        }

        Assert.Equal(expected, seen);

        var seenAsync = new List<long>();
        await using (var reader = Query(db, "SELECT * FROM t"))
        {
            await TransactionDb.ReadAsync(reader, new TransactionDbOptions { Progress = new Collect(seenAsync) });
        }

        Assert.Equal(expected, seenAsync);
    }

    private sealed class Collect(List<long> seen) : IProgress<long>
    {
        public void Report(long value) => seen.Add(value);
    }
}
