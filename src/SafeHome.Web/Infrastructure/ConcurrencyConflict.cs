using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;

namespace SafeHome.Web.Infrastructure;

/// What a stale save would have overwritten: each field where the saved record and the person's typing differ,
/// so they can merge by eye instead of losing either version.
public sealed record ConflictField(string Label, string Saved, string Yours);

public static class ConcurrencyConflict
{
    public const string Message =
        "Someone else saved this record while you were editing it. Nothing of yours was saved yet and nothing was lost: "
        + "your entries are still in the form, and the table shows what is saved now. Adjust the form and save again.";

    public static IReadOnlyList<ConflictField> Compare<T>(T saved, T yours)
    {
        var fields = new List<ConflictField>();
        // The version is the form's bookkeeping, not anything the person typed.
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.CanRead && p.CanWrite && p.Name != nameof(IVersionedInput.Version)))
        {
            var savedText = Format(property.GetValue(saved));
            var yourText = Format(property.GetValue(yours));
            if (savedText != yourText)
            {
                var label = property.GetCustomAttribute<DisplayAttribute>()?.Name ?? property.Name;
                fields.Add(new ConflictField(label, savedText, yourText));
            }
        }

        return fields;
    }

    private static string Format(object? value) => value switch
    {
        null => "—",
        string s when SafeHome.Domain.Common.Text.Clean(s).Length == 0 => "—",
        // Saved text was cleaned by the entity; clean the typing the same way so white space alone is no conflict.
        string s => SafeHome.Domain.Common.Text.Clean(s),
        Enum e => e.Display(),
        bool b => b ? "Yes" : "No",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        System.Collections.IEnumerable items => string.Join(", ", items.Cast<object>().Select(Format)) is { Length: > 0 } list ? list : "—",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "—",
    };
}
