using Clv.Probabilistic;

namespace Clv.Tests.Probabilistic;

/// <summary>
/// <see cref="HistoryRows"/>' other members directly, on hand-made rows: what the constructor derives (groups by x, weighted
/// sums, the distinct recencies and ages and their maps, including the large-data path that keeps every value), the
/// systematic sample, the merge of parts, rows from histories with their refusals, the check for repeat purchases, and the
/// boundary check of one history.
/// </summary>
public class HistoryRowsMembersTests
{
    [Fact]
    public void Constructor_DerivesGroupsWeightedSumsAndDistinctValues()
    {
        // Given in any order; the rows come out in canonical order (x, then t_x, then T).
        var rows = HistoryRows.FromValidated([2, 0, 2, 5, 0], [3, 0, 1, 4, 0], [6, 6, 4, 6, 2], [1, 2, 3, 0.5, 4], excluded: 7);
        Assert.Equal([0, 0, 2, 2, 5], rows.X);
        Assert.Equal([0, 0, 1, 3, 4], rows.Recency);
        Assert.Equal([2, 6, 4, 6, 6], rows.Age);
        Assert.Equal([4, 2, 3, 1, 0.5], rows.Weight);
        Assert.Equal(5, rows.Count);
        Assert.Equal(7, rows.Excluded);

        Assert.Equal([0, 0, 1, 1, 2], rows.Group);
        Assert.Equal([0, 2, 5], rows.DistinctX);
        Assert.Equal([0, 2, 4, 5], rows.XStart);
        Assert.Equal([6, 4, 0.5], rows.XWeight);
        Assert.Equal(10.5, rows.TotalWeight);
        Assert.Equal((3 * 2) + (1 * 2) + (0.5 * 5), rows.WeightedFrequency);
        Assert.Equal((4 * 2) + (2 * 6) + (3 * 4) + (1 * 6) + (0.5 * 6), rows.WeightedAge);

        // Distinct values in order of first appearance, and each row's index into them.
        Assert.Equal([0, 1, 3, 4], rows.DistinctRecencies);
        Assert.Equal([0, 0, 1, 2, 3], rows.RecencyIndex);
        Assert.Equal([2, 6, 4], rows.DistinctAges);
        Assert.Equal([0, 1, 2, 1, 1], rows.AgeIndex);
    }

    /// <summary>
    /// A frequency far above the number of rows (more than 4n + 1,024) is not counting-sorted but compared key by key: the order
    /// is the same, x first, then t_x, then T.
    /// </summary>
    [Fact]
    public void Order_HugeFrequency_SortedByComparison_SameCanonicalOrder()
    {
        var rows = HistoryRows.FromValidated(
            [5_000_000, 2, 5_000_000, 2, 5_000_000, 2],
            [4, 1, 3, 1, 3, 0],
            [9, 8, 9, 7, 8, 9],
            [1, 2, 3, 4, 5, 6],
            excluded: 0);
        Assert.Equal([2, 2, 2, 5_000_000, 5_000_000, 5_000_000], rows.X);
        Assert.Equal([0, 1, 1, 3, 3, 4], rows.Recency);
        Assert.Equal([9, 7, 8, 8, 9, 9], rows.Age);
        Assert.Equal([6, 4, 2, 5, 3, 1], rows.Weight);
    }

    [Fact]
    public void Constructor_NoRows_NothingDerived()
    {
        var rows = HistoryRows.FromValidated([], [], [], [], excluded: 3);
        Assert.Equal(0, rows.Count);
        Assert.Empty(rows.DistinctX);
        Assert.Equal([0], rows.XStart);
        Assert.Empty(rows.DistinctAges);
        Assert.Equal(0, rows.TotalWeight);
        Assert.Equal(3, rows.Excluded);
    }

    /// <summary>
    /// Ages of which one in twenty repeats the one before (95% distinct). Past the 65,536-row probe the distinct ages are not
    /// looked up: each row keeps its own value (repeats included). Up to the probe they are, in a table that grows past its
    /// first 1,024 slots. Either way every row maps back to its own age.
    /// </summary>
    [Theory]
    [InlineData(3_000, false)]
    [InlineData(65_536, false)]
    [InlineData(65_537, true)]
    [InlineData(70_000, true)]
    public void Distinct_MostlyDistinctAges_LookedUpUpToTheProbe_KeptPerRowPastIt(int count, bool kept)
    {
        var x = new int[count];
        var age = new double[count];
        for (int i = 0; i < count; i++)
        {
            x[i] = i;
            age[i] = 1 + (0.001 * (i % 20 == 19 ? i - 1 : i));
        }

        var rows = HistoryRows.FromValidated(x, new double[count], age, [.. Enumerable.Repeat(1.0, count)], 0);
        Assert.Equal(count, rows.Count);
        Assert.Equal(kept ? count : count - (count / 20), rows.DistinctAges.Length);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(rows.Age[i], rows.DistinctAges[rows.AgeIndex[i]]);
        }

