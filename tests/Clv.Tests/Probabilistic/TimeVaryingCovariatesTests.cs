using Clv.Internal;
using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The time-varying covariates, their options and the model's shell read directly: how values are laid out and copied, which
/// period holds a day, and each refusal with the parameter and the message it gives.
/// </summary>
public class TimeVaryingCovariatesTests
{
    private static readonly DateOnly[] Starts = [new(2024, 1, 1), new(2024, 1, 8), new(2024, 2, 1)];

    private static double[,,] Values(int customers, int periods, int columns)
    {
        var values = new double[customers, periods, columns];
        for (int i = 0; i < customers; i++)
        {
            for (int p = 0; p < periods; p++)
            {
                for (int j = 0; j < columns; j++)
                {
                    values[i, p, j] = (100 * i) + (10 * p) + j;
                }
            }
        }

        return values;
    }

    [Fact]
    public void Create_EveryValueReadBackByIndex_AndCopied()
    {
        var values = Values(4, 3, 2);
        var names = new List<string> { "promo", "Promo" };
        var starts = Starts.ToList();
        var covariates = TimeVaryingCovariates.Create(names, starts, values);
        values[1, 2, 1] = -1;
        names[0] = "changed";
        starts[0] = new DateOnly(2000, 1, 1);

        Assert.Equal(4, covariates.Count);
        Assert.Equal(["promo", "Promo"], covariates.Names);
        Assert.Equal(Starts, covariates.PeriodStarts);
        for (int i = 0; i < 4; i++)
        {
            for (int p = 0; p < 3; p++)
            {
                for (int j = 0; j < 2; j++)
                {
                    Assert.Equal((100 * i) + (10 * p) + j, covariates[i, p, j]);
                    Assert.Equal(covariates[i, p, j], covariates.Value(i, p, j));
                }
            }
        }

        Assert.Equal(1, covariates.IndexOf("Promo"));
        Assert.Equal(-1, covariates.IndexOf("PROMO"));
    }

    [Fact]
    public void Create_NoCustomers_IsAllowed()
    {
        var covariates = TimeVaryingCovariates.Create(["promo"], [Starts[0]], new double[0, 1, 1]);
        Assert.Equal(0, covariates.Count);
    }

