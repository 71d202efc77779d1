using System.Text.RegularExpressions;
using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// <see cref="FitResult{TModel}.FromJson"/> on a fit result edited by hand or crafted: a negative count, a log-covariance
/// entry or parameter estimate written beyond a double's range (read as infinity), or a NaN among a covariance's numbers is
/// refused with an error naming the field and the value (they were read as they were).
/// </summary>
public class FitResultJsonTests
{
    [Theory]
    [InlineData("iterations", "-1")]
    [InlineData("observationCount", "-2357")]
    [InlineData("excludedCount", "-1")]
    public void FromJson_NegativeCount_ThrowsNamingTheFieldAndValue(string field, string value)
    {
        string json = Replace(CdnowFits.BgNbd.ToJson(), $"\"{field}\":[^,}}]+", $"\"{field}\":{value}");
        var ex = Assert.Throws<FormatException>(() => FitResult<BgNbdModel>.FromJson(json));
        Assert.Contains($"field \"fit.{field}\" is {value}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_ZeroCounts_Read()
    {
        string json = Replace(CdnowFits.BgNbd.ToJson(), "\"iterations\":[^,}]+", "\"iterations\":0");
        Assert.Equal(0, FitResult<BgNbdModel>.FromJson(json).Iterations);
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    public void FromJson_CovarianceBeyondADouble_ThrowsNamingTheEntryAndValue(string value)
    {
        string json = Replace(CdnowFits.BgNbd.ToJson(), "\"logCovariance\":\\[[^,\\]]+", "\"logCovariance\":[" + value);
        var ex = Assert.Throws<FormatException>(() => FitResult<BgNbdModel>.FromJson(json));
        Assert.Contains($"field \"fit.logCovariance[0]\" is {value}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_NaNAmongCovarianceNumbers_ThrowsNamingTheEntry()
    {
        string json = Replace(CdnowFits.BgNbd.ToJson(), "\"logCovariance\":\\[([^,\\]]+),[^,\\]]+", "\"logCovariance\":[$1,\"NaN\"");
        var ex = Assert.Throws<FormatException>(() => FitResult<BgNbdModel>.FromJson(json));
        Assert.Contains("field \"fit.logCovariance[1]\" is \"NaN\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_AllNaNCovariance_ReadsAsAMaximumNotIdentified()
    {
        var fit = CdnowFits.BgNbd;
        string nan = string.Join(",", Enumerable.Repeat("\"NaN\"", fit.LogCovariance.Count));
        string json = Replace(fit.ToJson(), "\"logCovariance\":\\[[^\\]]*\\]", "\"logCovariance\":[" + nan + "]");
        var back = FitResult<BgNbdModel>.FromJson(json);
        Assert.Equal(fit.LogCovariance.Count, back.LogCovariance.Count);
        Assert.All(back.LogCovariance, c => Assert.True(double.IsNaN(c)));
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e999")]
    public void FromJson_EstimateBeyondADouble_ThrowsNamingTheFieldAndValue(string value)
    {
        string json = Replace(CdnowFits.BgNbd.ToJson(), "\"estimate\":[^,}]+", "\"estimate\":" + value);
        var ex = Assert.Throws<FormatException>(() => FitResult<BgNbdModel>.FromJson(json));
        Assert.Contains("field \"fit.parameters[0].estimate\" is not a finite number (it is " + value + ")", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_CovarianceOfAnotherSize_ThrowsNamingTheCounts()
    {
        // One entry dropped: it read, and the prediction intervals later said "no finite covariance".
        string json = Replace(CdnowFits.BgNbd.ToJson(), "\"logCovariance\":\\[[^,\\]]+,", "\"logCovariance\":[");
        var ex = Assert.Throws<FormatException>(() => FitResult<BgNbdModel>.FromJson(json));
        Assert.Contains("field \"fit.logCovariance\" has 15 entries; the covariance of the 4 parameters has 16 (or none)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_NegativeStandardError_ThrowsNamingTheParameter()
    {
        string json = Replace(CdnowFits.BgNbd.ToJson(), "\"standardError\":[^,}]+", "\"standardError\":-0.5");
        var ex = Assert.Throws<FormatException>(() => FitResult<BgNbdModel>.FromJson(json));
        Assert.Contains("field \"fit.parameters[0].standardError\" is -0.5; a standard error is 0 or more", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_FitParametersInAnotherOrder_ThrowsNamingTheParameter()
    {
        // r and alpha swapped in the fit's list: read before, and the prediction intervals drew around r = alpha, alpha = r.
        string json = CdnowFits.BgNbd.ToJson().Replace("\"name\":\"r\"", "\"name\":\"@\"", StringComparison.Ordinal)
            .Replace("\"name\":\"alpha\"", "\"name\":\"r\"", StringComparison.Ordinal).Replace("\"name\":\"@\"", "\"name\":\"alpha\"", StringComparison.Ordinal);
        var ex = Assert.Throws<FormatException>(() => FitResult<BgNbdModel>.FromJson(json));
        Assert.Contains("field \"fit.parameters[0].name\" is \"alpha\", but the model's parameter 1 is \"r\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_ModelEditedButNotItsFit_ThrowsNamingBothValues()
    {
        var fit = CdnowFits.BgNbd;
        double r = fit.Model.R;
        string json = Replace(fit.ToJson(), "\"parameters\":\\{\"r\":[^,]+", "\"parameters\":{\"r\":0.5");
        var ex = Assert.Throws<FormatException>(() => FitResult<BgNbdModel>.FromJson(json));
        Assert.Contains(FormattableString.Invariant($"field \"fit.parameters[0].estimate\" is {r:R}, but the model's r is 0.5"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_FitListingFewerParametersThanTheModel_Throws()
    {
        string json = Replace(CdnowFits.GammaGamma.ToJson(), ",\\{\"name\":\"v\"[^}]+\\}", string.Empty);
        var ex = Assert.Throws<FormatException>(() => FitResult<GammaGammaModel>.FromJson(json));
        Assert.Contains("field \"fit.parameters\" lists 2 parameters, but the model has \"v\" as parameter 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_EveryFitOfTheCdnowModels_RoundTrips()
    {
        Assert.Equal(CdnowFits.BgNbd.ToJson(), FitResult<BgNbdModel>.FromJson(CdnowFits.BgNbd.ToJson()).ToJson());
        Assert.Equal(CdnowFits.MbgNbd.ToJson(), FitResult<MbgNbdModel>.FromJson(CdnowFits.MbgNbd.ToJson()).ToJson());
        Assert.Equal(CdnowFits.GammaGamma.ToJson(), FitResult<GammaGammaModel>.FromJson(CdnowFits.GammaGamma.ToJson()).ToJson());
    }

    private static string Replace(string json, string pattern, string replacement)
    {
        string spoilt = Regex.Replace(json, pattern, replacement, RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.NotEqual(json, spoilt);
        return spoilt;
    }
}
