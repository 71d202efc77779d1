using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// A bootstrap refit that cannot identify the model (a resample of four customers, two of them repeat buyers) comes out as the
/// documented <see cref="ModelFitException"/> naming the draw, not wrapped in the thread pool's <see cref="AggregateException"/>.
/// </summary>
public class BootstrapRefitFailureTests
{
    private static readonly DateOnly Origin = new(2024, 1, 1);

    private static CustomerSummaries FourCustomers()
    {
        Transaction[] rows =
        [
            new("a", Origin, 10), new("a", Origin.AddDays(30), 12), new("a", Origin.AddDays(90), 9),
            new("b", Origin.AddDays(10), 20), new("b", Origin.AddDays(200), 25),
            new("c", Origin.AddDays(5), 7),
            new("d", Origin.AddDays(40), 8),
        ];
        return CustomerSummaries.FromTransactions(rows, Origin.AddDays(365), TimeUnit.Week);
    }

    [Fact]
    public void Compute_BootstrapRefitFails_ThrowsModelFitExceptionNamingTheDraw()
    {
        var customers = FourCustomers();
        var fit = BgNbdModel.Fit(customers);
        var options = new PredictionIntervalOptions { Uncertainty = ParameterUncertainty.Bootstrap, Draws = 50 };

        var e = Record.Exception(() => PredictionIntervals.Compute(fit, null, customers, 10, options));

        var failure = Assert.IsType<ModelFitException>(e);
        Assert.Matches(@"^Bootstrap refit \d+ of 50 failed \(the resampled customers cannot identify the model\): ", failure.Message);
        Assert.IsType<ModelFitException>(failure.InnerException);
    }
}
