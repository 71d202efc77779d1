using Clv.Plots;
using Clv.Rfm;
using SkiaSharp;

namespace Clv.Tests.Plots;

/// <summary>
/// Fonts: Chinese labels draw with a CJK font (fonts-noto-cjk, which .ci/run installs), a font without the glyphs throws
/// instead of drawing boxes, and the options are validated once with the property named.
/// </summary>
[Collection("Plots")]   // one plot at a time: ScottPlot's font caches are process-wide (see ClvPlot's remarks)
public class PlotFontTests
{
    /// <summary>A Latin-only font file of the DejaVu family (fonts-dejavu-core, on every Debian image).</summary>
    private const string LatinOnlyFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    [Fact]
    public void ChineseLabels_WithACjkFontInstalled_RenderWithIt()
    {
        var plot = RfmPlots.SegmentSizes(PlotCases.Segments, new PlotOptions { Language = PlotLanguage.Chinese, Title = "冠军客户 Champions" });
        Assert.Contains("CJK", plot.FontFamily, StringComparison.Ordinal);
        Assert.Contains(RfmSegment.Champions.ChineseName, plot.Texts);
        Assert.Contains("冠军客户 Champions", PlotImages.SvgTexts(PlotImages.Svg(plot.ToSvg())));
        var (width, height, colours, _) = PlotImages.Png(plot.ToPng());
        Assert.Equal((800, 500), (width, height));
        Assert.True(colours > 20);
    }

    [Fact]
    public void ChineseSvg_KeepsIdeographsNotKangxiRadicals()
    {
        // Noto Sans CJK draws 户 and the radical ⼾ with one glyph; Skia's SVG writer would name the radical.
        var plot = RfmPlots.SegmentSizes(PlotCases.Segments, new PlotOptions { Language = PlotLanguage.Chinese });
        var texts = PlotImages.SvgTexts(PlotImages.Svg(plot.ToSvg()));
        Assert.Contains("RFM 分群客户数", texts);
        Assert.Contains(RfmSegment.Champions.ChineseName, texts);
        Assert.DoesNotContain(texts, t => t.Any(c => c is >= '\u2E80' and <= '\u2FDF'));
    }

    [Theory]
    [MemberData(nameof(PlotCases.Names), MemberType = typeof(PlotCases))]
    public void EveryPlot_InChinese_DrawsWithACjkFont(string name)
    {
        var plot = PlotCases.All[name](new PlotOptions { Language = PlotLanguage.Chinese });
        Assert.Contains(plot.Texts, t => t.Any(c => c >= '\u4E00' && c <= '\u9FFF'));
        Assert.Contains("CJK", plot.FontFamily, StringComparison.Ordinal);
        Assert.NotEmpty(plot.ToPng());
    }

    [Theory]
    [MemberData(nameof(PlotCases.Names), MemberType = typeof(PlotCases))]
    public void EveryPlot_InChinese_ClipsNoLegendLabelAndNoAxisTitle(string name)
    {
        // ScottPlot draws CJK text above the box it measures (ScottPlot#5213): the first legend label lost its top to the
        // legend's clip, the left axis title its left edge to the image's edge, and the colour bar's title its right edge.
        var plot = PlotCases.All[name](new PlotOptions { Language = PlotLanguage.Chinese });
        using var image = SKBitmap.Decode(plot.ToPng());
        for (int y = 0; y < image.Height; y++)
        {
            Assert.False(IsText(image.GetPixel(0, y)), $"{name}: text in the image's first column at y = {y}");
            Assert.False(IsText(image.GetPixel(image.Width - 1, y)), $"{name}: text in the image's last column at y = {y}");
        }

        if (plot.LegendToPng() is not var (png, clipTop))
        {
            return;
        }

        using var legend = SKBitmap.Decode(png);
        int firstTextRow = Enumerable.Range(0, legend.Height).First(y => Enumerable.Range(2, legend.Width - 4).Any(x => IsText(legend.GetPixel(x, y))));
        Assert.True(firstTextRow > clipTop + 1, $"{name}: the first legend label starts at row {firstTextRow}, on the clip edge {clipTop}");
    }

    /// <summary>Dark grey or black: label text (the palette's colours all have a channel above 100).</summary>
    private static bool IsText(SKColor c) => c.Alpha > 128 && c.Red < 100 && c.Green < 100 && c.Blue < 100;

