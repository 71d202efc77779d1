using Clv.Internal;

namespace Clv.Valuation;

/// <summary>The value shares of the ABC classes. Validated once per call; errors name the property (<c>options.AShare</c>).</summary>
public sealed class AbcOptions
{
    /// <summary>The shared default options: A brings 80% of the value, B the next 15%, C the last 5%.</summary>
    public static AbcOptions Default { get; } = new();

    /// <summary>The share of the total value that the A customers bring, in (0, 1]. Default 0.80.</summary>
    public double AShare { get; init; } = 0.80;

    /// <summary>The share of the total value that the B customers bring after the A customers, in [0, 1 - <see cref="AShare"/>]. Default 0.15.</summary>
    public double BShare { get; init; } = 0.15;

    /// <summary>Checks every option once; errors name the property by its path from the caller's parameter (<c>options.AShare</c>, or <c>options.Abc.AShare</c> inside other options).</summary>
    /// <param name="path">The path of these options.</param>
    /// <returns>This instance.</returns>
    internal AbcOptions Validate(string path = "options")
    {
        if (!(AShare > 0 && AShare <= 1))
        {
            ThrowHelper.ArgumentOutOfRange(path + ".AShare", AShare, Guard.Format($"{path}.AShare must be in (0, 1], but was {AShare}."));
        }

        if (!(BShare >= 0 && AShare + BShare <= 1 + 1e-12))
        {
            // 1 - AShare to 15 digits: 1 - 0.8 is 0.19999999999999996 in binary, shown as the 0.2 the user means.
            ThrowHelper.ArgumentOutOfRange(path + ".BShare", BShare, Guard.Format($"{path}.BShare must be in [0, 1 - {path}.AShare] = [0, {1 - AShare:G15}], but was {BShare}."));
        }

        return this;
    }
}
