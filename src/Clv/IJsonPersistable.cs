namespace Clv;

/// <summary>
/// Something the library fitted or configured that persists as versioned JSON: every model, RFM cut points, segment maps,
/// lifecycle policies and fit results. One format everywhere: a camelCase object whose <c>"model"</c> field names what it
/// is and whose <c>"version"</c> field is the format version (1).
/// </summary>
public interface IJsonPersistable
{
    /// <summary>Writes this object as versioned JSON; the type's <c>FromJson</c> reads it back to an equal object.</summary>
    /// <returns>The JSON text (doubles in round-trip form).</returns>
    string ToJson();
}

/// <summary>A persistable type that reads itself back: <c>TSelf.FromJson(x.ToJson())</c> equals <c>x</c>.</summary>
/// <typeparam name="TSelf">The type itself.</typeparam>
public interface IJsonPersistable<TSelf> : IJsonPersistable
    where TSelf : class, IJsonPersistable<TSelf>
{
    /// <summary>Reads an object written by <see cref="IJsonPersistable.ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The object.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="FormatException">The text is not this type's JSON of a supported version, or a field is missing or invalid; the message names the field.</exception>
    static abstract TSelf FromJson(string json);
}
