using System.Reflection;
using Clv.Lifecycle;
using Clv.Probabilistic;
using Clv.Rfm;
using Clv.Valuation;

namespace Clv.Tests;

/// <summary>
/// The null rule of the core library: every public method and constructor of <c>Clv</c> that takes a reference it does
/// not annotate as nullable throws <see cref="ArgumentNullException"/> naming that parameter when given null, before it
/// does anything else (a <see cref="NullReferenceException"/> from deep inside, or a half-done result, is a defect).
/// Reflection finds the members; the other arguments are ordinary valid values from the registry below, so the null
/// check is the first thing that can fail. Members with a span parameter (reflection cannot pass one) are left out; members
/// whose other arguments have no registered sample are listed in the failure message, and both the count of checks and
/// the count of such members are pinned.
/// </summary>
public class NullArgumentTests
{
    private static readonly NullabilityInfoContext Nullability = new();

    private static readonly CustomerSummaries Summaries = CustomerSummaries.FromTransactions(
        [
            new Transaction("a", new DateOnly(2024, 1, 3), 20),
            new Transaction("a", new DateOnly(2024, 2, 9), 35),
            new Transaction("a", new DateOnly(2024, 4, 1), 15),
            new Transaction("b", new DateOnly(2024, 1, 20), 40),
            new Transaction("c", new DateOnly(2024, 2, 2), 12),
            new Transaction("c", new DateOnly(2024, 5, 30), 18),
        ],
        new DateOnly(2024, 6, 30),
        TimeUnit.Week);

    private static readonly CustomerCovariates Covariates = CustomerCovariates.Create(["web"], new double[,] { { 0 }, { 1 }, { 0 } });

    private static readonly TimeVaryingCovariates PathCovariates =
        TimeVaryingCovariates.Create(["web"], [new DateOnly(2024, 1, 1)], new double[,,] { { { 0 } }, { { 1 } }, { { 0 } } });

