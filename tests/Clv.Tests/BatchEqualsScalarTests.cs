using System.Reflection;
using Clv.Crm;
using Clv.Csv;
using Clv.Lifecycle;
using Clv.Probabilistic;
using Clv.Rfm;
using Clv.Tests.Probabilistic;
using Clv.Valuation;

namespace Clv.Tests;

/// <summary>
/// The batch rule: every public member that writes into a <c>Span&lt;T&gt; destination</c> gives exactly (bit for
/// bit) what its scalar form gives for each element, and so does its array form. Reflection finds the members; one
/// without a probe here fails the first test.
/// </summary>
public class BatchEqualsScalarTests
{
    private static readonly DateOnly AsOf = TestData.CdnowCalibrationEnd;
    private static readonly Lazy<CustomerSummaries> Weeks = new(() => CustomerSummaries.FromTransactions(TestData.CdnowSample(), AsOf, TimeUnit.Week));
    private static readonly Lazy<CustomerSummaries> Days = new(() => CustomerSummaries.FromTransactions(TestData.CdnowSample(), AsOf, TimeUnit.Day));

    private static readonly PurchaseModel[] Models =
    [
        CdnowFits.Fitted,
        new MbgNbdModel(0.5, 5.0, 1.2, 3.0, TimeUnit.Week),
        new ParetoNbdModel(0.55, 10.58, 0.61, 11.67, TimeUnit.Day),
    ];

    private static readonly GammaGammaModel Spend = new(6.25, 3.74, 15.44);
    private static readonly NormalNormalModel Values = new(-4.5, 12.25, 30.5);
    private static readonly BetaGeoBetaBinomModel Donations = new(1.204, 0.750, 0.657, 2.783);
    private static readonly ShiftedBetaGeometricModel Contracts = new(0.668, 3.806);
    private static readonly double[] Margins = [.. Enumerable.Range(0, 40).Select(i => 5.0 + (i * 7.3 % 50))];
    private static readonly int[] Renewals = [.. Enumerable.Range(0, 40).Select(i => 1 + (i % 9))];
    private static readonly double[] Retentions = [.. Enumerable.Range(0, 40).Select(i => 0.05 + (i * 0.023 % 0.9))];

    private static BinaryPurchaseHistory[] Histories =>
        [.. from n in new[] { 1, 6, 11 } from x in Enumerable.Range(0, n + 1) from tx in Enumerable.Range(0, n + 1) where x == 0 ? tx == 0 : tx >= x select new BinaryPurchaseHistory(x, tx, n)];

    private static readonly LifecyclePolicy Policy = LifecyclePolicy.FromAliveProbability(CdnowFits.Fitted.ProbabilityAlive, 0.5, 0.2);

