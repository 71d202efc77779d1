using System.Diagnostics;
using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// Degenerate data (issue 13's corpus): every fit converges to an identified maximum, reports a ridge or a boundary naming the
/// parameters, or throws <see cref="ModelFitException"/>; none returns a boundary as a plain success, and every one can be cancelled.
/// </summary>
public class DegenerateFitTests
{
    private static readonly PurchaseHistory[] AllAtTimeZero = [.. Enumerable.Range(0, 1000).Select(i => new PurchaseHistory(1 + (i % 5), 0, 10 + (i % 30)))];
    private static readonly PurchaseHistory[] Identical = [.. Enumerable.Repeat(new PurchaseHistory(3, 20, 40), 1000)];
    private static readonly PurchaseHistory[] TwoGroups = [.. Enumerable.Repeat(new PurchaseHistory(2, 5, 10), 500), .. Enumerable.Repeat(new PurchaseHistory(0, 0, 10), 500)];
    private static readonly PurchaseHistory[] TinyAges = [.. Enumerable.Range(0, 100).Select(i => new PurchaseHistory(i % 3, i % 3 == 0 ? 0 : 0.005, 0.01))];
    private static readonly PurchaseHistory[] HugeCounts = [.. Enumerable.Range(0, 100).Select(i => new PurchaseHistory(10_000, 9000 + i, 10_000))];

    /// <summary>Degenerate purchase histories: the six cases and the families built around them (20 data sets, 60 fits).</summary>
    private static readonly Dictionary<string, PurchaseHistory[]> Corpus = new()
    {
        ["all at time 0"] = AllAtTimeZero,
        ["identical"] = Identical,
        ["one customer"] = [new PurchaseHistory(3, 20, 40)],
        ["two groups"] = TwoGroups,
        ["T = 0.01"] = TinyAges,
        ["x = 10,000"] = HugeCounts,
        ["nobody repeats"] = [.. Enumerable.Range(0, 1000).Select(i => new PurchaseHistory(0, 0, 5 + (i % 40)))],
        ["everyone repeats at the end"] = [.. Enumerable.Range(0, 1000).Select(i => new PurchaseHistory(1 + (i % 4), 20 + (i % 30), 20 + (i % 30)))],
        ["one repeat buyer"] = [new PurchaseHistory(4, 30, 40), .. Enumerable.Repeat(new PurchaseHistory(0, 0, 40), 999)],
        ["T = 10,000"] = [.. Enumerable.Range(0, 500).Select(i => new PurchaseHistory(i % 4, i % 4 == 0 ? 0 : 5_000 + i, 10_000))],
        ["T = 0.01 and 10,000"] = [.. Enumerable.Range(0, 500).Select(i => i % 2 == 0 ? new PurchaseHistory(1, 0.005, 0.01) : new PurchaseHistory(3, 9_000, 10_000))],
        ["two customers"] = [new PurchaseHistory(0, 0, 10), new PurchaseHistory(5, 9, 10)],
        ["identical one-timers"] = [.. Enumerable.Repeat(new PurchaseHistory(0, 0, 30), 1000)],
        ["identical, recency = age"] = [.. Enumerable.Repeat(new PurchaseHistory(2, 30, 30), 1000)],
        ["one row weighing a million"] = [new PurchaseHistory(2, 10, 30, 1e6), new PurchaseHistory(0, 0, 30)],
        ["x = 100,000 in one week"] = [.. Enumerable.Range(0, 50).Select(i => new PurchaseHistory(100_000 + i, 0.9, 1))],
        ["every purchase at time 0, x = 0 or huge"] = [.. Enumerable.Range(0, 200).Select(i => i % 2 == 0 ? new PurchaseHistory(0, 0, 50) : new PurchaseHistory(500, 0, 50))],
        ["weights near zero"] = [.. Enumerable.Range(0, 100).Select(i => new PurchaseHistory(i % 5, i % 5 == 0 ? 0 : 10, 20, 1e-9))],
        ["ages all 0"] = [.. Enumerable.Repeat(new PurchaseHistory(0, 0, 0), 100)],
        ["one frequency, spread ages"] = [.. Enumerable.Range(0, 1000).Select(i => new PurchaseHistory(1, 0.5 * (1 + (i % 50)), 1 + (i % 50)))],
    };

    public static TheoryData<string> Cases => [.. Corpus.Keys];

    /// <summary>The other models' degenerate data: BG/BB, sBG and Gamma-Gamma (30 fits).</summary>
    public static TheoryData<string> OtherCases => [.. OtherCorpus.Keys];

