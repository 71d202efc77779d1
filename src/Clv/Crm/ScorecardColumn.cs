using Clv.Internal;

namespace Clv.Crm;

/// <summary>
/// One column of a <see cref="Scorecard"/>: its stable snake_case name, its value type and meaning, and how to read it, from a
/// <see cref="ScorecardRow"/> or by the customer's position. Writers (CSV, Parquet, a database table) iterate
/// <see cref="Scorecard.Columns"/> and read each position with the getter of the column's <see cref="Kind"/>, so every writer has
/// the same columns in the same order.
/// </summary>
public sealed class ScorecardColumn
{
    private readonly Func<ScorecardRow, string?>? _text;
    private readonly Func<ScorecardRow, int?>? _integer;
    private readonly Func<ScorecardRow, double?>? _number;
    private readonly Func<int, string?>? _textAt;
    private readonly Func<int, int?>? _integerAt;
    private readonly Func<int, double?>? _numberAt;
    private readonly int _count;

    private ScorecardColumn(string name, ScorecardColumnKind kind, string description, int count, Func<ScorecardRow, string?>? text, Func<int, string?>? textAt, Func<ScorecardRow, int?>? integer, Func<int, int?>? integerAt, Func<ScorecardRow, double?>? number, Func<int, double?>? numberAt)
    {
        Name = name;
        Kind = kind;
        Description = description;
        _count = count;
        _text = text;
        _textAt = textAt;
        _integer = integer;
        _integerAt = integerAt;
        _number = number;
        _numberAt = numberAt;
    }

    /// <summary>The column's name: stable, snake_case, ASCII (<c>customer_id</c>, <c>r_score</c>, <c>clv_year_1</c>).</summary>
    public string Name { get; }

    /// <summary>The value type.</summary>
    public ScorecardColumnKind Kind { get; }

    /// <summary>What the column holds, in one sentence (the README's data dictionary says the same).</summary>
    public string Description { get; }

    /// <summary>The value of a <see cref="ScorecardColumnKind.Text"/> column.</summary>
    /// <param name="row">The row.</param>
    /// <returns>The text, or null where the customer has no value.</returns>
    /// <exception cref="InvalidOperationException">The column is not a text column.</exception>
    public string? GetText(ScorecardRow row) => (_text ?? throw WrongKind(ScorecardColumnKind.Text))(row);

    /// <summary>
    /// The value of a <see cref="ScorecardColumnKind.Text"/> column for the customer at a position of the scorecard this column
    /// belongs to: the same value as <see cref="GetText(ScorecardRow)"/> of <c>Rows[index]</c>, read from the scorecard's
    /// column arrays without building the row (what writers of every cell use).
    /// </summary>
    /// <param name="index">The customer's position, 0 to <c>Rows.Count - 1</c>.</param>
    /// <returns>The text, or null where the customer has no value.</returns>
    /// <exception cref="InvalidOperationException">The column is not a text column.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the scorecard's rows.</exception>
    public string? GetText(int index) => (_textAt ?? throw WrongKind(ScorecardColumnKind.Text))(Checked(index));

    /// <summary>The value of an <see cref="ScorecardColumnKind.Integer"/> column.</summary>
    /// <param name="row">The row.</param>
    /// <returns>The number, or null where the customer has no value.</returns>
    /// <exception cref="InvalidOperationException">The column is not an integer column.</exception>
    public int? GetInteger(ScorecardRow row) => (_integer ?? throw WrongKind(ScorecardColumnKind.Integer))(row);

    /// <summary>The value of an <see cref="ScorecardColumnKind.Integer"/> column for the customer at a position (see <see cref="GetText(int)"/>).</summary>
    /// <param name="index">The customer's position, 0 to <c>Rows.Count - 1</c>.</param>
    /// <returns>The number, or null where the customer has no value.</returns>
    /// <exception cref="InvalidOperationException">The column is not an integer column.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the scorecard's rows.</exception>
    public int? GetInteger(int index) => (_integerAt ?? throw WrongKind(ScorecardColumnKind.Integer))(Checked(index));

    /// <summary>The value of a <see cref="ScorecardColumnKind.Number"/> column.</summary>
    /// <param name="row">The row.</param>
    /// <returns>The number (finite), or null where the customer has no value.</returns>
    /// <exception cref="InvalidOperationException">The column is not a number column.</exception>
    public double? GetNumber(ScorecardRow row) => (_number ?? throw WrongKind(ScorecardColumnKind.Number))(row);

    /// <summary>The value of a <see cref="ScorecardColumnKind.Number"/> column for the customer at a position (see <see cref="GetText(int)"/>).</summary>
    /// <param name="index">The customer's position, 0 to <c>Rows.Count - 1</c>.</param>
    /// <returns>The number (finite), or null where the customer has no value.</returns>
    /// <exception cref="InvalidOperationException">The column is not a number column.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the scorecard's rows.</exception>
    public double? GetNumber(int index) => (_numberAt ?? throw WrongKind(ScorecardColumnKind.Number))(Checked(index));

    /// <summary>The name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;

    internal static ScorecardColumn Text(string name, string description, int count, Func<ScorecardRow, string?> get, Func<int, string?> at) =>
        new(name, ScorecardColumnKind.Text, description, count, get, at, null, null, null, null);

    internal static ScorecardColumn Integer(string name, string description, int count, Func<ScorecardRow, int?> get, Func<int, int?> at) =>
        new(name, ScorecardColumnKind.Integer, description, count, null, null, get, at, null, null);

    internal static ScorecardColumn Number(string name, string description, int count, Func<ScorecardRow, double?> get, Func<int, double?> at) =>
        new(name, ScorecardColumnKind.Number, description, count, null, null, null, null, get, at);

    internal bool HasValue(int index) => Kind switch
    {
        ScorecardColumnKind.Text => _textAt!(index) is not null,
        ScorecardColumnKind.Integer => _integerAt!(index) is not null,
        _ => _numberAt!(index) is not null,
    };

    private int Checked(int index) => (uint)index < (uint)_count
        ? index
        : throw new ArgumentOutOfRangeException(nameof(index), index, Guard.Format($"The scorecard has {_count} rows."));

    private InvalidOperationException WrongKind(ScorecardColumnKind asked) =>
        new(Guard.Format($"Column '{Name}' holds {Kind} values, not {asked}: read it with Get{Kind}."));
}
