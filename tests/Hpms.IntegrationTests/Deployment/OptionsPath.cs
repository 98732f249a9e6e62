using System.Collections;
using System.Reflection;

namespace Hpms.IntegrationTests.Deployment;

/// <summary>
/// Checks that a configuration key (<c>Section:Key:…</c>) binds to a real options property, the way
/// Microsoft.Extensions.Configuration's binder walks it: properties by name (case-insensitive), list items by
/// index, dictionary entries by any key; the last step must be a value the binder converts from a string.
/// </summary>
internal static class OptionsPath
{
    /// <summary>Why the key does not bind, or null when it does.</summary>
    /// <param name="sections">Options type by configuration section.</param>
    /// <param name="key">The key, segments separated by ':'.</param>
    /// <returns>The problem, or null.</returns>
    public static string? Problem(IReadOnlyDictionary<string, Type> sections, string key)
    {
        string[] segments = key.Split(':');
        if (!sections.TryGetValue(segments[0], out Type? type))
        {
            return $"{key}: no options class is bound to section '{segments[0]}' (known: {string.Join(", ", sections.Keys)}).";
        }

        for (int i = 1; i < segments.Length; i++)
        {
            string segment = segments[i];
            if (ElementOf(type, typeof(IDictionary<,>), 1) is Type value)
            {
                type = value;
            }
            else if (type != typeof(string) && ElementOf(type, typeof(IEnumerable<>), 0) is Type item)
            {
                if (!int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
                {
                    return $"{key}: '{segment}' is not a list index of {type.Name}.";
                }

                type = item;
            }
            else
            {
                PropertyInfo? property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                if (property is null)
                {
                    return $"{key}: {type.FullName} has no property '{segment}'.";
                }

                type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            }
        }

        return IsLeaf(type) ? null : $"{key}: ends at {type.Name}, which is not a value.";
    }

    private static bool IsLeaf(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(TimeSpan) || type == typeof(decimal) || type == typeof(Uri)
        || (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && ElementOf(type, typeof(IEnumerable<>), 0) == typeof(string));

    private static Type? ElementOf(Type type, Type generic, int argument)
    {
        IEnumerable<Type> candidates = type.IsInterface ? [type, .. type.GetInterfaces()] : type.GetInterfaces();
        return candidates.FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == generic)?.GetGenericArguments()[argument];
    }
}
