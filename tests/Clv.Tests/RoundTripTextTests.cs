using System.Globalization;
using Clv.Csv;
using Clv.Internal;
using Clv.Probabilistic;

namespace Clv.Tests;

/// <summary>
/// Text the library writes for a double reads back as that double, including ±2^-25 and ±2^-958, whose shortest text from
/// .NET ("2.980232238769531E-08") reads as the double below them: CSV fields and JSON model files alike.
/// </summary>
public class RoundTripTextTests
{
    /// <summary>Every power of two from 2^-1074 to 2^1023, both signs, and the doubles on either side of each.</summary>
    public static IEnumerable<double> PowersOfTwoAndNeighbours()
    {
        for (int e = -1074; e <= 1023; e++)
        {
            double x = Math.ScaleB(1.0, e);
            foreach (double v in new[] { x, Math.BitDecrement(x), Math.BitIncrement(x) })
            {
                if (double.IsFinite(v) && v > 0)
                {
                    yield return v;
                    yield return -v;
                }
            }
        }
    }

    [Fact]
    public void CsvField_EveryPowerOfTwoAndItsNeighbours_ReadsBackExactly()
    {
        var rows = PowersOfTwoAndNeighbours().Select((v, i) => new Transaction("c" + i.ToString(CultureInfo.InvariantCulture), new DateOnly(2024, 1, 1), v)).ToArray();
        var text = new StringWriter();
        TransactionCsv.Write(text, rows);

        var read = TransactionCsv.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text.ToString()))).Transactions.ToArray();

        var wrong = rows.Zip(read).Where(p => BitConverter.DoubleToInt64Bits(p.First.Amount) != BitConverter.DoubleToInt64Bits(p.Second.Amount)).Select(p => p.First.Amount.ToString("G17", CultureInfo.InvariantCulture)).ToList();
        Assert.True(wrong.Count == 0, "read back as another double: " + string.Join(", ", wrong));

        // The shortest text everywhere else: 2^-24 as .NET writes it, 2^-25 with 17 digits.
        Assert.Contains("c0,2024-01-01,5E-324\r\n", text.ToString(), StringComparison.Ordinal);
        Assert.Contains(",2024-01-01,5.960464477539063E-08\r\n", text.ToString(), StringComparison.Ordinal);
        Assert.Contains(",2024-01-01,2.9802322387695312E-08\r\n", text.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ModelJson_ParametersAtTheMisreadDoubles_LoadBitForBit()
    {
        double a = Math.ScaleB(1.0, -25), b = Math.ScaleB(1.0, -958);
        var bgnbd = new BgNbdModel(a, b, 0.5, 2.5, TimeUnit.Week);
        var spend = new GammaGammaModel(b, a, 3);

        var bgnbdBack = ModelJson.Load<BgNbdModel>(ModelJson.Save(bgnbd));
        var spendBack = ModelJson.Load<GammaGammaModel>(ModelJson.Save(spend));

        Assert.Equal((a, b), (bgnbdBack.R, bgnbdBack.Alpha));
        Assert.Equal((b, a), (spendBack.P, spendBack.Q));
        Assert.Contains("2.9802322387695312E-08", ModelJson.Save(bgnbd), StringComparison.Ordinal);
    }

    [Fact]
    public void ClusterJobDefinition_RatesAtTheMisreadDoubles_ReadBackExactly()
    {
        // The Orleans job definition is JSON shipped to every silo and stored with the job.
        // A definition FromJson takes (a job id, a partition, an output folder; a margin rate of at least 0).
        double a = Math.ScaleB(1.0, -25), b = Math.ScaleB(1.0, -958);
        var job = new Clv.Orleans.Internal.JobDefinition { JobId = "job", Partitions = [["a.csv"]], OutputFolder = "out", DiscountRate = a, MarginRate = b, HorizonPeriods = 3 };

        var back = Clv.Orleans.Internal.JobDefinition.FromJson(job.ToJson());

        Assert.Equal((a, b, 3), (back.DiscountRate, back.MarginRate, back.HorizonPeriods));
        Assert.Contains("2.9802322387695312E-08", job.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void IsMisread_ExactlyTheDoublesWhoseShortestTextDoesNotReadBack()
    {
        // A guard on the claim, against the running .NET: among all powers of two and their neighbours, the doubles whose
        // "R" text reads as another double are the ones IsMisread names (and none of them once .NET writes them right).
        foreach (double v in PowersOfTwoAndNeighbours())
        {
            bool misread = double.Parse(v.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) != v;
            Assert.True(!misread || RoundTripText.IsMisread(v), v.ToString("G17", CultureInfo.InvariantCulture));
            Assert.Equal(v, double.Parse(RoundTripText.Long(v), CultureInfo.InvariantCulture));
        }

        Assert.True(RoundTripText.IsMisread(Math.ScaleB(-1.0, -25)) && RoundTripText.IsMisread(Math.ScaleB(1.0, -958)));
        Assert.False(RoundTripText.IsMisread(Math.ScaleB(1.0, -24)) || RoundTripText.IsMisread(Math.BitIncrement(Math.ScaleB(1.0, -25))));
    }
}
