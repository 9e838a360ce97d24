using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace SafeHome.Web.Infrastructure;

/// An enum value's display name ([Display(Name = ...)], else its name), read once per enum type. What
/// `Html.DisplayFor` shows for an enum, without compiling an expression tree on every call: inside a list's loop that
/// was a fifth of the plan and notes pages' CPU (issue 16).
public static class EnumDisplay
{
    public static string Display<T>(this T value)
        where T : struct, Enum =>
        Names<T>.ByValue.TryGetValue(value, out var name) ? name : value.ToString();

    /// Nothing for no value, as DisplayFor shows it.
    public static string Display<T>(this T? value)
        where T : struct, Enum =>
        value is { } present ? present.Display() : string.Empty;

    /// For a value whose type is known only at run time (a conflict's saved field, a generic helper); cached per value
    /// too, because reading the attribute builds new reflection objects on every call.
    public static string Display(this Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Boxed.GetOrAdd(value, static v => v.GetType().GetField(v.ToString()) is { } field ? NameOf(field) : v.ToString());
    }

    private static readonly ConcurrentDictionary<Enum, string> Boxed = new();

    private static string NameOf(FieldInfo field) => field.GetCustomAttribute<DisplayAttribute>()?.GetName() ?? field.Name;

    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue = typeof(T)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .ToFrozenDictionary(f => (T)f.GetValue(null)!, NameOf);
    }
}