    private static readonly Dictionary<string, Func<object>> OtherCorpus = new()
    {
        ["BG/BB one customer"] = () => BetaGeoBetaBinomModel.Fit([new BinaryPurchaseHistory(3, 5, 6)]),
        ["BG/BB identical"] = () => BetaGeoBetaBinomModel.Fit([new BinaryPurchaseHistory(2, 4, 6, 1000)]),
        ["BG/BB nobody repeats"] = () => BetaGeoBetaBinomModel.Fit([new BinaryPurchaseHistory(0, 0, 6, 1000)]),
        ["BG/BB everyone every period"] = () => BetaGeoBetaBinomModel.Fit([new BinaryPurchaseHistory(6, 6, 6, 1000)]),
        ["BG/BB two extremes"] = () => BetaGeoBetaBinomModel.Fit([new BinaryPurchaseHistory(6, 6, 6, 500), new BinaryPurchaseHistory(0, 0, 6, 500)]),
        ["BG/BB one period"] = () => BetaGeoBetaBinomModel.Fit([new BinaryPurchaseHistory(1, 1, 1, 300), new BinaryPurchaseHistory(0, 0, 1, 700)]),
        ["BG/BB 5,000 periods"] = () => BetaGeoBetaBinomModel.Fit([new BinaryPurchaseHistory(2500, 4000, 5000, 10), new BinaryPurchaseHistory(10, 20, 5000, 10)]),
        ["BG/BB weight a million"] = () => BetaGeoBetaBinomModel.Fit([new BinaryPurchaseHistory(3, 5, 6, 1e6), new BinaryPurchaseHistory(0, 0, 6, 1)]),
        ["BG/BB last period only"] = () => BetaGeoBetaBinomModel.Fit([new BinaryPurchaseHistory(1, 6, 6, 1000)]),
        ["BG/BB tiny weights"] = () => BetaGeoBetaBinomModel.Fit([new BinaryPurchaseHistory(3, 5, 6, 1e-9), new BinaryPurchaseHistory(1, 2, 6, 1e-9)]),
        ["sBG one loss per period"] = () => ShiftedBetaGeometricModel.Fit([10, 9, 8, 7, 6, 5, 4, 3]),
        ["sBG all lost at once at the end"] = () => ShiftedBetaGeometricModel.Fit([100, 100, 100, 100, 0]),
        ["sBG one loss in a thousand"] = () => ShiftedBetaGeometricModel.Fit([1000, 999, 999, 999, 999]),
        ["sBG half lost each period"] = () => ShiftedBetaGeometricModel.Fit([1024, 512, 256, 128, 64, 32, 16, 8, 4, 2, 1]),
        ["sBG two periods"] = () => ShiftedBetaGeometricModel.Fit([10, 5]),
        ["sBG constant share lost"] = () => ShiftedBetaGeometricModel.FitPercentAlive([100, 90, 81, 72.9, 65.61, 59.049, 53.1441], 1000),
        ["sBG a huge cohort"] = () => ShiftedBetaGeometricModel.Fit([int.MaxValue, int.MaxValue - 1, int.MaxValue - 2]),
        ["sBG nearly everyone lost first"] = () => ShiftedBetaGeometricModel.Fit([1000, 1, 1, 1, 1, 1]),
        ["sBG 200 periods, one loss each"] = () => ShiftedBetaGeometricModel.Fit([.. Enumerable.Range(0, 201).Select(t => 1000 - t)]),
        ["sBG loss in the last period only"] = () => ShiftedBetaGeometricModel.Fit([50, 50, 50, 50, 50, 49]),
        ["Gamma-Gamma a million identical"] = () => GammaGammaModel.Fit([.. Enumerable.Repeat(3, 1_000_000)], [.. Enumerable.Repeat(25.0, 1_000_000)], null),
        ["Gamma-Gamma two customers"] = () => GammaGammaModel.Fit([1, 2], [10.0, 30.0], null),
        ["Gamma-Gamma one spend level"] = () => GammaGammaModel.Fit([.. Enumerable.Range(0, 1000).Select(i => 1 + (i % 9))], [.. Enumerable.Repeat(42.0, 1000)], null),
        ["Gamma-Gamma spend 1e-300"] = () => GammaGammaModel.Fit([.. Enumerable.Range(0, 200).Select(i => 1 + (i % 5))], [.. Enumerable.Range(0, 200).Select(i => 1e-300 * (1 + (i % 7)))], null),
        ["Gamma-Gamma spend 1e300"] = () => GammaGammaModel.Fit([.. Enumerable.Range(0, 200).Select(i => 1 + (i % 5))], [.. Enumerable.Range(0, 200).Select(i => 1e300 * (1 + (i % 7)))], null),
        ["Gamma-Gamma x = 1 only"] = () => GammaGammaModel.Fit([.. Enumerable.Repeat(1, 500)], [.. Enumerable.Range(0, 500).Select(i => 5.0 + i)], null),
        ["Gamma-Gamma x = 100,000"] = () => GammaGammaModel.Fit([.. Enumerable.Range(0, 300).Select(i => 100_000 + i)], [.. Enumerable.Range(0, 300).Select(i => 20.0 + (i % 13))], null),
        ["Gamma-Gamma two spend levels"] = () => GammaGammaModel.Fit([.. Enumerable.Range(0, 1000).Select(i => 2)], [.. Enumerable.Range(0, 1000).Select(i => i % 2 == 0 ? 1.0 : 1000.0)], null),
        ["Gamma-Gamma a whale"] = () => GammaGammaModel.Fit([.. Enumerable.Range(0, 1000).Select(i => 1 + (i % 4))], [.. Enumerable.Range(0, 1000).Select(i => i == 0 ? 1e9 : 20.0 + (i % 17))], null),
        ["Gamma-Gamma spend rising with x"] = () => GammaGammaModel.Fit([.. Enumerable.Range(0, 1000).Select(i => 1 + (i % 20))], [.. Enumerable.Range(0, 1000).Select(i => 10.0 * (1 + (i % 20)))], null),
    };

