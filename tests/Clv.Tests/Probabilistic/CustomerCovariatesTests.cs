using Clv.Internal;
using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Static covariates and the options of a covariate fit read directly: layout and copy, lookup by name, and each refusal with
/// the parameter and the message it gives.
/// </summary>
public class CustomerCovariatesTests
{
    private static double[,] Values(int rows, int columns)
    {
        var values = new double[rows, columns];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                values[i, j] = (10 * i) + j;
            }
        }

        return values;
    }

    [Fact]
    public void Create_EveryValueReadBackByIndex_AndCopied()
    {
        var values = Values(5, 3);
        var names = new List<string> { "gender", "Gender", "channel" };
        var covariates = CustomerCovariates.Create(names, values);
        values[2, 1] = -1;
        names[0] = "changed";

        Assert.Equal(5, covariates.Count);
        Assert.Equal(["gender", "Gender", "channel"], covariates.Names);
        for (int i = 0; i < 5; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal((10 * i) + j, covariates[i, j]);
                Assert.Equal(covariates[i, j], covariates.Value(i, j));
            }
        }

        Assert.Equal(0, covariates.IndexOf("gender"));
        Assert.Equal(1, covariates.IndexOf("Gender"));
        Assert.Equal(2, covariates.IndexOf("channel"));
        Assert.Equal(-1, covariates.IndexOf("GENDER"));
    }

    [Fact]
    public void Create_NoRows_IsAllowed()
    {
        Assert.Equal(0, CustomerCovariates.Create(["gender"], new double[0, 1]).Count);
    }

    [Theory]
    [InlineData(-1, 0, "customer", "Customer index must be between 0 and 2, but was -1.")]
    [InlineData(3, 0, "customer", "Customer index must be between 0 and 2, but was 3.")]
    [InlineData(0, -1, "column", "Column index must be between 0 and 1, but was -1.")]
    [InlineData(0, 2, "column", "Column index must be between 0 and 1, but was 2.")]
    public void Indexer_OutOfRange_NamesTheIndexAndRange(int customer, int column, string name, string message)
    {
        var covariates = CustomerCovariates.Create(["a", "b"], Values(3, 2));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => covariates[customer, column]);
        Assert.Equal(name, e.ParamName);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_NullArgument_NamesIt()
    {
        Assert.Equal("names", Assert.Throws<ArgumentNullException>(() => CustomerCovariates.Create(null!, Values(1, 1))).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => CustomerCovariates.Create(["a"], null!)).ParamName);
    }

    [Theory]
    [InlineData(2, 1, "2 names were given for 1 columns of values.")]
    [InlineData(1, 2, "1 names were given for 2 columns of values.")]
    [InlineData(0, 0, "At least one covariate name is needed.")]
    public void Create_NamesDoNotMatchTheColumns_SaysSo(int names, int columns, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => CustomerCovariates.Create([.. Enumerable.Range(0, names).Select(i => "c" + i)], Values(2, columns)));
        Assert.Equal("names", e.ParamName);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "b", "Covariate name 1 is empty.")]
    [InlineData(" ", "b", "Covariate name 1 is empty.")]
    [InlineData("b", "", "Covariate name 2 is empty.")]
    [InlineData("b", "b", "Covariate name 'b' is repeated (column 2).")]
    [InlineData("a", "b", "Covariate name 'a' is repeated (column 1).")]
    public void Create_NameEmptyOrRepeated_NamesItsColumn(string second, string third, string message)
    {
        var e = Assert.Throws<ArgumentException>(() => CustomerCovariates.Create(["a", second, third], Values(2, 3)));
        Assert.Equal("names", e.ParamName);
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Create_ValueNotFinite_NamesCovariateAndCustomer(double value, string shown)
    {
        var values = Values(4, 3);
        values[2, 1] = value;
        var e = Assert.Throws<ArgumentException>(() => CustomerCovariates.Create(["gender", "channel", "age"], values));
        Assert.Equal("values", e.ParamName);
        Assert.StartsWith($"Covariate 'channel' of customer 2 is {shown}; every value must be a finite number.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_AndNullCovariatesRefused()
    {
        Assert.Equal("covariates", Assert.Throws<ArgumentNullException>(() => new CovariateOptions(null!)).ParamName);
        var covariates = CustomerCovariates.Create(["gender"], Values(2, 1));
        var options = new CovariateOptions(covariates);
        Assert.Same(covariates, options.Covariates);
        Assert.Empty(options.Purchase);
        Assert.Empty(options.Dropout);
        Assert.Empty(options.Constrained);
        Assert.Equal(0, options.Regularization);
    }

    public static TheoryData<string, Func<CustomerCovariates, CovariateOptions>, string> BadOptions => new()
    {
        { "covariates", c => new(c) { Purchase = ["gender", "gender"] }, "covariates.Purchase names 'gender' twice." },
        { "covariates", c => new(c) { Dropout = ["age"] }, "covariates.Dropout names 'age', which is not a covariate; the covariates are gender, channel." },
        { "covariates", c => new(c) { Purchase = ["gender"], Constrained = ["nope"] }, "covariates.Constrained names 'nope', which is not a covariate" },
        { "covariates", c => new(c) { Purchase = null! }, "covariates.Purchase must not be null." },
        { "covariates", c => new(c) { Purchase = ["gender"], Dropout = null! }, "covariates.Dropout must not be null." },
        { "covariates", c => new(c) { Purchase = ["gender"], Constrained = null! }, "covariates.Constrained must not be null." },
        { "covariates", c => new(c) { Constrained = [] }, "Name at least one covariate in covariates.Purchase or covariates.Dropout." },
        { "covariates", c => new(c) { Purchase = ["gender", "channel"], Dropout = ["channel"], Constrained = ["gender"] }, "covariates.Constrained names 'gender', which must be in both covariates.Purchase and covariates.Dropout." },
        { "covariates", c => new(c) { Purchase = ["channel"], Dropout = ["gender", "channel"], Constrained = ["gender"] }, "covariates.Constrained names 'gender', which must be in both covariates.Purchase and covariates.Dropout." },
        { "covariates.Regularization", c => new(c) { Dropout = ["gender"], Regularization = -1e-9 }, "covariates.Regularization must be a finite number of at least 0, but was -1E-09." },
        { "covariates.Regularization", c => new(c) { Dropout = ["gender"], Regularization = double.NaN }, "covariates.Regularization must be a finite number of at least 0, but was NaN." },
        { "covariates.Regularization", c => new(c) { Dropout = ["gender"], Regularization = double.PositiveInfinity }, "covariates.Regularization must be a finite number of at least 0, but was Infinity." },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Fit_BadOptions_NameTheProperty(string paramName, Func<CustomerCovariates, CovariateOptions> options, string message)
    {
        var customers = CustomerSummaries.FromTransactions(
            [new("a", new DateOnly(2024, 1, 3), 10), new("a", new DateOnly(2024, 1, 20), 10), new("b", new DateOnly(2024, 1, 9), 10)],
            new DateOnly(2024, 3, 1),
            TimeUnit.Week);
        var covariates = CustomerCovariates.Create(["gender", "channel"], Values(2, 2));
        foreach (var fit in new Func<CovariateOptions, object>[]
        {
            o => BgNbdModel.Fit(customers, o, null), o => MbgNbdModel.Fit(customers, o, null), o => ParetoNbdModel.Fit(customers, o, null),
        })
        {
            var e = Assert.ThrowsAny<ArgumentException>(() => fit(options(covariates)));
            Assert.Equal(paramName, e.ParamName);
            Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Fit_CovariateRowsDifferFromCustomers_SaysBoth()
    {
        var customers = CustomerSummaries.FromTransactions([new("a", new DateOnly(2024, 1, 3), 10), new("b", new DateOnly(2024, 1, 9), 10)], new DateOnly(2024, 3, 1), TimeUnit.Week);
        var three = CustomerCovariates.Create(["gender"], Values(3, 1));
        var e = Assert.Throws<ArgumentException>(() => BgNbdModel.Fit(customers, new CovariateOptions(three) { Purchase = ["gender"] }, null));
        Assert.Equal("covariates", e.ParamName);
        Assert.StartsWith("The covariates have 3 rows but the summaries have 2 customers; give one row per customer, in the summaries' order.", e.Message, StringComparison.Ordinal);
    }
}
