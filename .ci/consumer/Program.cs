// A throwaway consumer that references the packed Clv, Clv.Csv and Clv.Plots packages from a local folder feed.
using Clv;
using Clv.Csv;
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
return customers.Count == 2357 && png.Length > 1000 ? 0 : 1;