    private static PurchaseHistory[] Data(string name) => Corpus[name];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_DegenerateData_EveryModelFinishesWithAnHonestStatus(string name)
    {
        var data = Data(name);
        Check(() => BgNbdModel.Fit(data, TimeUnit.Week, null));
        Check(() => MbgNbdModel.Fit(data, TimeUnit.Week, null));
        Check(() => ParetoNbdModel.Fit(data, TimeUnit.Week, null));
    }

    [Theory]
    [MemberData(nameof(OtherCases))]
    public void Fit_OtherModelsOnDegenerateData_FinishWithAnHonestStatus(string name)
    {
        object result;
        try
        {
            result = OtherCorpus[name]();
        }
        catch (ModelFitException ex)
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            return;
        }

        switch (result)
        {
            case FitResult<BetaGeoBetaBinomModel> r: Honest(r); break;
            case FitResult<ShiftedBetaGeometricModel> r: Honest(r); break;
            case FitResult<GammaGammaModel> r: Honest(r); break;
            default: Assert.Fail($"unexpected result {result}"); break;
        }
    }

    [Fact]
    public void Corpus_HasOverNinetyFits()
    {
        Assert.True((3 * Corpus.Count) + OtherCorpus.Count >= 90, $"{(3 * Corpus.Count) + OtherCorpus.Count} fits");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_DegenerateData_CancelsPromptly(string name)
    {
        var data = Data(name);
        foreach (var fit in new Func<FitOptions, object>[]
        {
            o => BgNbdModel.Fit(data, TimeUnit.Week, o),
            o => MbgNbdModel.Fit(data, TimeUnit.Week, o),
            o => ParetoNbdModel.Fit(data, TimeUnit.Week, o),
        })
        {
            using var cts = new CancellationTokenSource();
            var options = new FitOptions { CancellationToken = cts.Token };
            var clock = Stopwatch.StartNew();
            cts.CancelAfter(TimeSpan.FromMilliseconds(20));
            try
            {
                fit(options);
            }
            catch (OperationCanceledException)
            {
                // The measured figure is in the benchmarks; here a generous bound keeps the test stable on a loaded machine.
                Assert.InRange(clock.ElapsedMilliseconds, 0, 2_000);
            }
            catch (ModelFitException)
            {
            }
        }
    }

    private static void Check<TModel>(Func<FitResult<TModel>> fit)
        where TModel : class, IJsonPersistable<TModel>
    {
        FitResult<TModel> result;
        try
        {
            result = fit();
        }
        catch (ModelFitException ex)
        {
            Assert.False(string.IsNullOrWhiteSpace(ex.Message));
            return;
        }

        Honest(result);
    }

    private static void Honest<TModel>(FitResult<TModel> result)
        where TModel : class, IJsonPersistable<TModel>
    {
        if (result.Status == FitStatus.Converged)
        {
            // A plain success has an identified interior maximum: finite standard errors, parameters inside the search range.
            Assert.All(result.Parameters, p => Assert.True(double.IsFinite(p.StandardError) && p.StandardError < p.Estimate * 1e3, result.StatusMessage + " " + p));
        }
        else
        {
            Assert.Matches("^(Ridge|Boundary): ", result.StatusMessage);
            Assert.Contains(result.Parameters, p => result.StatusMessage.Contains(p.Name, StringComparison.Ordinal));
        }
    }
}
