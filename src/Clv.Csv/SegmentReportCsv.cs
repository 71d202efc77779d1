using System.Globalization;
using Clv.Rfm;
using CsvHelper;

namespace Clv.Csv;

/// <summary>
/// Writes a <see cref="SegmentReport"/> as CSV (invariant culture, comma separated, header row):
/// segment, segment_zh, count, share, total_spend, mean_spend, mean_days_since_last_purchase, mean_purchase_days.
/// Records end in CRLF (RFC 4180). Numbers use the shortest round-trip form; a missing mean (a segment of leads) is an empty field.
/// </summary>
public static class SegmentReportCsv
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="writer"/> (left open).</summary>
    /// <param name="report">The report.</param>
    /// <param name="writer">The destination.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(SegmentReport report, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(writer);
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (string header in (string[])["segment", "segment_zh", "count", "share", "total_spend", "mean_spend", "mean_days_since_last_purchase", "mean_purchase_days"])
        {
            csv.WriteField(header);
        }

        csv.NextRecord();
        foreach (var row in report.Rows)
        {
            csv.WriteField(row.Segment.Name);
            csv.WriteField(row.Segment.ChineseName);
            csv.WriteField(row.Count.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(Number(row.Share));
            csv.WriteField(Number(row.TotalSpend));
            csv.WriteField(Number(row.MeanSpend));
            csv.WriteField(row.MeanDaysSinceLastPurchase is double d ? Number(d) : "");
            csv.WriteField(Number(row.MeanPurchaseDays));
            csv.NextRecord();
        }

        csv.Flush();
    }

    /// <summary>Writes <paramref name="report"/> to a UTF-8 file at <paramref name="path"/> (created or overwritten).</summary>
    /// <param name="report">The report.</param>
    /// <param name="path">The file path.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static void Write(SegmentReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(path);
        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        Write(report, writer);
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
