using System.Globalization;
using Clv;
using Clv.Csv;
using Clv.Rfm;

namespace Clv.Samples.QuickStart;

/// <summary>RFM: scores, the stored cut points, one new customer scored online, and the segment reports.</summary>
internal static class RfmSection
{
    public static void Print(CustomerSummaries customers, TextWriter output)
    {
        var ic = CultureInfo.InvariantCulture;
        RfmScores rfm = RfmScorer.Score(customers);
        RfmCutPoints cutPoints = rfm.CutPoints;
        output.WriteLine(string.Create(ic, $"== RFM (k = {cutPoints.ScoreCount}, F = {cutPoints.FrequencyMeasure}, M = {cutPoints.MonetaryMeasure} net spend) =="));
        output.WriteLine(string.Create(ic, $"cut points  R (days)  {string.Join(" ", cutPoints.DaysSinceLastPurchase)}"));
        output.WriteLine(string.Create(ic, $"            F (days)  {string.Join(" ", cutPoints.Frequency)}"));
        output.WriteLine(string.Create(ic, $"            M         {string.Join(" ", cutPoints.Monetary.Select(m => m.ToString("0.00", ic)))}"));
        output.WriteLine(string.Create(ic, $"mean scores R {cutPoints.MeanRScore:0.000}  F {cutPoints.MeanFScore:0.000}  M {cutPoints.MeanMScore:0.000}"));
        for (int i = 0; i < Math.Min(3, customers.Count); i++)
        {
            output.WriteLine(string.Create(ic, $"customer {customers[i].CustomerId,-6} {rfm[i]}  code {rfm[i].Code}"));
        }

        // Store the cut points, load them later and score one new customer without re-scoring everyone.
        RfmCutPoints stored = RfmCutPoints.FromJson(cutPoints.ToJson());
        RfmScore newcomer = stored.Score(daysSinceLastPurchase: 10, frequency: 3, monetary: 120.0);
        output.WriteLine(string.Create(ic, $"new customer (10 days, 3 purchase days, 120.00): {newcomer}, {SegmentMap.RfGrid().Assign(newcomer).Name}"));
        output.WriteLine();

        PrintReport("RF grid", SegmentReport.Create(customers, rfm, SegmentMap.RfGrid()), output);
        PrintReport("Eight-class (high = above the mean score)", SegmentReport.Create(customers, rfm, SegmentMap.EightClass(cutPoints)), output);
        PrintReport("Value tiers", SegmentReport.Create(customers, rfm, SegmentMap.ValueTiers()), output);

        output.WriteLine("Range map as CSV:");
        SegmentReportCsv.Write(output, SegmentReport.Create(customers, rfm, SegmentMap.RangeMap()));
        output.WriteLine();
    }

    private static void PrintReport(string title, SegmentReport report, TextWriter output)
    {
        var ic = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(ic, $"-- Segments: {title} --"));
        output.WriteLine("segment                 label             count   share     net spend   mean net  mean days  mean purchase days");
        foreach (var row in report.Rows)
        {
            string days = row.MeanDaysSinceLastPurchase is double d ? d.ToString("0.0", ic) : "-";
            output.WriteLine(string.Create(ic, $"{row.Segment.Name,-22}  {Pad(row.Segment.ChineseName, 16)}{row.Count,6}  {row.Share,6:P1}{row.NetSpend,14:N2}{row.MeanNetSpend,12:N2}{days,11}{row.MeanPurchaseDays,20:0.00}"));
        }

        output.WriteLine(string.Create(ic, $"{"total",-22}  {"",16}{report.CustomerCount,6}"));
        output.WriteLine();
    }

    /// <summary>Pads a label whose CJK characters take two columns each.</summary>
    private static string Pad(string text, int width)
    {
        int columns = text.Sum(c => c >= 0x2E80 ? 2 : 1);
        return text + new string(' ', Math.Max(1, width - columns + 1));
    }
}
