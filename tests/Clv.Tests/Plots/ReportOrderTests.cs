using System.Text.RegularExpressions;
using Clv.Plots;
using Xunit;

namespace Clv.Tests.Plots;

/// <summary>
/// The HTML report's text (its cards and its tables of top customers and value at risk) is the same whatever order the
/// customers come in: customers with equal values (list prices) are listed by id, and the totals are summed exactly.
/// </summary>
public class ReportOrderTests
{
    [Fact]
    public void ToHtml_AnyCustomerOrder_SameCardsAndTables()
    {
        // Forty customers who each bought twice at the same list price early on and were not seen again: the biggest spenders
        // at risk, tied, more of them than the value-at-risk table lists.
        var rows = CustomerOrder.Rows(4, 1500).ToList();
        for (int k = 0; k < 40; k++)
        {
            rows.Add(new Transaction("lapsed" + k, CustomerOrder.Origin.AddDays(k), 2_499.00));
            rows.Add(new Transaction("lapsed" + k, CustomerOrder.Origin.AddDays(k + 14), 2_499.00));
        }

        var (a, b) = CustomerOrder.Summaries([.. rows], 4);
        string x = ClvReport.ToHtml(a), y = ClvReport.ToHtml(b);

        Assert.Equal(Text(x), Text(y));
    }

    /// <summary>The cards and the tables, without the pictures.</summary>
    private static string[] Text(string html) =>
        [.. Regex.Matches(html, "<div class=\"cards\">.*?</div>\\s*</div>|<table>.*?</table>", RegexOptions.Singleline).Select(m => m.Value)];
}
