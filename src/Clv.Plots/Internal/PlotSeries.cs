namespace Clv.Plots.Internal;

/// <summary>One drawn series with the numbers it carries (for tests: the plot shows the library's numbers).</summary>
internal sealed record PlotSeries(string Name, double[] X, double[] Y);
