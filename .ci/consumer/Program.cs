// A throwaway consumer that references the packed Clv and Clv.Csv packages from a local folder feed.
using Clv;
using Clv.Csv;

var log = TransactionCsv.Read(args[0], new TransactionCsvOptions
{
    HasHeader = false,
    WhitespaceDelimited = true,
    CustomerIdIndex = 1,
    DateIndex = 2,
    DateFormat = "yyyyMMdd",
    AmountIndex = 4,
});
var customers = CustomerSummaries.FromTransactions(log.Transactions, new DateOnly(1997, 9, 30), TimeUnit.Week);
Console.WriteLine($"consumer: {customers.Count} customers from {log.Count} rows");
return customers.Count == 2357 ? 0 : 1;