    [Theory]
    [MemberData(nameof(PlotCases.Names), MemberType = typeof(PlotCases))]
    public void EveryPlot_IsTheSame_WhateverPlotWasDrawnBefore(string name)
    {
        // ScottPlot gives new labels (bar values, cell numbers, marker and colour bar labels) the typeface of the last plot
        // finished in the process: each plot must set its own, or it draws with a Chinese plot's font after one (and with
        // ScottPlot's system default, a serif, when it is the first plot of the process).
        var chinese = new PlotOptions { Language = PlotLanguage.Chinese, Width = 600, Height = 400 };
        var english = new PlotOptions { Width = 600, Height = 400 };
        PlotCases.All["SegmentSizes"](chinese).ToSvg();
        string afterChinese = PlotCases.All[name](english).ToSvg();
        PlotCases.All["SegmentSizes"](english).ToSvg();
        string afterEnglish = PlotCases.All[name](english).ToSvg();
        Assert.Equal(afterEnglish, afterChinese);
    }

    [Fact]
    public void ChineseTitle_WithALatinOnlyFontFile_ThrowsNamingTheTextAndTheFont()
    {
        Assert.SkipUnless(File.Exists(LatinOnlyFont), LatinOnlyFont + " is not installed");
        var e = Assert.Throws<MissingGlyphsException>(() =>
            PlotCases.All["Lorenz"](new PlotOptions { Title = "冠军客户 Champions", FontFile = LatinOnlyFont }));
        Assert.Equal("冠军客户 Champions", e.Text);
        Assert.Equal("DejaVu Sans", e.FontFamily);
        Assert.Equal("冠军客户", e.Missing);
        Assert.Contains("冠军客户 Champions", e.Message, StringComparison.Ordinal);
        Assert.Contains("DejaVu Sans", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EnglishLabels_WithALatinOnlyFontFile_DrawWithThatFont()
    {
        Assert.SkipUnless(File.Exists(LatinOnlyFont), LatinOnlyFont + " is not installed");
        var plot = PlotCases.All["Lorenz"](new PlotOptions { FontFile = LatinOnlyFont });
        Assert.Equal("DejaVu Sans", plot.FontFamily);
        Assert.Contains("font-family=\"'DejaVu Sans', 'Noto Sans CJK SC'", plot.ToSvg(), StringComparison.Ordinal);
    }

    [Fact]
    public void FontFamily_Installed_IsUsed_AndUnknown_Throws()
    {
        var plot = PlotCases.All["Deciles"](new PlotOptions { FontFamily = "Noto Sans CJK SC", Language = PlotLanguage.Chinese });
        Assert.Equal("Noto Sans CJK SC", plot.FontFamily);
        var e = Assert.Throws<ArgumentException>(() => PlotCases.All["Deciles"](new PlotOptions { FontFamily = "No Such Font 42" }));
        Assert.Equal("options.FontFamily", e.ParamName);
        Assert.Contains("No Such Font 42", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(100, 500, "options.Width")]
    [InlineData(800, 9000, "options.Height")]
    public void Options_OutOfRangeSize_ThrowsNamingTheProperty(int width, int height, string property)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => PlotCases.All["Lorenz"](new PlotOptions { Width = width, Height = height }));
        Assert.Equal(property, e.ParamName);
    }

    [Fact]
    public void Options_BadFontSettings_ThrowNamingTheProperty()
    {
        Assert.Equal("options.FontFamily", Assert.Throws<ArgumentException>(() => PlotCases.All["Lorenz"](new PlotOptions { FontFamily = "DejaVu Sans", FontFile = LatinOnlyFont })).ParamName);
        Assert.Equal("options.FontFile", Assert.Throws<ArgumentException>(() => PlotCases.All["Lorenz"](new PlotOptions { FontFile = "/no/such/font.ttf" })).ParamName);
        Assert.Equal("options.Language", Assert.Throws<ArgumentOutOfRangeException>(() => PlotCases.All["Lorenz"](new PlotOptions { Language = (PlotLanguage)7 })).ParamName);
    }

    [Fact]
    public void PublicApi_NamesNoScottPlotOrSkiaSharpType()
    {
        var assembly = typeof(ClvPlot).Assembly;
        var leaks = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
        {
            foreach (var member in type.GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly))
            {
                var types = member switch
                {
                    System.Reflection.MethodBase m => m.GetParameters().Select(p => p.ParameterType).Append((m as System.Reflection.MethodInfo)?.ReturnType),
                    System.Reflection.PropertyInfo p => [p.PropertyType],
                    System.Reflection.FieldInfo f => [f.FieldType],
                    _ => [],
                };
                foreach (var t in types.OfType<Type>())
                {
                    string ns = (t.IsByRef ? t.GetElementType()! : t).Namespace ?? "";
                    if (ns.StartsWith("ScottPlot", StringComparison.Ordinal) || ns.StartsWith("SkiaSharp", StringComparison.Ordinal))
                    {
                        leaks.Add(type.Name + "." + member.Name);
                    }
                }
            }
        }

        Assert.Empty(leaks);
        Assert.Contains(typeof(ProbabilisticPlots), assembly.GetExportedTypes());
    }
}
