using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Clv.Probabilistic;

namespace Clv.Plots.Internal;

/// <summary>The value section and the HTML pieces (sections, cards, numbers, inline SVG).</summary>
internal static partial class ReportHtml
{
    private static void Value(StringBuilder html, CustomerSummaries customers, SectionData data, double[] clv, PlotOptions plot, ClvReportOptions options)
    {
        var lang = options.Language;
        var alive = data.Alive;
        Section(html, Text.L(lang, "Customer value", "客户价值"));
        var plots = new List<ClvPlot> { ValuePlots.ClvDistribution(clv, plot) };
        if (data.Evaluation?.GetAwaiter().GetResult() is { } evaluation)
        {
            plots.Add(ValuePlots.Lorenz(evaluation, plot));
            plots.Add(ValuePlots.Deciles(evaluation, plot));
        }

        PlotRow(html, "value", plots);
        var (order, risk) = data.TopAndAtRisk!.GetAwaiter().GetResult();
        html.Append("<h2>").Append(E(Text.L(lang, "Top customers by predicted CLV", "预测终身价值最高的客户"))).Append("</h2>");
        CustomerTable(html, customers, alive, clv, order, lang);

        // At risk: customers who spent the most so far but are more likely gone than not.
        html.Append("<h2>").Append(E(Text.L(lang, "Value at risk: high spend, P(alive) below 50%", "流失风险价值：高消费但存活概率低于 50%"))).Append("</h2>");
        if (risk.Length == 0)
        {
            // Not a table of headings alone: say that nobody is there.
            html.Append("<p class=\"note\">").Append(E(Text.L(lang, "No repeat customer has a P(alive) below 50%.", "没有存活概率低于 50% 的重复购买客户。"))).Append("</p>");
        }
        else
        {
            CustomerTable(html, customers, alive, clv, risk, lang);
        }

        html.Append("</section>\n");
    }

    private static void CustomerTable(StringBuilder html, CustomerSummaries customers, double[] alive, double[] clv, int[] rows, PlotLanguage lang)
    {
        html.Append("<table><tr><th>").Append(E(Text.L(lang, "customer", "客户"))).Append("</th><th class=\"n\">x</th><th class=\"n\">t_x</th><th class=\"n\">T</th><th class=\"n\">")
            .Append(E(Text.L(lang, "net spend", "净消费"))).Append("</th><th class=\"n\">P(alive)</th><th class=\"n\">CLV</th></tr>");
        foreach (int i in rows)
        {
            var c = customers[i];
            html.Append("<tr><td>").Append(E(c.CustomerId)).Append("</td>").Append(Num(c.Frequency, "N0")).Append(Num(c.Recency, "0.0")).Append(Num(c.Age, "0.0"))
                .Append(Num(c.NetSpend, "N2")).Append(Num(alive[i], "0.000")).Append(Num(clv[i], "N2")).Append("</tr>");
        }

        html.Append("</table>");
    }

    private static void Plots(StringBuilder html, string heading, string idPrefix, IEnumerable<ClvPlot> plots)
    {
        Section(html, heading);
        PlotRow(html, idPrefix, plots);
        html.Append("</section>\n");
    }

    private static void PlotRow(StringBuilder html, string idPrefix, IEnumerable<ClvPlot> plots)
    {
        html.Append("<div class=\"plots\">");
        int n = 0;
        foreach (var plot in plots)
        {
            html.Append("<div class=\"plot\" role=\"img\" aria-label=\"").Append(E(plot.Title)).Append("\">")
                .Append(InlineSvg(plot.ToSvg(), idPrefix + (++n).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-")).Append("</div>");
        }

        html.Append("</div>\n");
    }

    /// <summary>
    /// The SVG without its XML declaration, scalable (a viewBox of its own size), its ids (Skia numbers clip paths and images
    /// from 1 in every document) prefixed with <paramref name="idPrefix"/>, and its references to them with it: an HTML page
    /// is one id space, and with the ids repeated every plot's <c>url(#cl_1)</c> took the first plot's clip rectangle and a
    /// second heatmap drew the first one's image.
    /// </summary>
    internal static string InlineSvg(string svg, string idPrefix)
    {
        svg = XmlDeclaration().Replace(svg, "");
        svg = SvgIdOrReference().Replace(svg, m => m.Groups[1].Value + idPrefix);
        return SvgSize().Replace(svg, m => m.Value + " viewBox=\"0 0 " + m.Groups[1].Value + " " + m.Groups[2].Value + "\"", 1);
    }

    private static void Section(StringBuilder html, string heading) => html.Append("<section><h2>").Append(E(heading)).Append("</h2>");

    /// <summary>The sum of <paramref name="values"/>, exact (ExactSum): the same in any customer order.</summary>
    private static double Sum(double[] values)
    {
        double sum = 0, error = 0;
        foreach (double v in values)
        {
            error += ExactSum.Add(ref sum, v);
        }

        return ExactSum.Round(sum, error);
    }

    private static void Card(StringBuilder html, string value, string label) =>
        html.Append("<div class=\"card\"><b>").Append(E(value)).Append("</b><span>").Append(E(label)).Append("</span></div>");

    private static string Num(double value, string format) =>
        "<td class=\"n\">" + (double.IsNaN(value) ? "–" : E(Text.Number(value, format))) + "</td>";

    private static string E(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex(@"<\?xml[^>]*\?>\s*")]
    private static partial Regex XmlDeclaration();

    /// <summary>An id, or a reference to one: <c>id="</c>, <c>url(#</c> and a link to <c>#</c> (not to data).</summary>
    [GeneratedRegex(@"( id=""|url\(#|href=""#)")]
    private static partial Regex SvgIdOrReference();

    [GeneratedRegex("width=\"([0-9.]+)\" height=\"([0-9.]+)\"")]
    private static partial Regex SvgSize();
}
