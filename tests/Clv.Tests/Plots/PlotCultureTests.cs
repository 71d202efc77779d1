using System.Globalization;
using Clv.Plots;

namespace Clv.Tests.Plots;

/// <summary>Plots and the HTML report read the same whatever the current culture of the thread that makes or writes them.</summary>
[Collection("Plots")]   // one plot at a time: ScottPlot's font caches are process-wide (see ClvPlot's remarks)
public class PlotCultureTests
{
    [Theory]
    [MemberData(nameof(PlotCases.Names), MemberType = typeof(PlotCases))]
    public void ToSvg_GermanOrArabicCurrentCulture_SameTextAsInvariant(string name)
    {
        string invariant = Under(CultureInfo.InvariantCulture, () => PlotCases.All[name](null).ToSvg());
        foreach (string culture in new[] { "de-DE", "ar-SA" })
        {
            // Automatic axis ticks were ScottPlot's, in the current culture: "1.000" and "0,005" in German, "1٬000" in Arabic.
            string svg = Under(new CultureInfo(culture), () => PlotCases.All[name](null).ToSvg());
            Assert.Equal(PlotImages.SvgTexts(PlotImages.Svg(invariant)), PlotImages.SvgTexts(PlotImages.Svg(svg)));
            Assert.Equal(invariant, svg);
        }
    }

    [Fact]
    public void ToHtml_GermanCurrentCulture_SameAsInvariant()
    {
        var customers = PlotCases.Customers;
        var options = new ClvReportOptions { ClvPeriods = 26, TopCustomers = 5 };
        string invariant = Under(CultureInfo.InvariantCulture, () => ClvReport.ToHtml(customers, options));
        string german = Under(new CultureInfo("de-DE"), () => ClvReport.ToHtml(customers, options));
        Assert.Equal(invariant, german);
    }

    private static T Under<T>(CultureInfo culture, Func<T> work)
    {
        var (saved, savedUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return work();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }
}
