// A throwaway consumer that references the packed Clv, Clv.Csv, Clv.Parquet and Clv.Plots packages from a local folder feed.
using Clv;
using Clv.Csv;
using Clv.Parquet;
using Clv.Plots;
using Clv.Probabilistic;

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
byte[] png = ProbabilisticPlots.TrackingCumulative(BgNbdModel.Fit(customers).Model, customers).ToPng();   // native SkiaSharp assets from the package
Console.WriteLine($"consumer: tracking plot, {png.Length} PNG bytes");
string parquet = Path.Combine(Path.GetTempPath(), $"consumer-{Environment.ProcessId}.parquet");
TransactionParquet.Write(parquet, log.Transactions);
var fromParquet = new CustomerSummariesBuilder(new DateOnly(1997, 9, 30), TimeUnit.Week);
long parquetRows = TransactionParquet.ReadInto(parquet, fromParquet).Imported;
int parquetCustomers = fromParquet.Build().Count;
File.Delete(parquet);
Console.WriteLine($"consumer: {parquetCustomers} customers from {parquetRows} Parquet rows");
return customers.Count == 2357 && png.Length > 1000 && parquetCustomers == 2357 && parquetRows == log.Count ? 0 : 1;
