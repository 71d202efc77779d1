using Clv.Plots;

namespace Clv.Tests.Plots;

/// <summary>
/// The HTML report of a tenant's data whose customer ids and report title are markup: every one is HTML-escaped in text and
/// attributes, so nothing of it can run as script or add an element or attribute (a guard: the report already escaped them).
/// </summary>
[Collection("Plots")]   // one plot at a time: ScottPlot's font caches are process-wide (see ClvPlot's remarks)
public class ClvReportHostileTextTests
{
    private static readonly string[] Hostile =
    [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(2)>",
        "'><svg onload=alert(3)>",
        "&lt;b&gt;",
    ];

    [Fact]
    public void ToHtml_MarkupInIdsAndTitle_EscapedEverywhere()
    {
        // CDNOW with every customer's id made one of the hostile strings plus its number, so the top-customer and at-risk
        // tables list them.
        var rows = TestData.CdnowSample()
            .Select(t => new Transaction(Hostile[int.Parse(t.CustomerId, System.Globalization.CultureInfo.InvariantCulture) % Hostile.Length] + t.CustomerId, t.Date, t.Amount))
            .ToArray();
        var customers = CustomerSummaries.FromTransactions(rows, TestData.CdnowCalibrationEnd, TimeUnit.Week);
        string html = ClvReport.ToHtml(customers, new ClvReportOptions { Title = "<script>alert('title')</script>\" onmouseover=\"alert(4)", TopCustomers = 40 });

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<svg onload", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("<[^>]* on[a-z]+=", html);   // no event-handler attribute in any tag
        Assert.Contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;&quot; onmouseover=&quot;alert(4)</title>", html, StringComparison.Ordinal);
        Assert.Contains("<td>&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<td>&quot;&gt;&lt;img src=x onerror=alert(2)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("<td>&amp;lt;b&amp;gt;", html, StringComparison.Ordinal);
    }
}
