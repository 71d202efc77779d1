using Clv.Internal;

namespace Clv.Tests.Internal;

/// <summary>
/// A likelihood whose gradient overflows (weights near the largest double, as in a BG/BB fit with weights of 1e300) gives a Hessian
/// with infinite or NaN entries. The Newton step's diagonal shift was raised tenfold until it exceeded 1e12 (1 + largest diagonal),
/// a bound that is itself infinite or NaN then, so the loop never ended and no cancellation token was looked at.
/// </summary>
public class MaximumLikelihoodOverflowTests
{
    /// <summary>
    /// ln L = −(θ − 1)², whose gradient overflows to <paramref name="overflow"/> anywhere beyond the start: the finite-difference Hessian
    /// then has NaN entries.
    /// </summary>
    private sealed class Overflowing(double overflow) : LikelihoodProblem("Overflowing", ["p"], [1], 10, 1)
    {
        private double? _start;

        public override IReadOnlyList<double[]> Starts { get; } = [[0.5]];

        public override double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient, CancellationToken cancellationToken)
        {
            _start ??= theta[0];
            gradient[0] = theta[0] > _start ? overflow : -2 * (theta[0] - 1);
            return -(theta[0] - 1) * (theta[0] - 1);
        }
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public async Task Maximize_OverflowedGradient_FailsInsteadOfHanging(double gradient)
    {
        // On the old code this never returned: run it on the pool and give it ample time.
        var token = TestContext.Current.CancellationToken;
        var run = Task.Run(() => Record.Exception(() => MaximumLikelihood.Maximize(new Overflowing(gradient), FitOptions.Default)), token);
        var first = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60), token));
        Assert.True(first == run, "the fit did not return within 60 s");
        Assert.IsType<ModelFitException>(await run);
    }
}
