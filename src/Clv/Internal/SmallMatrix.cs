namespace Clv.Internal;

/// <summary>
/// Dense linear algebra for the few parameters of a model (k ≤ ~20), row-major in a flat array: Cholesky solve with a diagonal
/// shift, inverse, and symmetric eigenvalues by Jacobi rotations. Never throws: failures are reported by return values.
/// </summary>
internal static class SmallMatrix
{
    /// <summary>Solves (A + shift I) x = b by Cholesky; false when A + shift I is not (numerically) positive definite.</summary>
    public static bool TrySolve(ReadOnlySpan<double> a, int n, double shift, ReadOnlySpan<double> b, Span<double> x)
    {
        Span<double> l = n <= 16 ? stackalloc double[n * n] : new double[n * n];
        if (!TryCholesky(a, n, shift, l))
        {
            return false;
        }

        // L y = b, then L' x = y.
        for (int i = 0; i < n; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++)
            {
                s -= l[(i * n) + k] * x[k];
            }

            x[i] = s / l[(i * n) + i];
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double s = x[i];
            for (int k = i + 1; k < n; k++)
            {
                s -= l[(k * n) + i] * x[k];
            }

            x[i] = s / l[(i * n) + i];
        }

        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(x[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The inverse of a symmetric positive definite matrix; false when it is not positive definite.</summary>
    public static bool TryInverse(ReadOnlySpan<double> a, int n, Span<double> inverse)
    {
        Span<double> e = stackalloc double[n];
        Span<double> column = stackalloc double[n];
        for (int j = 0; j < n; j++)
        {
            e.Clear();
            e[j] = 1;
            if (!TrySolve(a, n, 0, e, column))
            {
                return false;
            }

            for (int i = 0; i < n; i++)
            {
                inverse[(i * n) + j] = column[i];
            }
        }

        return true;
    }

    /// <summary>Eigenvalues (ascending) and unit eigenvectors (columns, row-major) of a symmetric matrix, by cyclic Jacobi rotations.</summary>
    public static void SymmetricEigen(ReadOnlySpan<double> a, int n, Span<double> values, Span<double> vectors)
    {
        Span<double> m = n <= 16 ? stackalloc double[n * n] : new double[n * n];
        a[..(n * n)].CopyTo(m);
        vectors[..(n * n)].Clear();
        for (int i = 0; i < n; i++)
        {
            vectors[(i * n) + i] = 1;
        }

        for (int sweep = 0; sweep < 100; sweep++)
        {
            double off = 0, scale = 0;
            for (int i = 0; i < n; i++)
            {
                scale += m[(i * n) + i] * m[(i * n) + i];
                for (int j = i + 1; j < n; j++)
                {
                    off += m[(i * n) + j] * m[(i * n) + j];
                }
            }

            if (!(off > 1e-30 * scale))
            {
                break;
            }

            for (int p = 0; p < n; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    double apq = m[(p * n) + q];
                    if (apq == 0)
                    {
                        continue;
                    }

                    double theta = (m[(q * n) + q] - m[(p * n) + p]) / (2 * apq);
                    double t = Math.Sign(theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
                    if (theta == 0)
                    {
                        t = 1;
                    }

                    double c = 1 / Math.Sqrt((t * t) + 1), s = t * c;
                    for (int k = 0; k < n; k++)
                    {
                        double mkp = m[(k * n) + p], mkq = m[(k * n) + q];
                        m[(k * n) + p] = (c * mkp) - (s * mkq);
                        m[(k * n) + q] = (s * mkp) + (c * mkq);
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double mpk = m[(p * n) + k], mqk = m[(q * n) + k];
                        m[(p * n) + k] = (c * mpk) - (s * mqk);
                        m[(q * n) + k] = (s * mpk) + (c * mqk);
                    }

                    for (int k = 0; k < n; k++)
                    {
                        double vkp = vectors[(k * n) + p], vkq = vectors[(k * n) + q];
                        vectors[(k * n) + p] = (c * vkp) - (s * vkq);
                        vectors[(k * n) + q] = (s * vkp) + (c * vkq);
                    }
                }
            }
        }

        // Sort ascending (selection sort on n values; columns move with them).
        for (int i = 0; i < n; i++)
        {
            values[i] = m[(i * n) + i];
        }

        for (int i = 0; i < n; i++)
        {
            int min = i;
            for (int j = i + 1; j < n; j++)
            {
                if (values[j] < values[min])
                {
                    min = j;
                }
            }

            if (min != i)
            {
                (values[i], values[min]) = (values[min], values[i]);
                for (int k = 0; k < n; k++)
                {
                    (vectors[(k * n) + i], vectors[(k * n) + min]) = (vectors[(k * n) + min], vectors[(k * n) + i]);
                }
            }
        }
    }

    private static bool TryCholesky(ReadOnlySpan<double> a, int n, double shift, Span<double> l)
    {
        l.Clear();
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = a[(i * n) + j] + (i == j ? shift : 0);
                for (int k = 0; k < j; k++)
                {
                    s -= l[(i * n) + k] * l[(j * n) + k];
                }

                if (i == j)
                {
                    if (!(s > 0) || !double.IsFinite(s))
                    {
                        return false;
                    }

                    l[(i * n) + i] = Math.Sqrt(s);
                }
                else
                {
                    l[(i * n) + j] = s / l[(j * n) + j];
                }
            }
        }

        return true;
    }
}
