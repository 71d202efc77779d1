using System.Globalization;

namespace Clv.Tests;

/// <summary>Runs report formatting under a culture with other separators, to show the text does not depend on it.</summary>
internal static class Culture
{
    public static string Invariant(Func<string> format)
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            return format();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
