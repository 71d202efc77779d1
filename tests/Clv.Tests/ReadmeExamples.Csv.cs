using System.Globalization;
using Clv.Csv;

namespace Clv.Tests;

/// <content>The README's CSV section: reading, lenient reading, writing.</content>
internal static partial class ReadmeExamples
{
    public static (TransactionLog Orders, TransactionLog Cdnow, TransactionLog German) CsvRead(string ordersCsv, string cdnowTxt, string umsaetzeCsv)
    {
        // <readme:csv-read>
        // A header customer_id,date,amount, commas, ISO dates and invariant amounts need no options.
        TransactionLog orders = TransactionCsv.Read(ordersCsv);   // 6,919 rows

        // Other layouts are options. The CDNOW sample: whitespace separated, no header, yyyyMMdd dates,
        // fields master_id sample_id date cds dollars; the customer is sample_id (field 1).
        TransactionLog cdnow = TransactionCsv.Read(cdnowTxt, new TransactionCsvOptions
        {
            WhitespaceDelimited = true,
            HasHeader = false,
            CustomerIdIndex = 1,
            DateIndex = 2,
            DateFormat = "yyyyMMdd",
            AmountIndex = 4,
        });                                                          // the same 6,919 rows (ids zero-padded: 0001 for 1)

        // Columns by other names, semicolons and German decimal commas.
        TransactionLog german = TransactionCsv.Read(umsaetzeCsv, new TransactionCsvOptions
        {
            CustomerIdColumn = "kunde",
            DateColumn = "datum",
            AmountColumn = "betrag",
            Delimiter = ';',
            DateFormat = "dd.MM.yyyy",
            Culture = CultureInfo.GetCultureInfo("de-DE"),          // "12,50" is 12.5
        });
        // </readme:csv-read>
        return (orders, cdnow, german);
    }

    public static TransactionLog CsvLenient(string exportCsv)
    {
        // <readme:csv-lenient>
        TransactionLog log = TransactionCsv.Read(exportCsv, new TransactionCsvOptions { Mode = CsvReadMode.Lenient });
        foreach (RejectedRow r in log.Rejected)
        {
            Console.WriteLine($"line {r.LineNumber}, column {r.Column}: {r.Reason} ('{r.RawText}')");
        }

        // Nothing is lost: log.RowsRead == log.Count + log.Rejected.Count.
        // </readme:csv-lenient>
        return log;
    }

    public static void CsvWrite(CustomerSummaries customers, TransactionLog log, string customersCsv, string cleanCsv, string crmImportCsv)
    {
        // <readme:csv-write>
        CustomerSummaryCsv.Write(customersCsv, customers);   // one row per customer; also Write(Stream, ...) and Write(TextWriter, ...)
        TransactionCsv.Write(cleanCsv, log.Transactions);    // customer_id,date,amount; reads back identically
        CustomerSummaryCsv.Write(crmImportCsv, customers, new CsvWriteOptions { EscapeFormulas = false, ByteOrderMark = true });
        // </readme:csv-write>
    }

    /// <summary>A CRM's order entity: a timestamp with an offset and a decimal amount.</summary>
    internal sealed record Order(string AccountId, DateTimeOffset CreatedAt, decimal Total);

    public static (TransactionLog Export, TransactionLog Orders) Timestamps(string crmExportCsv, Order[] crmOrders)
    {
        // <readme:timestamps>
        // Exports with timestamps: give the format; each row counts on one calendar day (see CalendarDay's rule).
        TimeZoneInfo shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        TransactionLog export = TransactionCsv.Read(crmExportCsv, new TransactionCsvOptions
        {
            DateFormat = "yyyy-MM-ddTHH:mm:sszzz",   // 2005-01-02T23:30:00-05:00
            TimeZone = shanghai,                      // counts on 2005-01-03, the store's day in Shanghai
        });

        // CRM entities in memory: DateTimeOffset (or DateTime) timestamps and decimal amounts, no conversion by hand.
        TransactionLog orders = TransactionLog.FromRecords(crmOrders, o => o.AccountId, o => o.CreatedAt, o => o.Total, shanghai);
        // </readme:timestamps>
        return (export, orders);
    }
}
