using System.Reflection;
using Clv.Orleans;

namespace Clv.Tests.Orleans;

public class OrleansApiTests
{
    [Fact]
    public void PublicApi_NamesNoParquetNetOrCsvHelperType()
    {
        var assembly = typeof(ClvClusterJob).Assembly;
        var leaks = new List<string>();
        var exported = assembly.GetExportedTypes();
        Assert.Contains(typeof(ClusterJobException), exported);
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
                    string ns = t.Namespace ?? "";
                    if (ns.StartsWith("Parquet", StringComparison.Ordinal) || ns.StartsWith("CsvHelper", StringComparison.Ordinal))
                    {
                        leaks.Add(type.Name + "." + member.Name);
                    }
                }
            }
        }

        Assert.Empty(leaks);
    }

    [Fact]
    public void PublicApi_IsTheSmallDocumentedSurface()
    {
        // The grains and their messages are internal: clients go through ClvClusterJob, silos only register storage.
        var names = typeof(ClvClusterJob).Assembly.GetExportedTypes().Select(t => t.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["ClusterJobException", "ClusterJobProgress", "ClusterJobResult", "ClusterJobSpec", "ClusterJobStage", "ClusterOutputFormat", "ClvClusterJob"], names);
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
