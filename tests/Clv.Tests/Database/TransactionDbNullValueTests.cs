using System.Collections;
using System.Data;
using System.Data.Common;
using Clv.Data;

namespace Clv.Tests.Database;

/// <summary>
/// A reader whose <c>GetValue</c> returns null (not <see cref="DBNull"/>) for a missing value, and whose <c>IsDBNull</c> only
/// recognises <see cref="DBNull"/>, as hand-written readers over objects often do: a null amount threw NullReferenceException
/// (and a null id too) instead of being a bad row; now each is "NULL", as a database's NULL is.
/// </summary>
public class TransactionDbNullValueTests
{
    [Fact]
    public void Read_NullValuesFromGetValue_AreNullRows()
    {
        using var table = new DataTable();
        table.Columns.Add("customer_id", typeof(string));
        table.Columns.Add("date", typeof(DateOnly));
        table.Columns.Add("amount", typeof(double));
        table.Rows.Add("a", new DateOnly(2024, 1, 2), 1.0);
        table.Rows.Add("b", new DateOnly(2024, 1, 2), DBNull.Value);
        table.Rows.Add(DBNull.Value, new DateOnly(2024, 1, 2), 2.0);
        table.Rows.Add("c", DBNull.Value, 3.0);
        table.Rows.Add("d", new DateOnly(2024, 1, 3), 4.0);
        using var reader = new NullForDbNullReader(table.CreateDataReader());
        var log = TransactionDb.Read(reader, new TransactionDbOptions { Mode = DbReadMode.Lenient });
        Assert.Equal(["a", "d"], log.Transactions.ToArray().Select(t => t.CustomerId));
        Assert.Equal(
            [(2L, "amount", "The amount is NULL."), (3L, "customer_id", "The customer id is NULL."), (4L, "date", "The date is NULL.")],
            log.Rejected.Select(r => (r.LineNumber, r.Column, r.Reason)));
    }

    /// <summary>A reader that hands a missing value over as null, and says no value is DBNull.</summary>
    private sealed class NullForDbNullReader(DbDataReader inner) : DbDataReader
    {
        public override object this[int ordinal] => GetValue(ordinal);

        public override object this[string name] => GetValue(GetOrdinal(name));

        public override int Depth => inner.Depth;

        public override int FieldCount => inner.FieldCount;

        public override bool HasRows => inner.HasRows;

        public override bool IsClosed => inner.IsClosed;

        public override int RecordsAffected => inner.RecordsAffected;

        public override object GetValue(int ordinal) => inner.IsDBNull(ordinal) ? null! : inner.GetValue(ordinal);

        public override bool IsDBNull(int ordinal) => false;

        public override string GetString(int ordinal) => (string)GetValue(ordinal);

        public override bool GetBoolean(int ordinal) => inner.GetBoolean(ordinal);

        public override byte GetByte(int ordinal) => inner.GetByte(ordinal);

        public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => inner.GetBytes(ordinal, dataOffset, buffer, bufferOffset, length);

        public override char GetChar(int ordinal) => inner.GetChar(ordinal);

        public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => inner.GetChars(ordinal, dataOffset, buffer, bufferOffset, length);

        public override string GetDataTypeName(int ordinal) => inner.GetDataTypeName(ordinal);

        public override DateTime GetDateTime(int ordinal) => inner.GetDateTime(ordinal);

        public override decimal GetDecimal(int ordinal) => inner.GetDecimal(ordinal);

        public override double GetDouble(int ordinal) => inner.GetDouble(ordinal);

        public override IEnumerator GetEnumerator() => inner.GetEnumerator();

        public override Type GetFieldType(int ordinal) => inner.GetFieldType(ordinal);

        public override float GetFloat(int ordinal) => inner.GetFloat(ordinal);

        public override Guid GetGuid(int ordinal) => inner.GetGuid(ordinal);

        public override short GetInt16(int ordinal) => inner.GetInt16(ordinal);

        public override int GetInt32(int ordinal) => inner.GetInt32(ordinal);

        public override long GetInt64(int ordinal) => inner.GetInt64(ordinal);

        public override string GetName(int ordinal) => inner.GetName(ordinal);

        public override int GetOrdinal(string name) => inner.GetOrdinal(name);

        public override int GetValues(object[] values) => inner.GetValues(values);

        public override bool NextResult() => inner.NextResult();

        public override bool Read() => inner.Read();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