    /// <summary>Each probe gives (batch, scalar, array form or null) for the same inputs.</summary>
    private static readonly Dictionary<string, Func<IEnumerable<(object[] Batch, object[] Scalar, object[]? Array)>>> Probes = new()
    {
        ["PurchaseModel.ProbabilityAlive(ReadOnlySpan<CustomerSummary>,Span<Double>)"] = () =>
            from m in Models from c in Summaries() select (B(c, (s, d) => m.ProbabilityAlive(s, d)), S(c, s => m.ProbabilityAlive(s)), A(m.ProbabilityAlive(c))),
        ["PurchaseModel.ConditionalExpectedPurchases(ReadOnlySpan<CustomerSummary>,Double,Span<Double>)"] = () =>
            from m in Models
            from c in Summaries()
            from t in new[] { 0.0, 1, 52 }
            select (B(c, (s, d) => m.ConditionalExpectedPurchases(s, t, d)), S(c, s => m.ConditionalExpectedPurchases(s, t)), A(m.ConditionalExpectedPurchases(c, t))),
        ["PurchaseModel.ProbabilityOfAnyPurchase(ReadOnlySpan<CustomerSummary>,Double,Span<Double>)"] = () =>
            from m in Models
            from c in Summaries()
            from t in new[] { 0.0, 1, 52 }
            select (B(c, (s, d) => m.ProbabilityOfAnyPurchase(s, t, d)), S(c, s => m.ProbabilityOfAnyPurchase(s, t)), A(m.ProbabilityOfAnyPurchase(c, t))),
        ["PurchaseModel.NextPurchaseTime(ReadOnlySpan<CustomerSummary>,Double,Span<Double>)"] = () =>
            from m in Models
            from c in Summaries()
            from p in new[] { 0.1, 0.5 }
            select (B(c, (s, d) => m.NextPurchaseTime(s, p, d)), S(c, s => m.NextPurchaseTime(s, p)), A(m.NextPurchaseTime(c, p))),
        ["ClvByPeriod.Compute(PurchaseModel,GammaGammaModel,CustomerSummary&,PredictiveClvOptions,Span<Double>)"] = () =>
            from m in Models
            from c in Summaries()
            from o in new[] { PredictiveClvOptions.Default, new PredictiveClvOptions { Periods = 3, Period = TimeUnit.Year, MarginRate = 0.3 } }
            let table = ClvByPeriod.Compute(m, Spend, c, o)
            select (
                Objects(Enumerable.Range(0, c.Count).SelectMany(i => table.Row(i).ToArray())),
                Objects(c.AsSpan().ToArray().SelectMany(s => Into<double>(o.Periods, d => ClvByPeriod.Compute(m, Spend, s, o, d)))),
                (object[]?)null),
        ["GammaGammaModel.ConditionalExpectedSpend(ReadOnlySpan<CustomerSummary>,Span<Double>)"] = () =>
            from c in Summaries() select (B(c, Spend.ConditionalExpectedSpend), S(c, s => Spend.ConditionalExpectedSpend(s)), A(Spend.ConditionalExpectedSpend(c))),
        ["NormalNormalModel.ConditionalExpectedValue(ReadOnlySpan<CustomerSummary>,Span<Double>)"] = () =>
            from c in Summaries() select (B(c, Values.ConditionalExpectedValue), S(c, s => Values.ConditionalExpectedValue(s)), A(Values.ConditionalExpectedValue(c))),
        ["PredictiveClv.Compute(PurchaseModel,GammaGammaModel,ReadOnlySpan<CustomerSummary>,PredictiveClvOptions,Span<Double>)"] = () =>
            from m in Models
            from c in Summaries()
            from o in new[] { PredictiveClvOptions.Default, new PredictiveClvOptions { Periods = 52, Period = TimeUnit.Week, MarginRate = 0.3 } }
            select (B(c, (s, d) => PredictiveClv.Compute(m, Spend, s, o, d)), S(c, s => PredictiveClv.Compute(m, Spend, s, o)), A(PredictiveClv.Compute(m, Spend, c, o))),
        ["RfmCutPoints.Score(ReadOnlySpan<CustomerSummary>,Span<RfmScore>)"] = () =>
            from c in Summaries()
            let cuts = RfmCutPoints.Fit(c).Model
            select (Objects(Into<RfmScore>(c.Count, d => cuts.Score(c.AsSpan(), d))), Objects(c.AsSpan().ToArray().Select(s => cuts.Score(s))), Objects(cuts.Score(c))),
        ["LifecyclePolicy.Classify(CustomerSummaries,DateOnly,Span<LifecycleStage>)"] = () =>
            from c in Summaries()
            from date in new[] { new DateOnly(1997, 3, 1), AsOf }
            select (Objects(Into<LifecycleStage>(c.Count, d => Policy.Classify(c, date, d))), Objects(Enumerable.Range(0, c.Count).Select(i => Policy.Classify(c, i, date))), Objects(Policy.Classify(c, date))),
        ["LifecyclePolicy.Classify(CustomerSummaries,ReadOnlySpan<CustomerEngagement>,DateOnly,Span<LifecycleStage>)"] = () =>
            from c in Summaries()
            let engagement = Enumerable.Range(0, c.Count).Select(i => new CustomerEngagement(i % 3 == 0 ? AsOf.AddDays(-i % 200) : null, i % 7 == 0)).ToArray()
            select (Objects(Into<LifecycleStage>(c.Count, d => Policy.Classify(c, engagement, AsOf, d))), Objects(Enumerable.Range(0, c.Count).Select(i => Policy.Classify(c, i, engagement[i], AsOf))), Objects(Policy.Classify(c, engagement, AsOf))),
        ["SegmentMap.Assign(ReadOnlySpan<RfmScore>,Span<RfmSegment>)"] = () =>
            from c in Summaries()
            let scores = RfmScorer.Score(c).AsSpan().ToArray()
            from map in new[] { SegmentMap.RfGrid(), SegmentMap.RangeMap(), SegmentMap.ValueTiers() }
            select (Objects(Into<RfmSegment>(scores.Length, d => map.Assign(scores, d))), Objects(scores.Select(map.Assign)), Objects(map.Assign(scores))),
        ["HistoricalValue.Compute(CustomerSummaries,HistoricalValueOptions,Span<Double>)"] = () =>
            from c in Summaries()
            from o in new[] { HistoricalValueOptions.Default, new HistoricalValueOptions { MarginRate = 0.3, ServiceCost = 2, Window = HistoricalWindow.LastMonths(3) } }
            select (Objects(Into<double>(c.Count, d => HistoricalValue.Compute(c, o, d))), Objects(Enumerable.Range(0, c.Count).Select(i => HistoricalValue.ForCustomer(c, i, o))), Objects(HistoricalValue.Compute(c, o))),
        ["BetaGeoBetaBinomModel.ProbabilityAlive(ReadOnlySpan<BinaryPurchaseHistory>,Span<Double>)"] = () =>
            [(Objects(Into<double>(Histories.Length, d => Donations.ProbabilityAlive(Histories, d))), Objects(Histories.Select(h => Donations.ProbabilityAlive(h))), null)],
        ["BetaGeoBetaBinomModel.ConditionalExpectedPurchases(ReadOnlySpan<BinaryPurchaseHistory>,Int32,Span<Double>)"] = () =>
            from n in new[] { 0, 1, 5 }
            select (Objects(Into<double>(Histories.Length, d => Donations.ConditionalExpectedPurchases(Histories, n, d))), Objects(Histories.Select(h => Donations.ConditionalExpectedPurchases(h, n))), (object[]?)null),
        ["ShiftedBetaGeometricModel.SurvivalCurve(Span<Double>)"] = () =>
            [(Objects(Into<double>(60, Contracts.SurvivalCurve)), Objects(Enumerable.Range(0, 60).Select(Contracts.Survival)), Objects(Contracts.SurvivalCurve(59)))],
        ["ShiftedBetaGeometricModel.RetentionCurve(Span<Double>)"] = () =>
            [(Objects(Into<double>(60, Contracts.RetentionCurve)), Objects(Enumerable.Range(1, 60).Select(Contracts.RetentionRate)), null)],
        ["ShiftedBetaGeometricModel.ResidualValue(ReadOnlySpan<Double>,ReadOnlySpan<Int32>,Double,Span<Double>)"] = () =>
            from rate in new[] { 0.0, 0.1 }
            select (Objects(Into<double>(Margins.Length, d => Contracts.ResidualValue(Margins, Renewals, rate, d))), Objects(Margins.Select((m, i) => Contracts.ResidualValue(m, Renewals[i], rate))), (object[]?)null),
        ["RetentionClv.Value(ReadOnlySpan<Double>,ReadOnlySpan<Double>,RetentionClvOptions,Span<Double>)"] = () =>
            [(Objects(Into<double>(Margins.Length, d => RetentionClv.Value(Margins, Retentions, null, d))), Objects(Margins.Select((m, i) => RetentionClv.Value(m, Retentions[i], null))), Objects(RetentionClv.Value(Margins, Retentions, null)))],
        ["AbcClassification.Classify(ReadOnlySpan<Double>,AbcOptions,Span<AbcClass>)"] = () =>
            from c in Summaries()
            let values = HistoricalValue.Compute(c, null)
            select (Objects(Into<AbcClass>(values.Length, d => AbcClassification.Classify(values, null, d))), Objects(AbcClassification.Classify(values, null)), (object[]?)null),
        ["HealthScore.Score(HealthSignals,Span<CustomerHealth>)"] = () =>
            from c in Summaries()
            from o in new[] { HealthScoreOptions.Default, new HealthScoreOptions { TrendWindowDays = 30, RecencyWeight = 0, AmberFrom = 10, GreenFrom = 20 } }
            let s = HealthSignals.Create(c, CdnowFits.Fitted.ProbabilityAlive(c), null, o)
            select (Objects(Into<CustomerHealth>(c.Count, d => HealthScore.Score(s, d))), Objects(Enumerable.Range(0, c.Count).Select(i => HealthScore.Score(s, i))), Objects(HealthScore.Score(s))),
        ["CalendarDay.Of(ReadOnlySpan<DateTimeOffset>,TimeZoneInfo,Span<DateOnly>)"] = () =>
            from zone in new[] { null, TimeZoneInfo.Utc, CalendarDayTests.China, CalendarDayTests.Eastern }
            let stamps = Enumerable.Range(0, 400).Select(i => new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromMinutes(((i * 37) % 113 - 56) * 15)).AddMinutes(i * 1307.0)).ToArray()
            select (Objects(Into<DateOnly>(stamps.Length, d => CalendarDay.Of(stamps, zone, d))), Objects(stamps.Select(t => CalendarDay.Of(t, zone))), (object[]?)null),
        ["RetentionClv.Value(ReadOnlySpan<Double>,Double,RetentionClvOptions,Span<Double>)"] = () =>
            [(Objects(Into<double>(Margins.Length, d => RetentionClv.Value(Margins, 0.8, null, d))), Objects(Margins.Select(m => RetentionClv.Value(m, 0.8, null))), null)],
    };

    public static TheoryData<string> ProbeNames => [.. Probes.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void EveryPublicMemberWritingADestination_HasABatchProbe()
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assembly in new[] { typeof(CustomerSummaries).Assembly, typeof(TransactionCsv).Assembly })
        {
            foreach (var type in assembly.GetExportedTypes())
            {
                foreach (var m in type.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    var p = m.GetParameters();
                    if (p.Any(q => q.ParameterType.IsGenericType && q.ParameterType.GetGenericTypeDefinition() == typeof(Span<>)))
                    {
                        // The rule: the destination is the last parameter and is called "destination".
                        Assert.True(p[^1].Name == "destination" && p[^1].ParameterType.GetGenericTypeDefinition() == typeof(Span<>), $"{type.Name}.{m.Name}: a Span<T> output must be the last parameter, named destination");
                        found.Add($"{type.Name}.{m.Name}({string.Join(",", p.Select(q => Name(q.ParameterType)))})");
                    }
                }
            }
        }

        Assert.Empty(found.Except(Probes.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(Probes.Keys.Except(found).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ProbeNames))]
    public void Batch_EqualsScalar_BitForBit(string member)
    {
        int cases = 0;
        foreach (var (batch, scalar, array) in Probes[member]())
        {
            Assert.NotEmpty(batch);
            Assert.Equal(scalar, batch);
            if (array is not null)
            {
                Assert.Equal(scalar, array);
            }

            cases++;
        }

        Assert.True(cases > 0);
    }

    [Fact]
    public void Batch_WrongDestinationLength_ThrowsNamingBothLengths()
    {
        var c = Weeks.Value;
        foreach (var m in Models)
        {
            var e = Assert.Throws<ArgumentException>(() => m.ProbabilityAlive(c.AsSpan(), new double[c.Count - 1]));
            Assert.Equal("destination", e.ParamName);
            Assert.Contains(c.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
        }
    }

    private static IEnumerable<CustomerSummaries> Summaries() => [Weeks.Value, Days.Value];

    private delegate void Batch(ReadOnlySpan<CustomerSummary> customers, Span<double> destination);

    private delegate void Fill<T>(Span<T> destination);

    private static T[] Into<T>(int length, Fill<T> fill)
    {
        var d = new T[length];
        fill(d);
        return d;
    }

    private static object[] B(CustomerSummaries c, Batch f)
    {
        var d = new double[c.Count];
        f(c.AsSpan(), d);
        return Objects(d);
    }

    private static object[] S(CustomerSummaries c, Func<CustomerSummary, double> f) => Objects(c.AsSpan().ToArray().Select(f));

    private static object[] A(double[] values) => Objects(values);

    /// <summary>Boxes values; doubles by their bits, so the comparison is exact (and NaN equals NaN only bit for bit).</summary>
    private static object[] Objects<T>(IEnumerable<T> values) =>
        [.. values.Select(v => v is double d ? BitConverter.DoubleToInt64Bits(d) : (object)v!)];

    private static string Name(Type t) =>
        t.IsByRef ? Name(t.GetElementType()!) + "&" :
        t.IsGenericType ? $"{t.Name[..t.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(",", t.GetGenericArguments().Select(Name))}>" : t.Name;
}
