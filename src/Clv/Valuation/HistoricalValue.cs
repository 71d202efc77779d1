using Clv.Internal;

namespace Clv.Valuation;

/// <summary>
/// What each customer has been worth so far: margin on their purchases in a window, net of refunds, less
/// acquisition and service cost.
/// </summary>
/// <remarks>
/// <para>value = <see cref="HistoricalValueOptions.MarginRate"/> x (purchases in the window) - refunds
/// - <see cref="HistoricalValueOptions.AcquisitionCost"/> - <see cref="HistoricalValueOptions.ServiceCost"/>.
/// Refunds are subtracted in full (the money returned), not at the margin rate. Example: a first order of 100
/// and 10 repeat orders of 50, amounts already profit (margin rate 1), are worth 100 + 10 x 50 = 600.</para>
/// <para>Only purchase days up to the summaries' observation end count; holdout days never do.
/// Refunds are known per customer only as the calibration total (<see cref="CustomerSummary.Refunds"/>), not by
/// date, so they are subtracted for <see cref="HistoricalWindow.AllTime"/> only. For a refund-exact windowed value,
/// build the summaries from the window's rows and use <see cref="HistoricalWindow.AllTime"/>.</para>
/// </remarks>
public static class HistoricalValue
{
    /// <summary>The historical value of the customer at <paramref name="index"/>.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="index">The customer's position in <paramref name="customers"/>.</param>
    /// <param name="options">Margin rate, costs and window; null for <see cref="HistoricalValueOptions.Default"/>.</param>
    /// <returns>The value, in the currency of the transaction amounts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is out of range, or an option is out of range (margin rate outside [0, 1], a negative cost, a <see cref="HistoricalWindow.Since"/> window starting after the observation end).</exception>
    public static double ForCustomer(CustomerSummaries customers, int index, HistoricalValueOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if ((uint)index >= (uint)customers.Count)
        {
            ThrowHelper.ArgumentOutOfRange(nameof(index), index, Guard.Format($"index must be between 0 and {customers.Count - 1}, but was {index}."));
        }

        var terms = Terms.From(options, customers.ObservationEnd);
        return terms.Value(customers, index);
    }

    /// <summary>The historical value of every customer, in the summaries' order.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="options">Margin rate, costs and window; null for <see cref="HistoricalValueOptions.Default"/>.</param>
    /// <param name="destination">Receives one value per customer; length <see cref="CustomerSummaries.Count"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> has the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (margin rate outside [0, 1], a negative cost, a <see cref="HistoricalWindow.Since"/> window starting after the observation end).</exception>
    public static void Compute(CustomerSummaries customers, HistoricalValueOptions? options, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var terms = Terms.From(options, customers.ObservationEnd);
        Guard.SameLength(customers.Count, destination.Length);
        terms.Fill(customers, destination);
    }

    /// <summary>The historical value of every customer, in the summaries' order.</summary>
    /// <param name="customers">The summaries.</param>
    /// <param name="options">Margin rate, costs and window; null for <see cref="HistoricalValueOptions.Default"/>.</param>
    /// <returns>One value per customer.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (margin rate outside [0, 1], a negative cost, a <see cref="HistoricalWindow.Since"/> window starting after the observation end).</exception>
    public static double[] Compute(CustomerSummaries customers, HistoricalValueOptions? options) => Compute(customers, options, "options");

    /// <summary><see cref="Compute(CustomerSummaries, HistoricalValueOptions?)"/> with the options' path for errors (<c>options.HistoricalValue</c> in a scorecard).</summary>
    internal static double[] Compute(CustomerSummaries customers, HistoricalValueOptions? options, string path)
    {
        ArgumentNullException.ThrowIfNull(customers);
        var terms = Terms.From(options, customers.ObservationEnd, path);
        var result = new double[customers.Count];
        terms.Fill(customers, result);
        return result;
    }

    private readonly struct Terms
    {
        private readonly double _marginRate;
        private readonly double _costs;
        private readonly bool _allTime;
        private readonly int _firstDay;
        private readonly int _lastDay;

        private Terms(double marginRate, double costs, bool allTime, int firstDay, int lastDay)
        {
            _marginRate = marginRate;
            _costs = costs;
            _allTime = allTime;
            _firstDay = firstDay;
            _lastDay = lastDay;
        }

        public static Terms From(HistoricalValueOptions? options, DateOnly observationEnd, string path = "options")
        {
            options = (options ?? HistoricalValueOptions.Default).Validate(path);
            options.Window.CheckStart(observationEnd, path + ".Window");
            return new Terms(
                options.MarginRate,
                options.AcquisitionCost + options.ServiceCost,
                options.Window.IsAllTime,
                options.Window.FirstDayNumber(observationEnd),
                observationEnd.DayNumber);
        }

        /// <summary>Every customer's value, in order.</summary>
        public void Fill(CustomerSummaries customers, Span<double> destination)
        {
            for (int i = 0; i < destination.Length; i++)
            {
                destination[i] = Value(customers, i);
            }
        }

        public double Value(CustomerSummaries customers, int index)
        {
            ref readonly var summary = ref customers.AsSpan()[index];
            if (_allTime)
            {
                return (_marginRate * summary.Spend) - summary.Refunds - _costs;
            }

            var days = customers.PurchaseDayNumbers(index);
            var amounts = customers.PurchaseDayAmounts(index);
            double spend = 0;
            for (int j = 0; j < days.Length && days[j] <= _lastDay; j++)
            {
                if (days[j] >= _firstDay)
                {
                    spend += amounts[j];
                }
            }

            return (_marginRate * spend) - _costs;
        }
    }
}
