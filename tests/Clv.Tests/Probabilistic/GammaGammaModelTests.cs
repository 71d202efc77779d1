using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

public class GammaGammaModelTests
{
    [Fact]
    public void Fit_Cdnow_MatchesPublishedParametersAndLogLikelihood()
    {
        var fit = CdnowFits.GammaGamma;
        var m = fit.Model;
        CdnowFits.Relative(6.248805, m.P, 1e-3);
        CdnowFits.Relative(3.744588, m.Q, 1e-3);
        CdnowFits.Relative(15.447738, m.V, 1e-3);
        Assert.Equal(-4055.92, fit.LikelihoodLn, 1e-2);
        Assert.Equal(946, fit.ObservationCount);
        Assert.Equal(2357 - 946, fit.ExcludedCount);
    }

    [Fact]
    // The published values are at the fitted estimates (not the rounded ones the table lists), to the cent.
    public void ConditionalExpectedSpend_FirstTenCdnowCustomers_MatchReference()
    {
        var m = new GammaGammaModel(6.248805, 3.744588, 15.447738);
        double[] expected = [24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17];
        var customers = CdnowFits.Summaries;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(customers.TryGetIndex((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), out int index));
            Assert.Equal(expected[i], m.ConditionalExpectedSpend(customers[index]), 0.005);
        }
    }

    [Fact]
    public void CheckIndependence_Cdnow_Is01139()
    {
        var check = GammaGammaModel.CheckIndependence(CdnowFits.Summaries);
        Assert.Equal(0.1139, check.Correlation, 4);
        Assert.Equal(946, check.Customers);
    }
}
