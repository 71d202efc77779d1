using Clv.Valuation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Valuation;

public class AccountRollupTests
{
    private static readonly DateOnly End = new(2024, 6, 30);

    [Fact]
    public void Summaries_TwoContactsSameDay_MergeIntoOneAccountPurchaseDay()
    {
        Transaction[] rows =
        [
            new("alice", new DateOnly(2024, 1, 10), 100),
            new("bob", new DateOnly(2024, 1, 10), 50),
            new("bob", new DateOnly(2024, 3, 1), 70),
            new("carol", new DateOnly(2024, 2, 1), 30),
        ];
        var map = new Dictionary<string, string> { ["alice"] = "acme", ["bob"] = "acme", ["carol"] = "globex" };
        var accounts = AccountRollup.Summaries(rows, map, End, TimeUnit.Week);

        Assert.Equal(2, accounts.Count);
        Assert.True(accounts.TryGetIndex("acme", out int acme));
        Assert.Equal(2, accounts[acme].PurchaseDays);
        Assert.Equal(220, accounts[acme].Spend, 1e-12);
        Assert.Equal(70, accounts[acme].MonetaryValue, 1e-12);
        Assert.Equal(220, HistoricalValue.ForCustomer(accounts, acme), 1e-12);
    }

    [Fact]
    public void RemapTransactions_UnmappedContact_FollowsPolicy()
    {
        Transaction[] rows = [new("alice", End, 1), new("zed", End, 2)];
        var map = new Dictionary<string, string> { ["alice"] = "acme" };

        var ex = Assert.Throws<ArgumentException>(() => AccountRollup.RemapTransactions(rows, map));
        Assert.Contains("'zed'", ex.Message, StringComparison.Ordinal);
        Assert.Equal(["acme", "zed"], AccountRollup.RemapTransactions(rows, map, UnmappedContactPolicy.OwnAccount).Select(t => t.CustomerId));
        Assert.Equal(["acme"], AccountRollup.RemapTransactions(rows, map, UnmappedContactPolicy.Exclude).Select(t => t.CustomerId));
    }

    [Fact]
    public void RemapTransactions_OwnAccountContactWithAnAccountsId_IsRefusedNotMergedIntoThatAccount()
    {
        // Contact "1" belongs to account "acme"; contact "acme" (a person whose contact id happens to equal that account id)
        // is unmapped. As an account of its own it used to merge into "acme": one account of spend 150 instead of two.
        Transaction[] rows = [new("1", new DateOnly(2024, 1, 1), 100), new("acme", new DateOnly(2024, 2, 1), 50)];
        var map = new Dictionary<string, string> { ["1"] = "acme" };

        var ex = Assert.Throws<ArgumentException>(() => AccountRollup.Summaries(rows, map, End, TimeUnit.Week, unmapped: UnmappedContactPolicy.OwnAccount));
        Assert.Equal("contactToAccount", ex.ParamName);
        Assert.Contains("'acme' (transactions[1])", ex.Message, StringComparison.Ordinal);

        // Without the clash each unmapped contact is its own account; mapping the contact explicitly merges it on purpose.
        var own = AccountRollup.Summaries([rows[0], new("zed", new DateOnly(2024, 2, 1), 50)], map, End, TimeUnit.Week, unmapped: UnmappedContactPolicy.OwnAccount);
        Assert.Equal(2, own.Count);
        var merged = AccountRollup.Summaries(rows, new Dictionary<string, string> { ["1"] = "acme", ["acme"] = "acme" }, End, TimeUnit.Week);
        Assert.Equal(150, Assert.Single(merged.AsSpan().ToArray()).Spend, 1e-12);
    }

    [Property(MaxTest = 200)]
    public Property AccountValue_EqualsSumOverItsContactsTransactions()
    {
        var row =
            from contact in Gen.Choose(0, 7)
            from day in Gen.Choose(-200, 60)
            from cents in Gen.Choose(-5000, 20000)
            select new Transaction("c" + contact, End.AddDays(day), cents / 100.0);
        var gen =
            from n in Gen.Choose(1, 40)
            from rows in Gen.ArrayOf(row, n)
            from accountOf in Gen.ArrayOf(Gen.Choose(0, 2), 8)
            from margin in Gen.Choose(0, 100)
            select (rows, accountOf, margin / 100.0);
        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var (rows, accountOf, marginRate) = x;
            var map = Enumerable.Range(0, 8).ToDictionary(i => "c" + i, i => "acct" + accountOf[i]);
            if (!rows.Any(t => t.Date <= End))
            {
                // Rows, but none on or before the observation end: an error naming the data's range.
                return Assert.Throws<ArgumentException>(() => AccountRollup.Summaries(rows, map, End, TimeUnit.Week)).ParamName == "observationEnd";
            }

            var accounts = AccountRollup.Summaries(rows, map, End, TimeUnit.Week);
            var values = HistoricalValue.Compute(accounts, new HistoricalValueOptions { MarginRate = marginRate });
            for (int a = 0; a < accounts.Count; a++)
            {
                double expected = 0;
                foreach (var t in rows)
                {
                    if (map[t.CustomerId] == accounts[a].CustomerId && t.Date <= End)
                    {
                        expected += t.Amount > 0 ? marginRate * t.Amount : t.Amount;
                    }
                }

                if (Math.Abs(expected - values[a]) > 1e-9 * (1 + Math.Abs(expected)))
                {
                    return false;
                }
            }

            return true;
        });
    }
}