        Assert.Equal([0.0], rows.DistinctRecencies);
    }

    [Fact]
    public void Distinct_PastTheProbeWithFewValues_StillMapped()
    {
        const int count = 70_000;
        var rows = HistoryRows.FromValidated([.. Enumerable.Range(0, count)], new double[count], [.. Enumerable.Range(0, count).Select(i => (double)(i % 500))], [.. Enumerable.Repeat(1.0, count)], 0);
        Assert.Equal(count, rows.Count);
        Assert.Equal([.. Enumerable.Range(0, 500).Select(i => (double)i)], rows.DistinctAges);
        Assert.Equal([.. Enumerable.Range(0, count).Select(i => i % 500)], rows.AgeIndex);
    }

    [Fact]
    public void Sample_EveryStepthRow_WeightsScaledToTheSameTotal()
    {
        var rows = HistoryRows.FromValidated([0, 1, 1, 2, 3, 3, 4], [0, 1, 2, 1, 1, 2, 3], [5, 5, 5, 5, 5, 5, 5], [1, 2, 3, 4, 5, 6, 7], excluded: 9);
        var sample = rows.Sample(3);
        Assert.Equal([0, 2, 4], sample.X);
        Assert.Equal([0, 1, 3], sample.Recency);
        double scale = 28.0 / (1 + 4 + 7);
        Assert.Equal([1 * scale, 4 * scale, 7 * scale], sample.Weight);
        Assert.Equal(28, sample.TotalWeight, 12);
        Assert.Equal(9, sample.Excluded);
        Assert.Equal(rows.X, rows.Sample(1).X);
        Assert.Equal(4, rows.Sample(2).Count);
        Assert.Equal([0], rows.Sample(7).X);
    }

    [Fact]
    public void Merge_EqualKeysAddTheirWeights_ExcludedAsGiven()
    {
        var a = HistoryRows.FromValidated([1, 2], [1, 2], [3, 3], [1, 2], excluded: 1);
        var b = HistoryRows.FromValidated([2, 0], [2, 0], [3, 3], [5, 4], excluded: 2);
        var merged = HistoryRows.Merge([a, b], excluded: 10);
        Assert.Equal([0, 1, 2], merged.X);
        Assert.Equal([4, 1, 7], merged.Weight);
        Assert.Equal(10, merged.Excluded);
        Assert.Equal(0, HistoryRows.Merge([], excluded: 4).Count);
    }

    [Fact]
    public void FromHistories_EqualHistoriesAddTheirWeights()
    {
        var rows = HistoryRows.FromHistories([new(2, 3, 8, 1.5), new(0, 0, 8), new(2, 3, 8, 2)], CancellationToken.None);
        Assert.Equal([0, 2], rows.X);
        Assert.Equal([1, 3.5], rows.Weight);
        Assert.Equal(0, rows.Excluded);
    }

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-1.0, "-1")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void FromHistories_BadWeight_NamesTheHistoryAndValue(double weight, string shown)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => HistoryRows.FromHistories([new(1, 1, 2), new(1, 1, 2, weight)], CancellationToken.None));
        Assert.Equal("histories", ex.ParamName);
        Assert.StartsWith($"Weight of history 1 must be a finite number greater than 0, but was {shown}.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHistories_RecencyBeyondAge_Refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => HistoryRows.FromHistories([new(1, 3, 2)], CancellationToken.None));
        Assert.Equal("recency", ex.ParamName);
        Assert.StartsWith("Recency (3) cannot exceed age (2).", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromHistories_Cancelled_Throws()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => HistoryRows.FromHistories([new(1, 1, 2)], cancelled.Token));
    }

    [Theory]
    [InlineData(-1, 0.0, 1.0, "frequency")]
    [InlineData(1, -0.5, 1.0, "recency")]
    [InlineData(1, 0.0, -1.0, "age")]
    [InlineData(1, double.NaN, 1.0, "recency")]
    [InlineData(1, 0.0, double.PositiveInfinity, "age")]
    public void Validate_NegativeOrNotFinite_NamesTheArgument(int frequency, double recency, double age, string name) =>
        Assert.Equal(name, Assert.ThrowsAny<ArgumentException>(() => HistoryRows.Validate(frequency, recency, age)).ParamName);

    [Fact]
    public void Validate_RecencyEqualToAge_Accepted() => HistoryRows.Validate(2, 5, 5);

    [Fact]
    public void RequireRepeatPurchases_ReturnsTheTimeScale_OrSaysWhatIsMissing()
    {
        var rows = HistoryRows.FromValidated([0, 2, 4], [0, 1, 3], [10, 6, 8], [1, 2, 0.5], excluded: 0);
        Assert.Equal(((1 * 10) + (2 * 6) + (0.5 * 8)) / ((2 * 2) + (0.5 * 4)), rows.RequireRepeatPurchases("BG/NBD"));
        Assert.Equal(1, HistoryRows.FromValidated([3], [0], [0], [1], 0).RequireRepeatPurchases("BG/NBD"));

        var none = Assert.Throws<ModelFitException>(() => HistoryRows.FromValidated([], [], [], [], excluded: 4).RequireRepeatPurchases("MBG/NBD"));
        Assert.Equal("MBG/NBD fit needs customers with a purchase, but there were none (4 excluded without a purchase).", none.Message);
        var once = Assert.Throws<ModelFitException>(() => HistoryRows.FromValidated([0, 0], [0, 0], [3, 5], [2, 1.5], 0).RequireRepeatPurchases("Pareto/NBD"));
        Assert.Equal(
            "Pareto/NBD fit needs repeat purchases, but none of the 3.5 customers has one: the purchase and dropout processes cannot be identified.",
            once.Message);
    }
}
