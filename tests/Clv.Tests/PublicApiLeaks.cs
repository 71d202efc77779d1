using System.Reflection;

namespace Clv.Tests;

/// <summary>Finds public members of an assembly whose signatures name a dependency's types (they must not leak).</summary>
internal static class PublicApiLeaks
{
    /// <summary>"Type.Member" of every public member whose parameter, return, property or field type (or an element or generic argument of it) is in a namespace starting with one of <paramref name="namespaces"/>.</summary>
    public static List<string> Find(Assembly assembly, params string[] namespaces)
    {
        var leaks = new List<string>();
        foreach (var type in assembly.GetExportedTypes())
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
                    if (namespaces.Any(n => ns.StartsWith(n, StringComparison.Ordinal)))
                    {
                        leaks.Add(type.Name + "." + member.Name);
                    }
                }
            }
        }

        return leaks;
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
