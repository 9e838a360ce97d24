using System.Text;
using System.Text.RegularExpressions;
using SafeHome.Domain.Auditing;

namespace SafeHome.Web.Pages.Audit;

// The audit history in the words people use (issue 19): record types, field names and actions as staff say them.
// The stored names never change (they are sealed into the chain); pages show these words with the stored name on hover,
// and the CSV carries both. Most names read well once split ("NotifiedAtUtc" → "Notified at"); the tables hold
// only the ones that do not (AuditWords.Tables.cs), so a new entity or field gets sensible words without anyone
// remembering these files.
public static partial class AuditWords
{
    private const string Unnamed = "(unnamed)";

    public static string Record(string? entityType)
    {
        var name = WithoutGenericArity(entityType);
        return Records.TryGetValue(name, out var words) ? words : Phrase(name);
    }

    public static string Field(string? field) =>
        field is not null && Fields.TryGetValue(field, out var words) ? words : Phrase(field);

    // What happened, as a lower-case phrase that follows the person's name: "changed", "viewed the resident overview".
    // Without the record it is the action alone ("viewed"), as the filter lists it.
    public static string Action(string? action, string? entityType = null, string? entityKey = null)
    {
        if (action == AuditActions.View && entityType is not null)
        {
            return View(entityType, entityKey);
        }

        if (action is not null && Actions.TryGetValue(action, out var words))
        {
            return words;
        }

        var phrase = Phrase(action);
        return phrase == Unnamed ? phrase : Lower(phrase);
    }

    private static string View(string entityType, string? entityKey)
    {
        if (Views.TryGetValue(entityType, out var known))
        {
            return known;
        }

        if (entityType == "Page")
        {
            return PageView(entityKey) ?? "viewed a page";
        }

        if (entityType == "AuditHistory")
        {
            // The key is "<type>|<key>" of the record whose history was read.
            var record = entityKey?.Contains('|', StringComparison.Ordinal) == true ? Record(entityKey.Split('|')[0]) : Unnamed;
            return record == Unnamed ? "viewed a record's history" : $"viewed the history of {WithArticle(record)}";
        }

        var viewed = Record(entityType);
        return viewed == Unnamed ? "viewed a record" : $"viewed {WithArticle(viewed)}";
    }

    // The longest leading part of the path that names a page: "/Plans/Goal/3f…" is Plans/Goal, and a folder alone
    // ("/Residents", "/Notes/3f…" with its route value) is that folder's Index page.
    private static string? PageView(string? path)
    {
        var segments = (path ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var length = Math.Min(segments.Length, 3); length > 0; length--)
        {
            var page = string.Join('/', segments[..length]);
            if (PageViews.TryGetValue(page, out var words) || PageViews.TryGetValue(page + "/Index", out words))
            {
                return words;
            }
        }

        return null;
    }

    private static string WithoutGenericArity(string? name)
    {
        var tick = name?.IndexOf('`', StringComparison.Ordinal) ?? -1;
        return tick > 0 ? name![..tick] : name ?? string.Empty;
    }

    // The general rule: split PascalCase, camelCase or snake_case into words, drop storage suffixes (Utc, Id) and a
    // leading "Is", and write the words in sentence case. Anything that is not a name (a placeholder, free text) is
    // returned as it is; nothing is ever empty.
    private static string Phrase(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Unnamed;
        }

        if (!NamePattern().IsMatch(name))
        {
            return name.Trim();
        }

        var words = WordBreak().Split(name).Where(w => w.Length > 0).ToList();
        while (words.Count > 1 && DroppedSuffixes.Contains(words[^1], StringComparer.Ordinal))
        {
            words.RemoveAt(words.Count - 1);
        }

        if (words.Count > 1 && words[0] == "Is")
        {
            words.RemoveAt(0);
        }

        var text = new StringBuilder();
        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            text.Append(i == 0 ? string.Empty : " ");
            if (Acronyms.TryGetValue(word, out var acronym))
            {
                text.Append(acronym);
            }
            else if (word.Length > 1 && word.All(char.IsUpper))
            {
                text.Append(word);
            }
            else
            {
                var lower = word.ToLowerInvariant();
                text.Append(i == 0 ? char.ToUpperInvariant(lower[0]) + lower[1..] : lower);
            }
        }

        return text.ToString();
    }

    private static string Lower(string phrase) =>
        phrase.Length > 1 && char.IsUpper(phrase[1]) ? phrase : char.ToLowerInvariant(phrase[0]) + phrase[1..];

    private static string WithArticle(string record)
    {
        var words = Lower(record);
        return ("aeiou".Contains(char.ToLowerInvariant(words[0]), StringComparison.Ordinal) ? "an " : "a ") + words;
    }

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_]*\z")]
    private static partial Regex NamePattern();

    // Between a lower-case letter or digit and a capital, before the last capital of an acronym ("NCMECCase"), between
    // letters and digits, and at underscores.
    [GeneratedRegex(@"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])|_+")]
    private static partial Regex WordBreak();
}
