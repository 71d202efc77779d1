using System.Data;
using System.Globalization;
using System.Numerics;
using Clv.Data;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Clv.Tests.Database;

/// <summary>
/// Integers of every .NET type a provider returns: SQL Server's <c>TINYINT</c> is a <see cref="byte"/>, MySQL's and DuckDB's
/// unsigned columns <see cref="ushort"/>, <see cref="uint"/>, <see cref="ulong"/>, DuckDB's <c>TINYINT</c> an
/// <see cref="sbyte"/> and its <c>HUGEINT</c> a <see cref="BigInteger"/>. The docs promise an integer id and any integer
/// or floating amount; these were rejected as "not text, an integer or a Guid" and "not a number".
/// </summary>
public class TransactionDbIntegerTypesTests
{
    /// <summary>A one-row result (a <see cref="DataTableReader"/>, a <see cref="System.Data.Common.DbDataReader"/>) with the id and amount typed as given.</summary>
    private static TransactionLog ReadOne(object id, object amount)
    {
        using var table = new DataTable();
        table.Columns.Add("customer_id", id.GetType());
        table.Columns.Add("date", typeof(DateOnly));
        table.Columns.Add("amount", amount.GetType());
        table.Rows.Add(id, new DateOnly(2024, 1, 5), amount);
        using var reader = table.CreateDataReader();
        return TransactionDb.Read(reader);
    }

    public static TheoryData<object, string> Ids => new()
    {
        { (byte)255, "255" },
        { (sbyte)-128, "-128" },
        { (ushort)65535, "65535" },
        { 4_294_967_295u, "4294967295" },
        { ulong.MaxValue, "18446744073709551615" },
        { Int128.MinValue, "-170141183460469231731687303715884105728" },
        { UInt128.MaxValue, "340282366920938463463374607431768211455" },
        { BigInteger.Parse("123456789012345678901234567890", CultureInfo.InvariantCulture), "123456789012345678901234567890" },
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void Read_IdOfAnyIntegerType_IsItsInvariantDigits(object id, string expected)
    {
        var log = ReadOne(id, 10.5);

        Assert.Equal([new Transaction(expected, new DateOnly(2024, 1, 5), 10.5)], log.Transactions.ToArray());
    }

    public static TheoryData<object, double> Amounts => new()
    {
        { (sbyte)-7, -7 },
        { (ushort)65535, 65535 },
        { 4_000_000_000u, 4e9 },
        { 12_345_678_901ul, 12_345_678_901 },
        { (Half)2.5, 2.5 },
        { (Int128)(-42), -42 },
        { (UInt128)42, 42 },
        { new BigInteger(-1234), -1234 },
    };

    [Theory]
    [MemberData(nameof(Amounts))]
    public void Read_AmountOfAnyNumericType_IsConverted(object amount, double expected)
    {
        var log = ReadOne("a", amount);

        Assert.Empty(log.Rejected);
        Assert.Equal(expected, Assert.Single(log.Transactions.ToArray()).Amount);
    }

    /// <summary>An unsigned 64-bit id and amount read as the signed types do: the id is the number's digits, the amount the nearest double.</summary>
    [Property(MaxTest = 200)]
    public Property Read_UnsignedLongIdAndAmount_AreTheNumbersDigitsAndNearestDouble() =>
        Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), value =>
        {
            var row = Assert.Single(ReadOne(value, value).Transactions.ToArray());
            return row.CustomerId == value.ToString(CultureInfo.InvariantCulture) && row.Amount == (double)value;
        });
}
