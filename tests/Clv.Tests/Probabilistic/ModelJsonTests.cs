using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

public class ModelJsonTests
{
    /// <summary>One model of every probabilistic type, with its JSON name and a field every one of them has.</summary>
    public static TheoryData<string> ModelNames => [.. ModelJson.ModelNames];

    private static IJsonPersistable Model(string name) => name switch
    {
        "BG/NBD" => new BgNbdModel(0.25, 4, 0.8, 2.5, TimeUnit.Week),
        "MBG/NBD" => new MbgNbdModel(0.5, 6.1, 0.9, 1.6, TimeUnit.Month),
        "Pareto/NBD" => new ParetoNbdModel(0.55, 10.6, 0.61, 11.7, TimeUnit.Day),
        "Gamma-Gamma" => new GammaGammaModel(6.25, 3.74, 15.44),
        "BG/BB" => new BetaGeoBetaBinomModel(1.2, 0.75, 0.66, 2.78),
        "sBG" => new ShiftedBetaGeometricModel(0.704, 1.182),
        "BG/NBD with covariates" => new CovariatePurchaseModel(new BgNbdModel(0.25, 4, 0.8, 2.5, TimeUnit.Week), [new("gender", 0.3)], [new("gender", -0.2), new("web", 0.1)]),
        "MBG/NBD with covariates" => new CovariatePurchaseModel(new MbgNbdModel(0.5, 6.1, 0.9, 1.6, TimeUnit.Month), [new("web", 1.25)], []),
        "Pareto/NBD with covariates" => new CovariatePurchaseModel(new ParetoNbdModel(0.55, 10.6, 0.61, 11.7, TimeUnit.Day), [], [new("age", -0.015)]),
        "Gamma-Gamma with covariates" => new CovariateSpendModel(new GammaGammaModel(6.25, 3.74, 15.44), [new("web", 0.31), new("age", -0.0125)]),
        "Normal-Normal" => new NormalNormalModel(-4.5, 12.25, 30.5),
        "Pareto/NBD with time-varying covariates" => new TimeVaryingParetoNbdModel(new ParetoNbdModel(0.55, 10.6, 0.61, 11.7, TimeUnit.Week), [new("promo", 0.4)], [new("contact", -0.25)]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void Save_Load_EveryModel_RoundTripsExactlyToItsOwnType(string name)
    {
        var model = Model(name);
        string json = ModelJson.Save(model);
        var loaded = ModelJson.Load(json);
        Assert.IsType(model.GetType(), loaded);
        Assert.Equal(json, loaded.ToJson());
        Assert.Equal(model.ToString(), loaded.ToString());
        Assert.Contains("\"model\":\"" + name + "\",\"version\":1", json, StringComparison.Ordinal);
    }

    [Fact]
    public void ToJson_BgNbd_HasVersionUnitAndNamedParameters()
    {
        string json = new BgNbdModel(0.25, 4, 0.8, 2.5, TimeUnit.Week).ToJson();
        Assert.Equal("""{"model":"BG/NBD","version":1,"timeUnit":"Week","parameters":{"r":0.25,"alpha":4,"a":0.8,"b":2.5}}""", json);
    }

    [Fact]
    public void Load_ChosenModelOfAComparison_ComesBackAsAPurchaseModelOfTheRightType()
    {
        var chosen = ModelComparison.Compare(CdnowFits.Summaries).BestByBic!.Value.Model!;
        var loaded = ModelJson.Load<PurchaseModel>(ModelJson.Save(chosen));
        Assert.Equal(chosen.GetType(), loaded.GetType());
        Assert.Equal(chosen.ProbabilityAlive(2, 30.43, 38.86), loaded.ProbabilityAlive(2, 30.43, 38.86));
    }

    [Fact]
    public void Load_WrongTypeRequested_ThrowsNamingBothTypes()
    {
        string json = ModelJson.Save(new GammaGammaModel(6.25, 3.74, 15.44));
        var ex = Assert.Throws<FormatException>(() => ModelJson.Load<PurchaseModel>(json));
        Assert.Contains("PurchaseModel", ex.Message, StringComparison.Ordinal);
        Assert.Contains("GammaGammaModel", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"model":"Weibull","version":1}""", "field \"model\" is \"Weibull\", expected one of BG/NBD")]
    [InlineData("""[1, 2]""", "\"model\"")]
    [InlineData("""not json""", "not valid JSON")]
    public void Load_NotAModel_ThrowsSayingWhy(string json, string why)
    {
        var ex = Assert.Throws<FormatException>(() => ModelJson.Load(json));
        Assert.Contains(why, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ModelNames))]
    public void FromJson_EveryModel_ErrorsNameTheField(string name)
    {
        string json = Model(name).ToJson();
        string first = json.Split("\"parameters\":{")[1].Split('"')[1];

        // A later version, a wrong model name, a missing parameter, a negative parameter, a string parameter, malformed text.
        AssertFails(json.Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal), "field \"version\" is 2");
        AssertFails(json.Replace("\"model\":\"" + name + "\"", "\"model\":\"Other\"", StringComparison.Ordinal), "field \"model\" is \"Other\"");
        AssertFails(RemoveParameter(json, first), $"field \"parameters.{first}\" is missing");
        AssertFails(SetParameter(json, first, "-1"), $"field \"parameters.{first}\" is -1");
        AssertFails(SetParameter(json, first, "\"x\""), $"field \"parameters.{first}\" is the string \"x\"");
        AssertFails(json[..^3], "is not valid JSON");
        if (json.Contains("timeUnit", StringComparison.Ordinal))
        {
            AssertFails(System.Text.RegularExpressions.Regex.Replace(json, "\"timeUnit\":\"[A-Za-z]+\"", "\"timeUnit\":\"Fortnight\""), "field \"timeUnit\" is \"Fortnight\", expected one of Day, Week, Month, Year");
        }

        void AssertFails(string text, string why)
        {
            var ex = Assert.Throws<FormatException>(() => ModelJson.Load(text));
            Assert.Contains(why, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void FitResult_ToJson_RoundTripsStatusLikelihoodAndStandardErrors()
    {
        var fit = CdnowFits.BgNbd;
        var back = FitResult<BgNbdModel>.FromJson(fit.ToJson());
        Assert.Equal(fit.Model.ToJson(), back.Model.ToJson());
        Assert.Equal(fit.Status, back.Status);
        Assert.Equal(fit.StatusMessage, back.StatusMessage);
        Assert.Equal(fit.LikelihoodLn, back.LikelihoodLn);
        Assert.Equal(fit.Iterations, back.Iterations);
        Assert.Equal(fit.ObservationCount, back.ObservationCount);
        Assert.Equal(fit.ExcludedCount, back.ExcludedCount);
        Assert.Equal(fit.Parameters, back.Parameters);
        Assert.Equal(fit.ToJson(), back.ToJson());

        // A fit result loads as its model too.
        Assert.IsType<BgNbdModel>(ModelJson.Load(fit.ToJson()));
    }

    [Fact]
    public void FitResult_FromJson_MissingFitPart_NamesTheField()
    {
        var ex = Assert.Throws<FormatException>(() => FitResult<BgNbdModel>.FromJson(CdnowFits.BgNbd.Model.ToJson()));
        Assert.Contains("field \"fit.parameters\" is missing", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A log-likelihood or standard error written as a number beyond a double's range (1e400) is refused naming the field:
    /// .NET reads it as infinity, which the file would then claim without saying so (infinities are written as strings).
    /// </summary>
    [Theory]
    [InlineData("likelihoodLn", "1e400")]
    [InlineData("likelihoodLn", "-1e400")]
    [InlineData("standardError", "1e999")]
    public void FitResult_FromJson_ANumberBeyondADouble_NamesTheField(string field, string value)
    {
        string json = CdnowFits.BgNbd.ToJson();
        string spoilt = System.Text.RegularExpressions.Regex.Replace(json, $"\"{field}\":[^,}}]+", $"\"{field}\":{value}", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.NotEqual(json, spoilt);
        var ex = Assert.Throws<FormatException>(() => FitResult<BgNbdModel>.FromJson(spoilt));
        Assert.Contains("is a number beyond the range of a double", ex.Message, StringComparison.Ordinal);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);

        // The strings stay the way to write the special values.
        var back = FitResult<BgNbdModel>.FromJson(System.Text.RegularExpressions.Regex.Replace(json, "\"likelihoodLn\":[^,}]+", "\"likelihoodLn\":\"-Infinity\""));
        Assert.Equal(double.NegativeInfinity, back.LikelihoodLn);
    }

    private static string RemoveParameter(string json, string parameter) =>
        System.Text.RegularExpressions.Regex.Replace(json, $"\"{parameter}\":[^,}}]+,?", string.Empty);

    private static string SetParameter(string json, string parameter, string value) =>
        System.Text.RegularExpressions.Regex.Replace(json, $"\"{parameter}\":[^,}}]+", $"\"{parameter}\":{value}");
}
