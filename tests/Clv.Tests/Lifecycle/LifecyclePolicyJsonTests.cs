using Clv.Lifecycle;

namespace Clv.Tests.Lifecycle;

public class LifecyclePolicyJsonTests
{
    private static readonly LifecycleOptions Custom = new()
    {
        ActivationWindowDays = 14,
        DormantAfterDays = 60,
        ChurnedAfterDays = 150,
        ReactivationHoldDays = 45,
        MatureMinPurchaseDays = 5,
        MatureMinTenureDays = 200,
    };

    public static TheoryData<string> Policies => ["days", "gap", "probability"];

    [Fact]
    public void ToJson_GapPolicy_WritesTheOneFormat()
    {
        string json = LifecyclePolicy.RelativeToGap(3, 6.5, Custom).ToJson();
        Assert.Equal(
            "{\"model\":\"LifecyclePolicy\",\"version\":1,\"rule\":\"GapMultiple\",\"dormantThreshold\":3,\"churnedThreshold\":6.5," +
            "\"options\":{\"activationWindowDays\":14,\"dormantAfterDays\":60,\"churnedAfterDays\":150,\"reactivationHoldDays\":45,\"matureMinPurchaseDays\":5,\"matureMinTenureDays\":200}}",
            json);
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void FromJson_RoundTrip_SameRulesAndSameStagesOnCdnow(string kind)
    {
        AliveProbability provider = (x, tx, t, _) => Math.Exp(-(t - tx) / (x + 2.0) / 10);
        var policy = kind switch
        {
            "days" => LifecyclePolicy.FromDays(Custom),
            "gap" => LifecyclePolicy.RelativeToGap(2.5, 5, Custom),
            _ => LifecyclePolicy.FromAliveProbability(provider, 0.4, 0.15, Custom),
        };
        string json = policy.ToJson();
        var back = LifecyclePolicy.FromJson(json, provider);

        Assert.Equal(json, back.ToJson());
        Assert.Equal(policy.Rule, back.Rule);
        Assert.Equal(policy.DormantThreshold, back.DormantThreshold);
        Assert.Equal(policy.ChurnedThreshold, back.ChurnedThreshold);
        Assert.Equal(policy.Options.MatureMinTenureDays, back.Options.MatureMinTenureDays);
        Assert.Equal(kind == "probability" ? provider : null, back.AliveProbability);
        var summaries = TestData.CdnowSummaries();
        foreach (var date in new[] { new DateOnly(1997, 3, 31), new DateOnly(1998, 1, 31) })
        {
            Assert.Equal(policy.Classify(summaries, date), back.Classify(summaries, date));
        }

        if (kind != "probability")
        {
            Assert.Equal(json, LifecyclePolicy.FromJson(json).ToJson());
        }
    }

    [Fact]
    public void FromJson_ProbabilityPolicyWithoutProvider_ClearError()
    {
        string json = LifecyclePolicy.FromAliveProbability((_, _, _, _) => 1, 0.5, 0.2).ToJson();
        var ex = Assert.Throws<ArgumentException>(() => LifecyclePolicy.FromJson(json));
        Assert.Equal("json", ex.ParamName);
        Assert.Contains("AliveProbability policy (dormant below 0.5, churned below 0.2)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("FromJson(json, aliveProbability)", ex.Message, StringComparison.Ordinal);
        ex = Assert.Throws<ArgumentException>(() => LifecyclePolicy.FromJson(json, null));
        Assert.Equal("aliveProbability", ex.ParamName);
    }

    [Theory]
    [InlineData("\"rule\":\"GapMultiple\"", "\"rule\":\"Sometimes\"", "rule", "is \"Sometimes\", expected one of Days, GapMultiple, AliveProbability")]
    [InlineData("\"rule\":\"GapMultiple\",", "", "rule", "is missing")]
    [InlineData("\"dormantThreshold\":3", "\"dormantThreshold\":-1", "dormantThreshold", "must be a finite number greater than 0, but was -1")]
    [InlineData("\"churnedThreshold\":6.5", "\"churnedThreshold\":2", "churnedThreshold", "cannot be below the dormancy threshold")]
    [InlineData("\"churnedThreshold\":6.5", "\"churnedThreshold\":\"6.5\"", "churnedThreshold", "expected a number")]
    [InlineData("\"activationWindowDays\":14", "\"activationWindowDays\":-1", "options.activationWindowDays", "must be at least 0, but was -1")]
    [InlineData("\"dormantAfterDays\":60", "\"dormantAfterDays\":200", "options.churnedAfterDays", "cannot be below the dormancy threshold (200 days)")]
    [InlineData("\"churnedAfterDays\":150", "\"churnedAfterDays\":1.5", "options.churnedAfterDays", "is not a whole number")]
    [InlineData("\"reactivationHoldDays\":45,", "", "options.reactivationHoldDays", "is missing")]
    [InlineData("\"matureMinPurchaseDays\":5", "\"matureMinPurchaseDays\":1", "options.matureMinPurchaseDays", "must be at least 2")]
    [InlineData("\"matureMinTenureDays\":200", "\"matureMinTenureDays\":-7", "options.matureMinTenureDays", "must be at least 0, but was -7")]
    [InlineData("\"model\":\"LifecyclePolicy\"", "\"model\":\"BG/NBD\"", "model", "expected \"LifecyclePolicy\"")]
    [InlineData("\"version\":1", "\"version\":2", "version", "is 2")]
    public void FromJson_BadField_ErrorNamesTheField(string find, string replace, string field, string problem)
    {
        string json = LifecyclePolicy.RelativeToGap(3, 6.5, Custom).ToJson();
        Assert.Contains(find, json, StringComparison.Ordinal);
        var ex = Assert.Throws<FormatException>(() => LifecyclePolicy.FromJson(json.Replace(find, replace, StringComparison.Ordinal)));
        Assert.Contains("field \"" + field + "\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_ProbabilityThresholdOutOfRange_ErrorNamesTheField()
    {
        string json = LifecyclePolicy.FromAliveProbability((_, _, _, _) => 1, 0.5, 0.2).ToJson().Replace("\"dormantThreshold\":0.5", "\"dormantThreshold\":1.5", StringComparison.Ordinal);
        var ex = Assert.Throws<FormatException>(() => LifecyclePolicy.FromJson(json, (_, _, _, _) => 1));
        Assert.Contains("field \"dormantThreshold\" is invalid: dormantThreshold must be between 0 and 1, but was 1.5.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_NotJson_FormatException()
    {
        Assert.Throws<FormatException>(() => LifecyclePolicy.FromJson("{"));
        Assert.Throws<FormatException>(() => LifecyclePolicy.FromJson("[]"));
        Assert.Throws<ArgumentNullException>(() => LifecyclePolicy.FromJson(null!));
    }
}
