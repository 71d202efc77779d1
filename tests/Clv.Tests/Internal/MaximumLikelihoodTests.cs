using Clv.Internal;
using Clv.Probabilistic;

namespace Clv.Tests.Internal;

public class MaximumLikelihoodTests
{
    [Fact]
    public void Minimize_ExponentialRate_FindsClosedFormEstimateAndStandardError()
    {
        double[] x = [0.5, 1.5, 2.0, 0.25, 3.0, 1.0, 0.75];
        double n = x.Length, sum = x.Sum();

        // NLL(lambda) = -n ln(lambda) + lambda sum x, over theta = ln(lambda).
        MaximumLikelihood.Objective nll = (theta, grad) =>
        {
            double lambda = Math.Exp(theta[0]);
            grad[0] = (-n) + (lambda * sum);
            return (-n * theta[0]) + (lambda * sum);
        };

        var outcome = MaximumLikelihood.Minimize(nll, [[0.0], [2.0]], "Exponential", cancellationToken: TestContext.Current.CancellationToken);
        double estimate = Math.Exp(outcome.Theta[0]);
        Assert.Equal(n / sum, estimate, 1e-6);

        // Fisher information n / lambda^2, so SE = lambda / sqrt(n).
        var se = MaximumLikelihood.StandardErrors(nll, outcome.Theta);
        Assert.Equal(estimate / Math.Sqrt(n), se[0], 1e-4);
    }

    [Fact]
    public void Minimize_UnboundedObjective_ThrowsModelFitExceptionSayingWhy()
    {
        // Decreasing without bound as theta grows: no maximum-likelihood estimate exists.
        MaximumLikelihood.Objective nll = (theta, grad) =>
        {
            grad[0] = -1;
            return -theta[0];
        };

        var ex = Assert.Throws<ModelFitException>(() => MaximumLikelihood.Minimize(nll, [[0.0]], "Unbounded", maxIterations: 200, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("Unbounded fit did not converge", ex.Message, StringComparison.Ordinal);
    }
}
