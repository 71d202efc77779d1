using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

public class MbgNbdModelTests
{
    [Fact]
    public void Fit_Cdnow_MatchesPublishedParametersAndLogLikelihood()
    {
        var fit = CdnowFits.MbgNbd;
        var m = fit.Model;
        CdnowFits.Relative(0.524838, m.R, 1e-3);
        CdnowFits.Relative(6.182990, m.Alpha, 1e-3);
        CdnowFits.Relative(0.891356, m.A, 1e-3);
        CdnowFits.Relative(1.614000, m.B, 1e-3);
        Assert.Equal(-9582.13, fit.LikelihoodLn, 1e-2);
    }
}