    [Theory]
    [InlineData(-1, 0, 0, "customer", 3)]
    [InlineData(3, 0, 0, "customer", 3)]
    [InlineData(0, -1, 0, "period", 2)]
    [InlineData(0, 2, 0, "period", 2)]
    [InlineData(0, 0, -1, "column", 1)]
    [InlineData(0, 0, 1, "column", 1)]
    public void Indexer_OutOfRange_NamesTheIndexAndRange(int customer, int period, int column, string name, int count)
    {
        var covariates = TimeVaryingCovariates.Create(["promo"], Starts[..2], Values(3, 2, 1));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => covariates[customer, period, column]);
        Assert.Equal(name, e.ParamName);
        int index = name switch { "customer" => customer, "period" => period, _ => column };
        Assert.StartsWith(Guard.Format($"{name} must be between 0 and {count - 1}, but was {index}."), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PeriodOf_TheLatestStartOnOrBeforeTheDay_MinusOneBefore()
    {
        var covariates = TimeVaryingCovariates.Create(["promo"], Starts, Values(1, 3, 1));
        Assert.Equal(-1, covariates.PeriodOf(Starts[0].DayNumber - 1));
        Assert.Equal(0, covariates.PeriodOf(Starts[0].DayNumber));
        Assert.Equal(0, covariates.PeriodOf(Starts[1].DayNumber - 1));
        Assert.Equal(1, covariates.PeriodOf(Starts[1].DayNumber));
        Assert.Equal(1, covariates.PeriodOf(Starts[1].DayNumber + 5));
        Assert.Equal(2, covariates.PeriodOf(Starts[2].DayNumber));
        Assert.Equal(2, covariates.PeriodOf(Starts[2].DayNumber + 10_000));
        Assert.Equal(Starts[1].DayNumber, covariates.StartDay(1));
        Assert.Equal(Starts[2].DayNumber, covariates.StartDay(2));
        Assert.Equal(int.MaxValue, covariates.StartDay(3));
    }

    [Fact]
    public void Create_NullArgument_NamesIt()
    {
        Assert.Equal("names", Assert.Throws<ArgumentNullException>(() => TimeVaryingCovariates.Create(null!, Starts, Values(1, 3, 1))).ParamName);
        Assert.Equal("periodStarts", Assert.Throws<ArgumentNullException>(() => TimeVaryingCovariates.Create(["a"], null!, Values(1, 3, 1))).ParamName);
        Assert.Equal("values", Assert.Throws<ArgumentNullException>(() => TimeVaryingCovariates.Create(["a"], Starts, null!)).ParamName);
    }

    [Theory]
    [InlineData(2, 1, "2 names were given for 1 covariates")]
    [InlineData(1, 2, "1 names were given for 2 covariates")]
    [InlineData(0, 0, "0 names were given for 0 covariates")]
    public void Create_NamesDoNotMatchTheColumns_SaysHowMany(int names, int columns, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => TimeVaryingCovariates.Create([.. Enumerable.Range(0, names).Select(i => "c" + i)], Starts, Values(1, 3, columns)));
        Assert.Equal("names", e.ParamName);
        Assert.StartsWith(expected + "; give one name per covariate, at least one.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, 3, "2 period starts were given for 3 periods")]
    [InlineData(3, 2, "3 period starts were given for 2 periods")]
    [InlineData(0, 0, "0 period starts were given for 0 periods")]
    public void Create_StartsDoNotMatchThePeriods_SaysHowMany(int starts, int periods, string expected)
    {
        var e = Assert.Throws<ArgumentException>(() => TimeVaryingCovariates.Create(["a"], Starts[..starts], Values(1, periods, 1)));
        Assert.Equal("periodStarts", e.ParamName);
        Assert.StartsWith(expected + " of values; give one start per period, at least one.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "b")]
    [InlineData(" ", "b")]
    [InlineData("b", "b")]
    public void Create_NameEmptyOrRepeated_NamesIt(string first, string second)
    {
        var e = Assert.Throws<ArgumentException>(() => TimeVaryingCovariates.Create(["a", first, second], Starts, Values(1, 3, 3)));
        Assert.Equal("names", e.ParamName);
        string bad = string.IsNullOrWhiteSpace(first) ? first : second;
        Assert.StartsWith($"Covariate name '{bad}' is empty or repeated.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Create_StartsNotStrictlyAscending_NamesThePeriodAndDates(int shift)
    {
        DateOnly[] starts = [Starts[0], Starts[1], Starts[1].AddDays(shift)];
        var e = Assert.Throws<ArgumentException>(() => TimeVaryingCovariates.Create(["a"], starts, Values(1, 3, 1)));
        Assert.Equal("periodStarts", e.ParamName);
        Assert.StartsWith(
            Guard.Format($"Period starts must be strictly ascending, but period 2 starts on {starts[2]:yyyy-MM-dd}, not after 2024-01-08."),
            e.Message,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Create_ValueNotFinite_NamesCovariateCustomerAndPeriod(double value, string shown)
    {
        var values = Values(3, 3, 2);
        values[1, 2, 1] = value;
        var e = Assert.Throws<ArgumentException>(() => TimeVaryingCovariates.Create(["promo", "price"], Starts, values));
        Assert.Equal("values", e.ParamName);
        Assert.StartsWith($"Covariate 'price' of customer 1 in period 2 is {shown}; every value must be a finite number.", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_Defaults_AndNullCovariatesRefused()
    {
        Assert.Equal("covariates", Assert.Throws<ArgumentNullException>(() => new TimeVaryingCovariateOptions(null!)).ParamName);
        var covariates = TimeVaryingCovariates.Create(["promo"], Starts, Values(1, 3, 1));
        var options = new TimeVaryingCovariateOptions(covariates);
        Assert.Same(covariates, options.Covariates);
        Assert.Empty(options.Purchase);
        Assert.Empty(options.Dropout);
        Assert.Equal(0, options.Regularization);
    }

    public static TheoryData<string, Func<TimeVaryingCovariates, TimeVaryingCovariateOptions>, string> BadOptions => new()
    {
        { "covariates", c => new(c) { Purchase = ["promo"], Dropout = ["contact", "contact"] }, "covariates.Dropout names 'contact' twice." },
        { "covariates", c => new(c) { Purchase = ["price"] }, "covariates.Purchase names 'price', which is not a covariate; the covariates are promo, contact." },
        { "covariates", c => new(c) { Purchase = null! }, "covariates.Purchase must not be null." },
        { "covariates", c => new(c) { Dropout = null!, Purchase = ["promo"] }, "covariates.Dropout must not be null." },
        { "covariates", c => new(c), "Name at least one covariate in covariates.Purchase or covariates.Dropout." },
        { "covariates.Regularization", c => new(c) { Purchase = ["promo"], Regularization = -0.5 }, "covariates.Regularization must be a finite number of at least 0, but was -0.5." },
        { "covariates.Regularization", c => new(c) { Purchase = ["promo"], Regularization = double.PositiveInfinity }, "covariates.Regularization must be a finite number of at least 0, but was Infinity." },
        { "covariates.Regularization", c => new(c) { Purchase = ["promo"], Regularization = double.NaN }, "covariates.Regularization must be a finite number of at least 0, but was NaN." },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Fit_BadOptions_NameTheProperty(string paramName, Func<TimeVaryingCovariates, TimeVaryingCovariateOptions> options, string expected)
    {
        var (customers, covariates) = TwoCustomers();
        var e = Assert.ThrowsAny<ArgumentException>(() => ParetoNbdModel.Fit(customers, options(covariates), null));
        Assert.Equal(paramName, e.ParamName);
        Assert.StartsWith(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_CovariateRowsDifferFromCustomers_SaysBoth()
    {
        var (customers, _) = TwoCustomers();
        var three = TimeVaryingCovariates.Create(["promo", "contact"], Starts, Values(3, 3, 2));
        var e = Assert.Throws<ArgumentException>(() => ParetoNbdModel.Fit(customers, new TimeVaryingCovariateOptions(three) { Purchase = ["promo"] }, null));
        Assert.StartsWith("The covariates have 3 rows but the summaries have 2 customers", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Model_Constructor_RefusesEachBadPart()
    {
        var plain = new ParetoNbdModel(0.55, 10.58, 0.61, 11.67, TimeUnit.Week);
        Assert.Equal("baseModel", Assert.Throws<ArgumentNullException>(() => new TimeVaryingParetoNbdModel(null!, [new("a", 1)], [])).ParamName);
        Assert.Equal("purchase", Assert.Throws<ArgumentNullException>(() => new TimeVaryingParetoNbdModel(plain, null!, [])).ParamName);
        Assert.Equal("dropout", Assert.Throws<ArgumentNullException>(() => new TimeVaryingParetoNbdModel(plain, [], null!)).ParamName);

        var none = Assert.Throws<ArgumentException>(() => new TimeVaryingParetoNbdModel(plain, [], []));
        Assert.Equal("purchase", none.ParamName);
        Assert.StartsWith("A covariate model needs at least one coefficient.", none.Message, StringComparison.Ordinal);

        var twice = Assert.Throws<ArgumentException>(() => new TimeVaryingParetoNbdModel(plain, [], [new("a", 1), new("a", 2)]));
        Assert.Equal("dropout", twice.ParamName);
        Assert.StartsWith("Covariate name 1 ('a') is empty or repeated.", twice.Message, StringComparison.Ordinal);

        var nan = Assert.Throws<ArgumentException>(() => new TimeVaryingParetoNbdModel(plain, [new("a", double.NaN)], []));
        Assert.Equal("purchase", nan.ParamName);
        Assert.StartsWith("The coefficient of 'a' is NaN; it must be a finite number.", nan.Message, StringComparison.Ordinal);

        // The same name may shift both processes.
        var both = new TimeVaryingParetoNbdModel(plain, [new("a", 0.5)], [new("a", -0.25)]);
        Assert.Equal(["a"], both.PurchaseCovariates);
        Assert.Equal([0.5], both.PurchaseCoefficients);
        Assert.Equal(["a"], both.DropoutCovariates);
        Assert.Equal([-0.25], both.DropoutCoefficients);
        Assert.Same(plain, both.BaseModel);
        Assert.Equal(Guard.Format($"{plain} with time-varying purchase: a 0.5; dropout: a -0.25"), both.ToString());

        // A process without covariates is described as such, not left blank.
        var purchaseOnly = new TimeVaryingParetoNbdModel(plain, [new("a", 0.5), new("b", 1.25)], []);
        Assert.Equal(Guard.Format($"{plain} with time-varying purchase: a 0.5, b 1.25; dropout: none"), purchaseOnly.ToString());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ConditionalExpectedPurchases_BadHorizon_NamesTime(double time)
    {
        var (customers, covariates) = TwoCustomers();
        var model = Model();
        Assert.Equal("time", Assert.Throws<ArgumentOutOfRangeException>(() => model.ConditionalExpectedPurchases(customers, covariates, time)).ParamName);
    }

    [Fact]
    public void Predictions_CovariatesDoNotFit_SayWhy()
    {
        var (customers, covariates) = TwoCustomers();
        var model = Model();
        var three = TimeVaryingCovariates.Create(["promo", "contact"], Starts, Values(3, 3, 2));
        var e = Assert.Throws<ArgumentException>(() => model.ProbabilityAlive(customers, three));
        Assert.Equal("covariates", e.ParamName);
        Assert.StartsWith("The covariates have 3 customers but the summaries have 2.", e.Message, StringComparison.Ordinal);

        var other = TimeVaryingCovariates.Create(["promo", "season"], Starts, Values(2, 3, 2));
        e = Assert.Throws<ArgumentException>(() => model.LikelihoodLn(customers, other));
        Assert.Equal("covariates", e.ParamName);
        Assert.StartsWith("The model needs covariate 'contact', which is not among promo, season.", e.Message, StringComparison.Ordinal);

        Assert.Equal("customers", Assert.Throws<ArgumentNullException>(() => model.ProbabilityAlive(null!, covariates)).ParamName);
        Assert.Equal("covariates", Assert.Throws<ArgumentNullException>(() => model.ProbabilityAlive(customers, null!)).ParamName);
    }

    private static TimeVaryingParetoNbdModel Model() =>
        new(new ParetoNbdModel(0.55, 10.58, 0.61, 11.67, TimeUnit.Week), [new("promo", 0.3)], [new("contact", 0.2)]);

    private static (CustomerSummaries Customers, TimeVaryingCovariates Covariates) TwoCustomers()
    {
        var rows = new[] { new Transaction("a", new DateOnly(2024, 1, 3), 10), new Transaction("a", new DateOnly(2024, 1, 20), 10), new Transaction("b", new DateOnly(2024, 1, 9), 10) };
        var customers = CustomerSummaries.FromTransactions(rows, new DateOnly(2024, 3, 1), TimeUnit.Week);
        return (customers, TimeVaryingCovariates.Create(["promo", "contact"], Starts, Values(2, 3, 2)));
    }
}
