namespace Clv.Tests.Rfm;

internal static class RfmTestData
{
    private static readonly Lazy<CustomerSummaries> Cdnow = new(TestData.CdnowSummaries);

    public static CustomerSummaries CdnowCustomers => Cdnow.Value;

    /// <summary>A summary with the given RFM inputs (purchaseDays 0 = lead).</summary>
    public static CustomerSummary Customer(int daysSinceLast, int purchaseDays, double netSpend, string id = "c")
    {
        if (purchaseDays == 0)
        {
            return new CustomerSummary(id, TimeUnit.Day, null, null, 0, 0, 0, null, 0, 0, 0, 0, 0);
        }

        var end = new DateOnly(2020, 1, 1);
        var last = end.AddDays(-daysSinceLast);
        return new CustomerSummary(id, TimeUnit.Day, last, last, purchaseDays, 0, 0, daysSinceLast, netSpend, 0, 0, 0, 0);
    }
}
