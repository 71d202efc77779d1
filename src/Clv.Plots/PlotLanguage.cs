namespace Clv.Plots;

/// <summary>The language of a plot's title, axis labels, legend and category names.</summary>
public enum PlotLanguage
{
    /// <summary>English labels (the default).</summary>
    English = 0,

    /// <summary>Simplified Chinese labels: RFM segments and lifecycle stages use the library's own Chinese names
    /// (<c>RfmSegment.ChineseName</c>, <c>LifecycleStageExtensions.ChineseLabel</c>). Needs a font with CJK glyphs.</summary>
    Chinese = 1,
}
