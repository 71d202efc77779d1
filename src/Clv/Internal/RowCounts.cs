using System.Runtime.InteropServices;

namespace Clv.Internal;

/// <summary>Where the rows of a log went.</summary>
[StructLayout(LayoutKind.Auto)]
internal readonly record struct RowCounts(long Total, long Calibration, long Holdout, long Excluded, long Refunds)
{
    public static RowCounts operator +(RowCounts a, RowCounts b) =>
        new(a.Total + b.Total, a.Calibration + b.Calibration, a.Holdout + b.Holdout, a.Excluded + b.Excluded, a.Refunds + b.Refunds);
}
