using Clv.Probabilistic;
using Xunit;

namespace Clv.Tests.Probabilistic;

/// <summary>The holdout errors and totals (summary.json's <c>holdout</c>) are the same doubles whatever order the customers come in.</summary>
public class HoldoutValidationOrderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Evaluate_AnyCustomerOrder_SameErrorsAndTotals(int seed)
    {
        var (a, b) = CustomerOrder.Summaries(seed, 1500);
        var model = BgNbdModel.Fit(a).Model;
        var x = HoldoutValidation.Evaluate(model, a);
        var y = HoldoutValidation.Evaluate(model, b);

        Assert.True(CustomerOrder.Same(x.MeanAbsoluteError, y.MeanAbsoluteError), $"MAE {x.MeanAbsoluteError:R} against {y.MeanAbsoluteError:R}");
        Assert.True(CustomerOrder.Same(x.RootMeanSquaredError, y.RootMeanSquaredError), $"RMSE {x.RootMeanSquaredError:R} against {y.RootMeanSquaredError:R}");
        Assert.True(CustomerOrder.Same(x.PredictedTotal, y.PredictedTotal), $"predicted {x.PredictedTotal:R} against {y.PredictedTotal:R}");
        Assert.True(CustomerOrder.Same(x.ActualTotal, y.ActualTotal));
        Assert.Equal(x.Rows, y.Rows);
    }
}
