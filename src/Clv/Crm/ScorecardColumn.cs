using Clv.Internal;

namespace Clv.Crm;

/// <summary>
/// One column of a <see cref="Scorecard"/>: its stable snake_case name, its value type and meaning, and how to read it from a
/// <see cref="ScorecardRow"/>. Writers (CSV, Parquet, a database table) iterate <see cref="Scorecard.Columns"/> and read each row
/// with the getter of the column's <see cref="Kind"/>, so every writer has the same columns in the same order.
/// </summary>
public sealed class ScorecardColumn
{
    private readonly Func<ScorecardRow, string?>? _text;
    private readonly Func<ScorecardRow, int?>? _integer;
    private readonly Func<ScorecardRow, double?>? _number;

    private ScorecardColumn(string name, ScorecardColumnKind kind, string description, Func<ScorecardRow, string?>? text, Func<ScorecardRow, int?>? integer, Func<ScorecardRow, double?>? number)
    {
        Name = name;
        Kind = kind;
        Description = description;
        _text = text;
        _integer = integer;
        _number = number;
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

    /// <summary>The value of an <see cref="ScorecardColumnKind.Integer"/> column.</summary>
    /// <param name="row">The row.</param>
    /// <returns>The number, or null where the customer has no value.</returns>
    /// <exception cref="InvalidOperationException">The column is not an integer column.</exception>
    public int? GetInteger(ScorecardRow row) => (_integer ?? throw WrongKind(ScorecardColumnKind.Integer))(row);

    /// <summary>The value of a <see cref="ScorecardColumnKind.Number"/> column.</summary>
    /// <param name="row">The row.</param>
    /// <returns>The number (finite), or null where the customer has no value.</returns>
    /// <exception cref="InvalidOperationException">The column is not a number column.</exception>
    public double? GetNumber(ScorecardRow row) => (_number ?? throw WrongKind(ScorecardColumnKind.Number))(row);

    /// <summary>The name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;

    internal static ScorecardColumn Text(string name, string description, Func<ScorecardRow, string?> get) =>
        new(name, ScorecardColumnKind.Text, description, get, null, null);

    internal static ScorecardColumn Integer(string name, string description, Func<ScorecardRow, int?> get) =>
        new(name, ScorecardColumnKind.Integer, description, null, get, null);

    internal static ScorecardColumn Number(string name, string description, Func<ScorecardRow, double?> get) =>
        new(name, ScorecardColumnKind.Number, description, null, null, get);

    /// <summary>Whether the row has a value in this column.</summary>
    internal bool HasValue(ScorecardRow row) => Kind switch
    {
        ScorecardColumnKind.Text => _text!(row) is not null,
        ScorecardColumnKind.Integer => _integer!(row) is not null,
        _ => _number!(row) is not null,
    };

    private InvalidOperationException WrongKind(ScorecardColumnKind asked) =>
        new(Guard.Format($"Column '{Name}' holds {Kind} values, not {asked}: read it with Get{Kind}."));
}
