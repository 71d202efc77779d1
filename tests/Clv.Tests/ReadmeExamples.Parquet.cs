using Clv.Parquet;
using Clv.Rfm;

namespace Clv.Tests;

/// <content>The README's Parquet section: reading (in memory and streamed), writing summaries, scores and a clean log.</content>
internal static partial class ReadmeExamples
{
    public static (TransactionLog Orders, ParquetReadReport Read, CustomerSummaries Customers, CustomerSummary[] Again) Parquet(
        string ordersParquet, string exportParquet, string customersParquet, string rfmParquet, string cleanParquet)
    {
        // <readme:parquet>
        // Columns customer_id, date and amount need no options (names, types and modes as in the CSV options).
        TransactionLog orders = TransactionParquet.Read(ordersParquet);   // 6,919 rows

        // Streamed a row group at a time into the builder: memory follows customers, not the file.
        var builder = new CustomerSummariesBuilder(new DateOnly(1997, 9, 30), TimeUnit.Week);
        ParquetReadReport read = TransactionParquet.ReadInto(exportParquet, builder, new TransactionParquetOptions
        {
            CustomerIdColumn = "kunde",       // STRING, a whole number or a UUID
            DateColumn = "datum",             // DATE, TIMESTAMP, or text in DateFormat
            AmountColumn = "betrag",          // DOUBLE, FLOAT, DECIMAL or a whole number
            Mode = ParquetReadMode.Lenient,   // bad rows in read.Rejected: row, column, value, reason
        });
        CustomerSummaries customers = builder.Build();                      // 2,357 customers

        CustomerSummaryParquet.Write(customersParquet, customers);         // the CSV writer's columns, typed
        CustomerSummary[] again = CustomerSummaryParquet.Read(customersParquet);   // the same summaries, bit for bit
        RfmScoresParquet.Write(rfmParquet, customers, RfmScorer.Score(customers));
        TransactionParquet.Write(cleanParquet, orders.Transactions);       // reads back identically
        // </readme:parquet>
        return (orders, read, customers, again);
    }
}
