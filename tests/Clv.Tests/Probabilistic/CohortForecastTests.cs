using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

public class CohortForecastTests
{
    [Fact]
    public void ActualCumulativeRepeatPurchases_Cdnow_CountsEveryRepeatDay()
    {
        var weeks = new double[] { 0, 39, 78, 100 };
        var actual = CohortForecast.ActualCumulativeRepeatPurchases(CdnowFits.Summaries, TimeUnit.Week, weeks);
        Assert.Equal(0, actual[0]);
        Assert.Equal(2457 + 1882, actual[3]);
        Assert.True(actual[1] < actual[2] && actual[2] <= actual[3]);
    }

    [Fact]
    public void ExpectedCumulativeRepeatPurchases_CdnowBgNbd_TracksActualAndNeverDecreases()
    {
        var weeks = Enumerable.Range(0, 79).Select(w => (double)w).ToArray();
        var expected = CohortForecast.ExpectedCumulativeRepeatPurchases(CdnowFits.BgNbd.Model, CdnowFits.Summaries, weeks);
        var actual = CohortForecast.ActualCumulativeRepeatPurchases(CdnowFits.Summaries, TimeUnit.Week, weeks);
        Assert.Equal(0, expected[0]);
        for (int k = 1; k < weeks.Length; k++)
        {
            Assert.True(expected[k] >= expected[k - 1]);
        }

        // Calibration ends at week 39 of the cohort's window (1997-01-01 .. 1997-09-30): the fit matches the calibration total closely.
        Assert.Equal(actual[39], expected[39], actual[39] * 0.03);
        Assert.Equal(actual[78], expected[78], actual[78] * 0.1);
    }
}