    /// <summary>A valid value of each parameter type the members take, by exact type; <c>TrySample</c> covers the generic rest.</summary>
    private static readonly Dictionary<Type, Func<object>> Samples = new()
    {
        [typeof(string)] = () => "x",
        [typeof(CustomerSummaries)] = () => Summaries,
        [typeof(CustomerSummary)] = () => Summaries[0],
        [typeof(Transaction)] = () => new Transaction("a", new DateOnly(2024, 1, 3), 20),
        [typeof(Transaction[])] = () => new[] { new Transaction("a", new DateOnly(2024, 1, 3), 20) },
        [typeof(IEnumerable<Transaction>)] = () => new[] { new Transaction("a", new DateOnly(2024, 1, 3), 20) },
        [typeof(BgNbdModel)] = () => new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week),
        [typeof(MbgNbdModel)] = () => new MbgNbdModel(0.5, 5.0, 1.2, 3.0, TimeUnit.Week),
        [typeof(ParetoNbdModel)] = () => new ParetoNbdModel(0.55, 10.58, 0.61, 11.67, TimeUnit.Week),
        [typeof(PurchaseModel)] = () => new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week),
        [typeof(GammaGammaModel)] = () => new GammaGammaModel(6.25, 3.74, 15.44),
        [typeof(NormalNormalModel)] = () => new NormalNormalModel(-4.5, 12.25, 30.5),
        [typeof(BetaGeoBetaBinomModel)] = () => new BetaGeoBetaBinomModel(1.204, 0.750, 0.657, 2.783),
        [typeof(ShiftedBetaGeometricModel)] = () => new ShiftedBetaGeometricModel(0.668, 3.806),
        [typeof(DateOnly)] = () => new DateOnly(2024, 6, 30),
        [typeof(DateOnly?)] = () => new DateOnly(2024, 6, 30),
        [typeof(TimeUnit)] = () => TimeUnit.Week,
        [typeof(double)] = () => 0.5,
        [typeof(int)] = () => 5,
        [typeof(long)] = () => 1L,
        [typeof(bool)] = () => false,
        [typeof(decimal)] = () => 1m,
        [typeof(double[])] = () => new[] { 0.5 },
        [typeof(int[])] = () => new[] { 1 },
        [typeof(string[])] = () => new[] { "x" },
        [typeof(CancellationToken)] = () => CancellationToken.None,
        [typeof(DiscountRate)] = () => DiscountRate.Annual(0.1),
        [typeof(DateTime)] = () => new DateTime(2024, 6, 30, 12, 0, 0, DateTimeKind.Utc),
        [typeof(DateTimeOffset)] = () => new DateTimeOffset(2024, 6, 30, 12, 0, 0, TimeSpan.FromHours(2)),
        [typeof(TimeZoneInfo)] = () => TimeZoneInfo.Utc,
        [typeof(RfmSegment)] = () => RfmSegment.Champions,
        [typeof(ScoreRange)] = () => new ScoreRange(1, 5),
        [typeof(RfmScores)] = () => RfmScorer.Score(Summaries),
        [typeof(SegmentMap)] = SegmentMap.RangeMap,
        [typeof(LifecyclePolicy)] = () => LifecyclePolicy.FromDays(),
        [typeof(double[,])] = () => new double[0, 0],
        [typeof(double[,,])] = () => new double[0, 0, 0],
        [typeof(CustomerEngagement)] = () => default(CustomerEngagement),
        [typeof(CustomerCovariates)] = () => Covariates,
        [typeof(CovariateOptions)] = () => new CovariateOptions(Covariates),
        [typeof(SpendCovariateOptions)] = () => new SpendCovariateOptions(Covariates),
        [typeof(TimeVaryingCovariates)] = () => PathCovariates,
        [typeof(TimeVaryingCovariateOptions)] = () => new TimeVaryingCovariateOptions(PathCovariates),
        [typeof(CovariatePurchaseModel)] = () => new CovariatePurchaseModel(new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week), [new("web", 0.2)], []),
        [typeof(CovariateSpendModel)] = () => new CovariateSpendModel(new GammaGammaModel(6.25, 3.74, 15.44), [new("web", 0.2)]),
        [typeof(TimeVaryingParetoNbdModel)] = () => new TimeVaryingParetoNbdModel(new ParetoNbdModel(0.55, 10.58, 0.61, 11.67, TimeUnit.Week), [new("web", 0.2)], []),
        [typeof(RfmCutPoints)] = () => RfmCutPoints.Fit(Summaries).Model,
        [typeof(Clv.Crm.HealthSignals)] = () => Clv.Crm.HealthSignals.Create(Summaries, [0.9, 0.5, 0.7], null, null),
        [typeof(AliveProbability)] = () => new AliveProbability(new BgNbdModel(0.243, 4.414, 0.793, 2.426, TimeUnit.Week).ProbabilityAlive),
    };

    /// <summary>
    /// Types outside the rule: exceptions (their message and inner exception may be null, as in the framework), and
    /// declarations validated where they are used with the property path in the error (a custom health signal's name is
    /// checked as <c>options.CustomSignals[k].Name</c>). Constructors of value types (result rows and input records such
    /// as <see cref="ChannelCustomer"/>) are left out by <see cref="Members"/>: <c>default</c> bypasses any constructor,
    /// so their consumers check the fields (a null channel names the customer's index).
    /// </summary>
    private static readonly HashSet<Type> Exempt = [typeof(ModelFitException), typeof(Clv.Crm.CustomHealthSignal), typeof(RejectedRow)];

    [Fact]
    public void EveryPublicMember_GivenNullForANonNullableReference_ThrowsArgumentNullExceptionNamingIt()
    {
        var failures = new List<string>();
        var skipped = new SortedSet<string>(StringComparer.Ordinal);
        int checkedCount = 0;
        foreach (var (member, target, parameters) in Members(skipped))
        {
            for (int p = 0; p < parameters.Length; p++)
            {
                var parameter = parameters[p];
                var type = parameter.ParameterType.IsByRef ? parameter.ParameterType.GetElementType()! : parameter.ParameterType;
                if (type.IsValueType || Nullability.Create(parameter).WriteState != NullabilityState.NotNull)
                {
                    continue;
                }

                var arguments = new object?[parameters.Length];
                string? missing = null;
                for (int q = 0; q < parameters.Length && missing is null; q++)
                {
                    if (q != p && !TrySample(parameters[q].ParameterType, out arguments[q]))
                    {
                        missing = parameters[q].ParameterType.Name;
                    }
                }

                if (missing is not null)
                {
                    skipped.Add($"{Name(member)} (no sample of {missing})");
                    continue;
                }

                checkedCount++;
                try
                {
                    if (member is ConstructorInfo constructor)
                    {
                        constructor.Invoke(arguments);
                    }
                    else
                    {
                        ((MethodInfo)member).Invoke(target, arguments);
                    }

                    failures.Add($"{Name(member)}: null {parameter.Name} accepted");
                }
                catch (TargetInvocationException e) when (e.InnerException is ArgumentNullException n)
                {
                    if (n.ParamName != parameter.Name)
                    {
                        failures.Add($"{Name(member)}: null {parameter.Name} reported as {n.ParamName}");
                    }
                }
                catch (TargetInvocationException e)
                {
                    failures.Add($"{Name(member)}: null {parameter.Name} threw {e.InnerException?.GetType().Name}: {e.InnerException?.Message}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        // Only the generic fit results have no sample (one member); a new member whose arguments are not in the registry fails here.
        Assert.True(checkedCount >= 140 && skipped.Count <= 1, $"{checkedCount} null arguments checked; skipped:{Environment.NewLine}{string.Join(Environment.NewLine, skipped)}");
    }

    /// <summary>Every public, non-generic, non-abstract method and constructor of the core assembly whose parameters reflection can pass.</summary>
    private static IEnumerable<(MethodBase Member, object? Target, ParameterInfo[] Parameters)> Members(SortedSet<string> skipped)
    {
        foreach (var type in typeof(CustomerSummaries).Assembly.GetExportedTypes())
        {
            if (type.IsGenericTypeDefinition || typeof(Delegate).IsAssignableFrom(type) || type.IsEnum || Exempt.Contains(type))
            {
                continue;
            }

            object? instance = null;
            bool hasInstance = !type.IsAbstract && TrySample(type, out instance);
            if (!type.IsAbstract && !hasInstance)
            {
                foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    if (!method.IsSpecialName && method.GetParameters().Any(p => !p.ParameterType.IsValueType && !p.ParameterType.IsByRef && Nullability.Create(p).WriteState == NullabilityState.NotNull))
                    {
                        skipped.Add($"{Name(method)} (no sample of {type.Name})");
                    }
                }
            }
            var members = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && !m.IsGenericMethodDefinition && !m.IsAbstract && (m.IsStatic || hasInstance))
                .Cast<MethodBase>()
                .Concat(type.IsAbstract || type.IsValueType ? [] : type.GetConstructors());
            foreach (var member in members)
            {
                var parameters = member.GetParameters();
                if (parameters.Any(p => (p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType).IsByRefLike || p.IsOut))
                {
                    continue;
                }

                yield return (member, member.IsStatic || member is ConstructorInfo ? null : instance, parameters);
            }
        }
    }

    private static bool TrySample(Type type, out object? value)
    {
        var t = type.IsByRef ? type.GetElementType()! : type;
        if (Samples.TryGetValue(t, out var make))
        {
            value = make();
            return true;
        }

        // An optional value: "no value" is valid.
        if (Nullable.GetUnderlyingType(t) is not null)
        {
            value = null;
            return true;
        }

        // A list or sequence of anything: an empty one.
        if (t.IsGenericType && (t.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) || t.GetGenericTypeDefinition() == typeof(IEnumerable<>)))
        {
            value = Array.CreateInstance(t.GetGenericArguments()[0], 0);
            return true;
        }

        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            value = Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(t.GetGenericArguments()));
            return true;
        }

        if (t.IsEnum)
        {
            value = Enum.GetValues(t).GetValue(0);
            return true;
        }

        // Options and policies: the type's own Default, else a parameterless constructor.
        var standard = t.GetProperty("Default", BindingFlags.Public | BindingFlags.Static);
        if (standard is not null && standard.PropertyType == t)
        {
            value = standard.GetValue(null);
            return true;
        }

        if (t.IsValueType)
        {
            value = Activator.CreateInstance(t);
            return true;
        }

        if (!t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is { } constructor)
        {
            value = constructor.Invoke(null);
            return true;
        }

        value = null;
        return false;
    }

    private static string Name(MethodBase member) =>
        $"{member.DeclaringType!.Name}.{(member is ConstructorInfo ? "ctor" : member.Name)}({string.Join(",", member.GetParameters().Select(p => p.ParameterType.Name))})";
}
