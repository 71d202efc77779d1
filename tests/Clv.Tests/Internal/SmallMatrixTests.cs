using Clv.Internal;
using FsCheck.Xunit;

namespace Clv.Tests.Internal;

/// <summary>
/// The small dense linear algebra under every fit (Newton steps, standard errors, the ridge check): Cholesky solves with a shift,
/// the inverse, and Jacobi eigenvalues, each against its defining law on random symmetric matrices of sizes 1 to 8.
/// </summary>
public class SmallMatrixTests
{
    /// <summary>A random symmetric positive definite matrix M M' + εI of size 1 to 8, entries of mixed magnitude.</summary>
    private static (double[] A, int N) PositiveDefinite(int seed)
    {
        var random = new Random(seed);
        int n = 1 + random.Next(8);
        var m = new double[n * n];
        for (int i = 0; i < m.Length; i++)
        {
            m[i] = (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-2, 3));
        }

        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = i == j ? 0.1 : 0;
                for (int k = 0; k < n; k++)
                {
                    s += m[(i * n) + k] * m[(j * n) + k];
                }

                a[(i * n) + j] = s;
            }
        }

        return (a, n);
    }

    /// <summary>A random symmetric matrix (not necessarily definite) of size 1 to 8.</summary>
    private static (double[] A, int N) Symmetric(int seed)
    {
        var random = new Random(seed);
        int n = 1 + random.Next(8);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = i; j < n; j++)
            {
                // Some exact ties on the diagonal and some zero off-diagonal entries, to reach the rotations' special cases.
                double v = random.Next(4) == 0 ? 0 : random.Next(3) == 0 ? 1.5 : (random.NextDouble() - 0.5) * 20;
                a[(i * n) + j] = v;
                a[(j * n) + i] = v;
            }
        }

        return (a, n);
    }

    private static double Norm(ReadOnlySpan<double> v)
    {
        double s = 0;
        foreach (double x in v)
        {
            s += x * x;
        }

        return Math.Sqrt(s);
    }

    private static double[] Times(double[] a, int n, ReadOnlySpan<double> x, double shift = 0)
    {
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = shift * x[i];
            for (int j = 0; j < n; j++)
            {
                y[i] += a[(i * n) + j] * x[j];
            }
        }

        return y;
    }

    [Property(MaxTest = 200)]
    public bool TrySolve_PositiveDefinite_SolvesWithAndWithoutShift(int seed)
    {
        var (a, n) = PositiveDefinite(seed);
        var random = new Random(seed ^ 0x5EED);
        var b = Enumerable.Range(0, n).Select(_ => random.NextDouble() - 0.5).ToArray();
        double shift = random.Next(2) == 0 ? 0 : random.NextDouble() * 10;
        var x = new double[n];

        bool solved = SmallMatrix.TrySolve(a, n, shift, b, x);
        var residual = Times(a, n, x, shift).Zip(b, (ax, bi) => ax - bi).ToArray();
        double scale = Norm(a) + shift;
        return solved && Norm(residual) <= 1e-10 * ((scale * Norm(x)) + Norm(b));
    }

    [Fact]
    public void TrySolve_NotPositiveDefinite_ReturnsFalse()
    {
        var x = new double[2];
        Assert.False(SmallMatrix.TrySolve([1, 2, 2, 1], 2, 0, [1, 1], x));        // eigenvalues −1 and 3
        Assert.False(SmallMatrix.TrySolve([1, 1, 1, 1], 2, 0, [1, 1], x));        // singular: the second pivot is exactly 0
        Assert.False(SmallMatrix.TrySolve([double.NaN, 0, 0, 1], 2, 0, [1, 1], x));
        Assert.False(SmallMatrix.TrySolve([1, 0, 0, double.PositiveInfinity], 2, 0, [1, 1], x));
        Assert.False(SmallMatrix.TrySolve([-1, 0, 0, 1], 2, 0.5, [1, 1], x));     // −1 + 0.5 still negative
        Assert.False(SmallMatrix.TrySolve([1e-300, 0, 0, 1], 2, 0, [1e300, 1], x)); // definite, but the solution overflows

        // A shift that makes the matrix definite makes it solvable: (−1 + 2) x0 = 1, (1 + 2) x1 = 3.
        Assert.True(SmallMatrix.TrySolve([-1, 0, 0, 1], 2, 2, [1, 3], x));
        Assert.Equal(1.0, x[0], 1e-15);  // through a Cholesky factor √3 · √3 is a rounding from 3
        Assert.Equal(1.0, x[1], 1e-15);
    }

    [Fact]
    public void TrySolve_LowerTriangleIsWhatItReads()
    {
        // A symmetric matrix is given in full; the Cholesky factor is built from the lower triangle, and the result is exact here:
        // [[4, 2], [2, 3]] x = [8, 7] has x = [1.25, 1.5].
        var x = new double[2];
        Assert.True(SmallMatrix.TrySolve([4, 2, 2, 3], 2, 0, [8, 7], x));
        Assert.Equal(1.25, x[0], 1e-15);
        Assert.Equal(1.5, x[1], 1e-15);
    }

    [Property(MaxTest = 200)]
    public bool TryInverse_PositiveDefinite_TimesMatrixIsIdentity(int seed)
    {
        var (a, n) = PositiveDefinite(seed);
        var inverse = new double[n * n];
        if (!SmallMatrix.TryInverse(a, n, inverse))
        {
            return false;
        }

        double worst = 0, scale = Norm(a) * Norm(inverse);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    s += a[(i * n) + k] * inverse[(k * n) + j];
                }

                worst = Math.Max(worst, Math.Abs(s - (i == j ? 1 : 0)));
            }
        }

        return worst <= 1e-11 * scale;
    }

    [Fact]
    public void TryInverse_Indefinite_ReturnsFalse()
    {
        var inverse = new double[4];
        Assert.False(SmallMatrix.TryInverse([1, 2, 2, 1], 2, inverse));
        Assert.True(SmallMatrix.TryInverse([2, 0, 0, 4], 2, inverse));
        Assert.Equal(0.5, inverse[0], 1e-15);  // 1 / (√2 · √2) is a rounding from 0.5
        Assert.Equal(0.0, inverse[1]);
        Assert.Equal(0.0, inverse[2]);
        Assert.Equal(0.25, inverse[3], 1e-15);
    }

    [Property(MaxTest = 300)]
    public bool SymmetricEigen_AnySymmetric_GivesAscendingValuesAndOrthonormalVectorsWithAvEqualsLambdaV(int seed)
    {
        var (a, n) = Symmetric(seed);
        var values = new double[n];
        var vectors = new double[n * n];
        SmallMatrix.SymmetricEigen(a, n, values, vectors);

        double scale = Math.Max(Norm(a), 1e-300), worst = 0;
        for (int j = 0; j < n; j++)
        {
            var v = Enumerable.Range(0, n).Select(i => vectors[(i * n) + j]).ToArray();
            var av = Times(a, n, v);
            for (int i = 0; i < n; i++)
            {
                worst = Math.Max(worst, Math.Abs(av[i] - (values[j] * v[i])) / scale);
            }

            for (int k = 0; k < n; k++)
            {
                double dot = Enumerable.Range(0, n).Sum(i => vectors[(i * n) + j] * vectors[(i * n) + k]);
                worst = Math.Max(worst, Math.Abs(dot - (j == k ? 1 : 0)));
            }
        }

        double trace = Enumerable.Range(0, n).Sum(i => a[(i * n) + i]);
        bool ascending = values.Zip(values.Skip(1), (x, y) => x <= y).All(b => b);
        return ascending && worst <= 1e-12 && Math.Abs(values.Sum() - trace) <= 1e-12 * scale * n;
    }

    [Fact]
    public void SymmetricEigen_EqualDiagonal_RotatesByAQuarterTurn()
    {
        // [[1, 2], [2, 1]]: θ = 0 in the rotation formula; eigenvalues −1 and 3 with vectors (1, −1)/√2 and (1, 1)/√2.
        var values = new double[2];
        var vectors = new double[4];
        SmallMatrix.SymmetricEigen([1, 2, 2, 1], 2, values, vectors);
        Assert.Equal(-1, values[0], 1e-15);
        Assert.Equal(3, values[1], 1e-15);
        Assert.Equal(0, vectors[0] + vectors[2], 1e-15);          // first column ∝ (1, −1)
        Assert.Equal(0, vectors[1] - vectors[3], 1e-15);          // second column ∝ (1, 1)
        Assert.Equal(1 / Math.Sqrt(2), Math.Abs(vectors[0]), 1e-15);
    }

    [Fact]
    public void SymmetricEigen_Diagonal_SortsValuesAndMovesTheirColumns()
    {
        var values = new double[3];
        var vectors = new double[9];
        SmallMatrix.SymmetricEigen([5, 0, 0, 0, -2, 0, 0, 0, 1], 3, values, vectors);
        Assert.Equal([-2.0, 1, 5], values);
        Assert.Equal([0.0, 0, 1, 1, 0, 0, 0, 1, 0], vectors);
    }

    [Fact]
    public void SymmetricEigen_ReadsOnlyTheFirstNByNEntries()
    {
        // Buffers longer than n × n (the callers pass scratch arrays): the tail is neither read nor written.
        var values = new double[3];
        var vectors = Enumerable.Repeat(7.0, 6).ToArray();
        SmallMatrix.SymmetricEigen([2, 0, 0, 3, 99, 99], 2, values, vectors);
        Assert.Equal([2.0, 3, 0], values);
        Assert.Equal([1.0, 0, 0, 1, 7, 7], vectors);
    }
}
