namespace Clv.Tests.Csv;

/// <summary>The README's streaming example (Scale section) runs and gives what it says.</summary>
public class ReadmeStreamingTests
{
    [Fact]
    public void Streaming_Example_ReadsOrdersIntoTheBuilderAndAddsTheCursorRow()
    {
        var (report, customers) = ReadmeExamples.Streaming(TestData.PathOf("orders.csv"), TestContext.Current.CancellationToken);

        Assert.Equal(6_919, report.Imported);
        Assert.Empty(report.Rejected);
        Assert.Equal(2_357 + 1, customers.Count);
        Assert.True(customers.TryGetIndex("C0042", out int i));
        Assert.Equal(19.99, customers[i].Spend);
        Assert.Empty(customers.Warnings);
    }
}
