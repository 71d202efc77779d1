using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// The Pareto/NBD model keeps the last tail integral of each hash slot (4,096 of them) for P(alive): a key that lands in an
/// occupied slot must not get the other key's value, whether the frequencies or the times differ. The colliding keys are
/// searched at run time, with the hash the model uses, since string and tuple hashes are seeded per process.
/// </summary>
public class ParetoNbdTailCacheTests
{
    private const int Slots = 4096;

    private static ParetoNbdModel NewModel() => new(0.553, 10.58, 0.606, 11.67, TimeUnit.Week);

    private static int Slot(int x, double t) => (int)((uint)HashCode.Combine(x, t) % Slots);

    [Fact]
    public void ProbabilityAlive_AnotherFrequencyInTheSameSlot_NotTheCachedValue()
    {
        const double Age = 38;
        double recency = Enumerable.Range(1, 1_000_000).Select(k => 20 + (k * 1e-4))
            .First(t => Slot(3, t) == Slot(2, t) && Slot(3, Age) != Slot(2, t) && Slot(2, Age) != Slot(2, t));
        var shared = NewModel();
        double first = shared.ProbabilityAlive(2, recency, Age);
        double second = shared.ProbabilityAlive(3, recency, Age);
        Assert.Equal(NewModel().ProbabilityAlive(2, recency, Age), first);
        Assert.Equal(NewModel().ProbabilityAlive(3, recency, Age), second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void ProbabilityAlive_AnotherTimeInTheSameSlot_NotTheCachedValue()
    {
        const int Frequency = 4;
        const double Age = 38;
        const double Recency = 10;
        double other = Enumerable.Range(1, 1_000_000).Select(k => 10 + (k * 1e-4))
            .First(t => t < Age && Slot(Frequency, t) == Slot(Frequency, Recency) && Slot(Frequency, Age) != Slot(Frequency, Recency));
        var shared = NewModel();
        double first = shared.ProbabilityAlive(Frequency, Recency, Age);
        double second = shared.ProbabilityAlive(Frequency, other, Age);
        Assert.Equal(NewModel().ProbabilityAlive(Frequency, Recency, Age), first);
        Assert.Equal(NewModel().ProbabilityAlive(Frequency, other, Age), second);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void ProbabilityAlive_RepeatedCalls_SameValue()
    {
        var shared = NewModel();
        double first = shared.ProbabilityAlive(3, 12.25, 30);
        Assert.Equal(first, shared.ProbabilityAlive(3, 12.25, 30));
        Assert.Equal(1, shared.ProbabilityAlive(3, 30, 30));
        Assert.True(first is > 0 and < 1, first.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
    }
}
