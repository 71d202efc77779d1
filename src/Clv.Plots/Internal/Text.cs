using System.Globalization;

namespace Clv.Plots.Internal;

/// <summary>Invariant formatting and the two-language label helper.</summary>
internal static class Text
{
    public static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static string Number(double value, string format = "N0") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>
    /// An automatic axis tick's label: ScottPlot's rule (whole or large numbers with thousands separators, others in the
    /// general format rounded to 10 decimals) in the invariant culture. ScottPlot's own formatter uses the current
    /// culture, so a plot made on a German thread read "1.000" and "0,005".
    /// </summary>
    public static string Tick(double value)
    {
        if ((int)value == value || Math.Abs(value) > 1000)
        {
            return value.ToString("N0", CultureInfo.InvariantCulture);
        }

        string label = Math.Round(value, 10).ToString("G", CultureInfo.InvariantCulture);
        return label == "-0" ? "0" : label;
    }

    public static string L(PlotLanguage language, string english, string chinese) => language == PlotLanguage.Chinese ? chinese : english;

    public static string Unit(PlotLanguage language, TimeUnit unit) => unit switch
    {
        TimeUnit.Day => L(language, "days", "天"),
        TimeUnit.Week => L(language, "weeks", "周"),
        TimeUnit.Month => L(language, "months", "月"),
        _ => L(language, "years", "年"),
    };

    /// <summary>A fit's status in the report's language.</summary>
    public static string Status(PlotLanguage language, FitStatus status) => status switch
    {
        FitStatus.Converged => L(language, "converged", "已收敛"),
        FitStatus.Ridge => L(language, "ridge: parameters not identified", "岭: 参数不可识别"),
        _ => L(language, "boundary: a parameter at the edge of its range", "边界: 参数位于取值范围边缘"),
    };

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
