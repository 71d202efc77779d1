namespace Clv.Plots;

/// <summary>
/// A plot's text has characters its font cannot draw (they would come out as boxes): for example Chinese labels on a
/// machine without a CJK font. Install one (Debian: <c>fonts-noto-cjk</c>) or pass <see cref="PlotOptions.FontFile"/>.
/// </summary>
public sealed class MissingGlyphsException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="text">The text that cannot be drawn.</param>
    /// <param name="fontFamily">The font that lacks its glyphs.</param>
    /// <param name="missing">The characters missing from the font.</param>
    public MissingGlyphsException(string text, string fontFamily, string missing)
        : base(string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"The font '{fontFamily}' has no glyph for '{missing}' in the text \"{text}\": it would draw boxes. Install a font that has them (Debian: apt-get install fonts-noto-cjk for Chinese) or set PlotOptions.FontFile or PlotOptions.FontFamily."))
    {
        Text = text;
        FontFamily = fontFamily;
        Missing = missing;
    }

    /// <summary>The text that cannot be drawn.</summary>
    public string Text { get; }

    /// <summary>The font family that lacks the glyphs.</summary>
    public string FontFamily { get; }

    /// <summary>The characters the font lacks.</summary>
    public string Missing { get; }
}
