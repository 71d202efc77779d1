using System.Text;
using Clv.Csv;
using Clv.Probabilistic;

namespace Clv.Tests.Csv;

public class CustomerCovariatesCsvTests
{
    private static readonly CustomerSummaries Customers = CustomerSummaries.FromTransactions(
        [new("a", new DateOnly(2024, 1, 1), 10), new("b", new DateOnly(2024, 1, 2), 20), new("c", new DateOnly(2024, 1, 3), 30)],
        new DateOnly(2024, 3, 1),
        TimeUnit.Week);

    private static CustomerCovariates Read(string text, CustomerCovariatesCsvOptions? options = null) =>
        CustomerCovariatesCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), Customers, options);

    public static TheoryData<string, string, CustomerCovariatesCsvOptions> BadOptions() => new()
    {
        { "options.CustomerIdColumn", "options.CustomerIdColumn must not be null, empty or white space, but was ''.", new() { CustomerIdColumn = null! } },
        { "options.CustomerIdColumn", "options.CustomerIdColumn must not be null, empty or white space, but was ' '.", new() { CustomerIdColumn = " " } },
        { "options.Delimiter", "options.Delimiter cannot be U+0022 (a quote, line break or NUL).", new() { Delimiter = '"' } },
        { "options.Delimiter", "options.Delimiter cannot be U+000A (a quote, line break or NUL).", new() { Delimiter = '\n' } },
        { "options.Columns", "options.Columns[1] must not be null, empty or white space, but was ''.", new() { Columns = ["region", null!] } },
        { "options.Columns", "options.Columns[0] is 'customer_id', the customer id column: it cannot also be a covariate.", new() { Columns = ["customer_id"] } },
        { "options.Columns", "options.Columns[1] is 'region', named twice.", new() { Columns = ["region", "region"] } },
    };

    /// <summary>
    /// Options that cannot be meant are refused before the file is opened, naming the property (they used to surface as a
    /// misleading header error, or a null reference).
    /// </summary>
    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Read_BadOptions_RefusedBeforeReadingNamingTheProperty(string property, string message, CustomerCovariatesCsvOptions options)
    {
        var e = Assert.ThrowsAny<ArgumentException>(() => Read("customer_id,region\r\na,1\r\nb,2\r\nc,3\r\n", options));
        Assert.Equal(property, e.ParamName);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        string missing = Path.Combine(Path.GetTempPath(), "clv-no-such-covariates-" + Guid.NewGuid().ToString("N") + ".csv");
        Assert.Equal(property, Assert.ThrowsAny<ArgumentException>(() => CustomerCovariatesCsv.Read(missing, Customers, options)).ParamName);
    }

    [Fact]
    public void Read_AnyRowOrder_AlignsWithTheCustomers()
    {
        var covariates = Read("region,customer_id,gender\r\n2,c,1\r\n0,a,0\r\n1.5,b,1\r\n");

        Assert.Equal(["region", "gender"], covariates.Names);
        Assert.Equal(3, covariates.Count);
        Assert.True(Customers.TryGetIndex("b", out int b));
        Assert.Equal(1.5, covariates[b, 0]);
        Assert.Equal(1, covariates[b, 1]);
        Assert.True(Customers.TryGetIndex("c", out int c));
        Assert.Equal(2, covariates[c, 0]);
    }

    [Fact]
    public void Read_ChosenColumnsAndUnknownIdsSkipped_WhenAsked()
    {
        var covariates = Read("id;gender;age;x\nzz;1;30;9\na;0;40;9\nb;1;50;9\nc;0;60;9\n", new CustomerCovariatesCsvOptions { CustomerIdColumn = "id", Delimiter = ';', Columns = ["age", "gender"], IgnoreUnknownCustomers = true });

        Assert.Equal(["age", "gender"], covariates.Names);
        Assert.True(Customers.TryGetIndex("a", out int a));
        Assert.Equal(40, covariates[a, 0]);
    }

    [Theory]
    [InlineData("customer_id,gender\na,1\nb,\nc,0\n", "Line 3", "gender", "the cell is empty")]
    [InlineData("customer_id,gender\na,1\nb,male\nc,0\n", "Line 3", "gender", "not a finite number")]
    [InlineData("customer_id,gender\na,1\nb,1\na,0\nc,0\n", "Line 4", "customer_id", "first on line 2")]
    [InlineData("customer_id,gender\na,1\nq,1\n", "Line 3", "customer_id", "IgnoreUnknownCustomers")]
    [InlineData("id,gender\na,1\n", "Line 1", "customer_id", "no id column 'customer_id'")]
    [InlineData("customer_id,gender,gender\na,1,1\n", "Line 1", "gender", "appears twice")]
    [InlineData("customer_id\na\n", "Line 1", "", "no covariate column")]
    [InlineData("customer_id,gender\na\n", "Line 2", "", "has 1 fields but the header has 2")]
    public void Read_BadInput_NamesLineColumnAndReason(string text, string line, string column, string reason)
    {
        var ex = Assert.Throws<CsvFormatException>(() => Read(text));
        Assert.Contains(line, ex.Message, StringComparison.Ordinal);
        Assert.Contains(column, ex.Message, StringComparison.Ordinal);
        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Ids are trimmed of spaces and tabs only, as <see cref="TransactionCsv"/> trims them: an id it kept with a no-break space
    /// (Excel) or an ideographic space (Chinese input) at an end is found. Trimming every white space made such a customer
    /// "not among the customers", and no covariates file could cover it.
    /// </summary>
    [Fact]
    public void Read_IdsWithOtherSpacesAtTheEnds_MatchTheTransactionReadersIds()
    {
        var log = TransactionCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(
            "customer_id,date,amount\n王\u3000伟\u3000,2024-01-01,10\n\u00a0b\u00a0,2024-01-02,20\n c ,2024-01-03,30\n")));
        var customers = CustomerSummaries.FromTransactions(log.Transactions, new DateOnly(2024, 3, 1), TimeUnit.Week);
        Assert.Equal(["王\u3000伟\u3000", "\u00a0b\u00a0", "c"], customers.Select(c => c.CustomerId));

        var covariates = CustomerCovariatesCsv.Read(
            new MemoryStream(Encoding.UTF8.GetBytes("customer_id,region\n\u00a0b\u00a0,2\n\tc ,3\n王\u3000伟\u3000,1\n")), customers, null);

        Assert.Equal([1.0, 2.0, 3.0], Enumerable.Range(0, 3).Select(i => covariates[i, 0]));
    }

    [Fact]
    public void Read_CustomersWithoutARow_AreListed()
    {
        var ex = Assert.Throws<CsvFormatException>(() => Read("customer_id,gender\nb,1\n"));
        Assert.Contains("2 of 3 customers have no row in the covariates: a, c.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ThenFit_CdnowWithASpendCovariate_Converges()
    {
        // A covariate file written from the data itself: whether the first purchase was above the median first spend.
        var customers = TestData.CdnowSummaries();
        var text = new StringBuilder("customer_id,big_first\n");
        foreach (var c in customers)
        {
            text.Append(c.CustomerId).Append(',').Append(c.Spend > 40 ? 1 : 0).Append('\n');
        }

        var covariates = CustomerCovariatesCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), customers, null);
        var fit = ParetoNbdModel.Fit(customers, new CovariateOptions(covariates) { Purchase = ["big_first"], Dropout = ["big_first"] }, null);

        Assert.Equal(FitStatus.Converged, fit.Status);
        Assert.True(fit.LikelihoodLn >= ParetoNbdModel.Fit(customers).LikelihoodLn - 1e-6);
    }
}
