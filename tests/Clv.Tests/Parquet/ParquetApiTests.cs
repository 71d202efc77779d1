using System.Reflection;
using Clv.Parquet;

namespace Clv.Tests.Parquet;

public class ParquetApiTests
{
    [Fact]
    public void PublicApi_NamesNoParquetNetType()
    {
        var assembly = typeof(TransactionParquet).Assembly;
        var leaks = new List<string>();
        var exported = assembly.GetExportedTypes();
        Assert.Contains(typeof(ParquetFormatException), exported);
        foreach (var type in exported)
        {
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                var types = member switch
                {
                    MethodBase m => m.GetParameters().Select(p => p.ParameterType).Append((m as MethodInfo)?.ReturnType),
                    PropertyInfo p => [p.PropertyType],
                    FieldInfo f => [f.FieldType],
                    _ => [],
                };
                foreach (var t in types.OfType<Type>().SelectMany(Flatten))
                {
                    if ((t.Namespace ?? "").StartsWith("Parquet", StringComparison.Ordinal))
                    {
                        leaks.Add(type.Name + "." + member.Name);
                    }
                }
            }
        }

        Assert.Empty(leaks);
    }

    /// <summary>A type with its element and generic argument types (a <c>ReadOnlySpan&lt;T&gt;</c> names T too).</summary>
    private static IEnumerable<Type> Flatten(Type t)
    {
        yield return t;
        if ((t.HasElementType ? t.GetElementType() : null) is { } element)
        {
            foreach (var e in Flatten(element))
            {
                yield return e;
            }
        }

        foreach (var a in t.IsGenericType ? t.GetGenericArguments() : [])
        {
            foreach (var e in Flatten(a))
            {
                yield return e;
            }
        }
    }
}
