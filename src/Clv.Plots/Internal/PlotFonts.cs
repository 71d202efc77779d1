using System.Globalization;
using System.Text;
using SkiaSharp;

namespace Clv.Plots.Internal;

/// <summary>Picks the font a plot draws with and checks that it has a glyph for every character of the plot's text.</summary>
internal static class PlotFonts
{
    /// <summary>CJK-capable families tried, in order, when the text needs them.</summary>
    internal static readonly string[] CjkFamilies =
        ["Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
         "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "SimHei", "Noto Sans CJK JP", "Noto Sans CJK TC"];

    /// <summary>Latin sans-serif families tried, in order.</summary>
    internal static readonly string[] SansFamilies = ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica", "Noto Sans", "Segoe UI"];

    /// <summary>The family list written into SVG after the drawing font, so a browser without it picks a similar one.</summary>
    internal const string SvgFallbacks = "'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Micro Hei', 'DejaVu Sans', Arial, sans-serif";

    private static readonly object Gate = new();
    private static readonly Dictionary<string, string> RegisteredFiles = new(StringComparer.Ordinal);

    /// <summary>
    /// The family to draw <paramref name="texts"/> with, per the options, and the name ScottPlot knows it by (a font file is
    /// registered under its path, so it never replaces an installed family of the same name); throws when it lacks glyphs.
    /// </summary>
    /// <exception cref="MissingGlyphsException">The chosen (or every available) font lacks a glyph of the text.</exception>
    public static (string Family, string RenderName) Resolve(PlotOptions options, IReadOnlyList<string> texts)
    {
        if (options.FontFile is { } file)
        {
            string alias = RegisterFile(file, out var typeface);
            using (typeface)
            {
                Check(typeface, typeface.FamilyName, texts);
                return (typeface.FamilyName, alias);
            }
        }

        string chosen = ResolveInstalled(options, texts);
        return (chosen, chosen);
    }

    private static string ResolveInstalled(PlotOptions options, IReadOnlyList<string> texts)
    {
        if (options.FontFamily is { } name)
        {
            using var typeface = Installed(name) ?? throw Throw.OptionError("options.FontFamily", Text.Format($"options.FontFamily: no installed font is named '{name}'. Install it or set options.FontFile."));
            Check(typeface, typeface.FamilyName, texts);
            return typeface.FamilyName;
        }

        bool needsCjk = texts.Any(t => FirstMissing(t, null) is not null && t.Any(IsWide));
        IEnumerable<string> candidates = needsCjk ? CjkFamilies.Concat(SansFamilies) : SansFamilies.Concat(CjkFamilies);
        string? fallback = null;
        foreach (string candidate in candidates)
        {
            using var typeface = Installed(candidate);
            if (typeface is null)
            {
                continue;
            }

            fallback ??= typeface.FamilyName;
            if (texts.All(t => FirstMissing(t, typeface) is null))
            {
                return typeface.FamilyName;
            }
        }

        // Any installed font that has the first missing character (fontconfig's choice).
        string? sample = texts.Select(t => FirstMissing(t, null)).FirstOrDefault(m => m is not null);
        if (sample is not null && SKFontManager.Default.MatchCharacter(char.ConvertToUtf32(sample, 0)) is { } matched)
        {
            using (matched)
            {
                if (texts.All(t => FirstMissing(t, matched) is null))
                {
                    return matched.FamilyName;
                }
            }
        }

        using var best = fallback is null ? SKTypeface.Default : Installed(fallback) ?? SKTypeface.Default;
        Check(best, best.FamilyName, texts);
        return best.FamilyName;
    }

    /// <summary>Registers a font file with ScottPlot once, under a name of its own, and returns that name.</summary>
    private static string RegisterFile(string path, out SKTypeface typeface)
    {
        string full = Path.GetFullPath(path);
        typeface = SKTypeface.FromFile(full) ?? throw Throw.OptionError("options.FontFile", Text.Format($"options.FontFile: '{path}' is not a font file SkiaSharp can read."));
        lock (Gate)
        {
            if (!RegisteredFiles.TryGetValue(full, out string? alias))
            {
                alias = "Clv.Plots file " + full;
                ScottPlot.Fonts.AddFontFile(alias, full);
                RegisteredFiles[full] = alias;
            }

            return alias;
        }
    }

    /// <summary>The installed typeface of exactly that family, or null (fontconfig substitutes another family silently).</summary>
    private static SKTypeface? Installed(string family)
    {
        var typeface = SKFontManager.Default.MatchFamily(family);
        if (typeface is not null && !string.Equals(typeface.FamilyName, family, StringComparison.OrdinalIgnoreCase))
        {
            typeface.Dispose();
            return null;
        }

        return typeface;
    }

    private static void Check(SKTypeface typeface, string family, IReadOnlyList<string> texts)
    {
        foreach (string text in texts)
        {
            if (FirstMissing(text, typeface) is not null)
            {
                throw new MissingGlyphsException(text, family, AllMissing(text, typeface));
            }
        }
    }

    /// <summary>The first character of <paramref name="text"/> the typeface lacks (null: none). A null typeface means
    /// "a Latin font": characters outside Latin, Greek and common symbols count as missing.</summary>
    internal static string? FirstMissing(string text, SKTypeface? typeface)
    {
        foreach (Rune rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || Rune.IsWhiteSpace(rune))
            {
                continue;
            }

            string s = rune.ToString();
            bool has = typeface is null ? rune.Value < 0x2E80 : typeface.ContainsGlyphs(s);
            if (!has)
            {
                return s;
            }
        }

        return null;
    }

    private static string AllMissing(string text, SKTypeface typeface)
    {
        var missing = new StringBuilder();
        foreach (Rune rune in text.EnumerateRunes())
        {
            string s = rune.ToString();
            if (!Rune.IsControl(rune) && !Rune.IsWhiteSpace(rune) && !typeface.ContainsGlyphs(s) && !missing.ToString().Contains(s, StringComparison.Ordinal))
            {
                missing.Append(s);
            }
        }

        return missing.ToString();
    }

    private static bool IsWide(char c) => c >= '\u2E80';

    /// <summary>The SVG font-family attribute value for a family: the family first, then the fallbacks.</summary>
    public static string SvgFamily(string family) => string.Create(CultureInfo.InvariantCulture, $"'{family}', {SvgFallbacks}");
}
