namespace SafeHome.Domain.Staff;

/// Why a draft exists: kept while typing (every half minute and on leaving the page), or from a form posted after the
/// session had ended, which is held until the person signs in again.
public enum DraftOrigin
{
    Autosave,
    SignedOut,
}

/// What one person typed into one page's form and has not saved (issue 18): held on the server, never in the
/// browser, so a session that ends mid-sentence loses nothing. One per person and page; it goes when the form is
/// saved or discarded, and expires on its own after a short time.
public sealed class FormDraft
{
    public const int PathMaxLength = 400;

    /// The form's fields as stored text; a progress note's seven sections at their limits fit with room to spare.
    public const int FieldsMaxLength = 200_000;

    private FormDraft(string userId, string path)
    {
        UserId = userId;
        Path = path;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public string UserId { get; private set; }

    /// The page the form is on: its path and query, never anything typed.
    public string Path { get; private set; }

    /// The typed fields (name → values) as JSON; an encrypted column, like the restricted fields.
    public string Fields { get; private set; } = "{}";

    public DraftOrigin Origin { get; private set; }

    public DateTime SavedAtUtc { get; private set; }

    public DateTime ExpiresAtUtc { get; private set; }

    public static FormDraft Start(string userId, string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (path.Length > PathMaxLength || path[0] != '/')
        {
            throw new ArgumentException($"A draft's page is a local path of at most {PathMaxLength} characters.", nameof(path));
        }

        return new FormDraft(userId, path);
    }

    /// Replaces what was kept: the newest typing wins, and the lifetime starts again.
    public void Keep(string fields, DraftOrigin origin, DateTime nowUtc, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (fields.Length > FieldsMaxLength)
        {
            throw new ArgumentException($"A draft holds at most {FieldsMaxLength} characters.", nameof(fields));
        }

        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), "A draft's lifetime is positive.");
        }

        Fields = fields;
        Origin = origin;
        SavedAtUtc = nowUtc;
        ExpiresAtUtc = nowUtc + lifetime;
    }

    public bool IsExpired(DateTime nowUtc) => nowUtc >= ExpiresAtUtc;
}
