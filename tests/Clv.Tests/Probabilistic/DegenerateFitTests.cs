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

    public static TheoryData<string> Cases => ["all at time 0", "identical", "one customer", "two groups", "T = 0.01", "x = 10,000"];

    private static PurchaseHistory[] Data(string name) => name switch
    {
        "all at time 0" => AllAtTimeZero,
        "identical" => Identical,
        "one customer" => [new PurchaseHistory(3, 20, 40)],
        "two groups" => TwoGroups,
        "T = 0.01" => TinyAges,
        _ => HugeCounts,
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_DegenerateData_EveryModelFinishesWithAnHonestStatus(string name)
    {
        var data = Data(name);
        Check(() => BgNbdModel.Fit(data, TimeUnit.Week, null));
        Check(() => MbgNbdModel.Fit(data, TimeUnit.Week, null));
        Check(() => ParetoNbdModel.Fit(data, TimeUnit.Week, null));
    }

    [Fact]
    public void Fit_OtherModelsOnDegenerateData_FinishWithAnHonestStatus()
    {
        Check(() => BetaGeoBetaBinomModel.Fit([new BinaryPurchaseHistory(3, 5, 6)]));
        Check(() => ShiftedBetaGeometricModel.Fit([10, 9, 8, 7, 6, 5, 4, 3]));
        Check(() => GammaGammaModel.Fit([.. Enumerable.Repeat(3, 1_000_000)], [.. Enumerable.Repeat(25.0, 1_000_000)], null));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Fit_DegenerateData_CancelsPromptly(string name)
    {
        var data = Data(name);
        foreach (var fit in new Func<FitOptions, object>[]
        {
            o => BgNbdModel.Fit(data, TimeUnit.Week, o),
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
