using System.Data.Common;
using Clv.Data;

namespace Clv.Tests;

/// <content>The README's database section.</content>
internal static partial class ReadmeExamples
{
    public static (DbReadReport Read, CustomerSummaries Customers) Database(DbConnection connection)
    {
        // <readme:database>
        // Any ADO.NET provider: SQL Server, PostgreSQL (Npgsql), SQLite (Microsoft.Data.Sqlite), ...
        using DbCommand query = connection.CreateCommand();
        query.CommandText = "SELECT account_id, created_at, total FROM orders";
        using DbDataReader reader = query.ExecuteReader();
        var builder = new CustomerSummariesBuilder(new DateOnly(1997, 9, 30), TimeUnit.Week);
        DbReadReport read = TransactionDb.ReadInto(reader, builder, new TransactionDbOptions
        {
            CustomerIdColumn = "account_id",   // columns by name, any case
            DateColumn = "created_at",         // DATE, TIMESTAMP, TIMESTAMPTZ or text in DateFormat
            AmountColumn = "total",            // any number type, NUMERIC/DECIMAL included
            Mode = DbReadMode.Lenient,         // bad rows collected: row number, column, value, reason
        });                                    // CDNOW: 6,919 rows read, none rejected
        CustomerSummaries customers = builder.Build();

        // Back into the database: a new table, written in one transaction (a failure leaves nothing behind).
        CustomerSummaryDb.Write(connection, "clv_customers", customers, new DbWriteOptions { ReplaceExisting = true });
        // </readme:database>
        return (read, customers);
    }
}
