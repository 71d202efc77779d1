using Clv.Plots.Internal;

namespace Clv.Plots;

/// <summary>
/// Size, title, language and font of a plot. The image format is chosen by the writer method
/// (<see cref="ClvPlot.SavePng(string)"/>, <see cref="ClvPlot.SaveSvg(string)"/>).
/// </summary>
public sealed class PlotOptions
{
    /// <summary>The smallest width or height accepted, in pixels.</summary>
    public const int MinSize = 200;

    /// <summary>The largest width or height accepted, in pixels.</summary>
    public const int MaxSize = 8000;

    /// <summary>The defaults: 800 x 500 pixels, the plot's own title, English labels, the font picked automatically.</summary>
    public static PlotOptions Default { get; } = new();

    /// <summary>Width in pixels, <see cref="MinSize"/> to <see cref="MaxSize"/>. Default 800.</summary>
    public int Width { get; init; } = 800;

    /// <summary>Height in pixels, <see cref="MinSize"/> to <see cref="MaxSize"/>. Default 500.</summary>
    public int Height { get; init; } = 500;

    /// <summary>A title that replaces the plot's own (which says what is shown and when); null keeps the plot's own.</summary>
    public string? Title { get; init; }

    /// <summary>The language of the labels. Default <see cref="PlotLanguage.English"/>.</summary>
    public PlotLanguage Language { get; init; } = PlotLanguage.English;

    /// <summary>
    /// An installed font family to draw with (e.g. "Noto Sans CJK SC"); null to pick one: a sans-serif font that has
    /// every glyph of the plot's text (for Chinese text a CJK font such as Noto Sans CJK, when one is installed).
    /// Set at most one of <see cref="FontFamily"/> and <see cref="FontFile"/>.
    /// </summary>
    public string? FontFamily { get; init; }

    /// <summary>A font file (.ttf, .otf, .ttc) to draw with, for machines without a suitable installed font; null for none.</summary>
    public string? FontFile { get; init; }

    /// <summary>Checks every property once; errors name the property (<c>options.Width</c>).</summary>
    internal void Validate()
    {
        if (Width is < MinSize or > MaxSize)
        {
            Throw.OptionRange("options.Width", Width, Text.Format($"options.Width must be {MinSize} to {MaxSize} pixels, but was {Width}."));
        }

        if (Height is < MinSize or > MaxSize)
        {
            Throw.OptionRange("options.Height", Height, Text.Format($"options.Height must be {MinSize} to {MaxSize} pixels, but was {Height}."));
        }

        if (!Enum.IsDefined(Language))
        {
            Throw.OptionRange("options.Language", Language, Text.Format($"options.Language is not a defined PlotLanguage: {(int)Language}."));
        }

        if (FontFamily is not null && FontFile is not null)
        {
            Throw.Option("options.FontFamily", "options.FontFamily and options.FontFile are both set: set one of them.");
        }

        if (FontFamily is not null && string.IsNullOrWhiteSpace(FontFamily))
        {
            Throw.Option("options.FontFamily", "options.FontFamily is empty: give a family name or null.");
        }

        if (FontFile is not null && !File.Exists(FontFile))
        {
            Throw.Option("options.FontFile", Text.Format($"options.FontFile: the file '{FontFile}' does not exist."));
        }
    }
}
