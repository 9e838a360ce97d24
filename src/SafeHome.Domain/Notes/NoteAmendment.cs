using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using SafeHome.Domain.Common;

namespace SafeHome.Domain.Notes;

/// <param name="Section">For a correction: the part corrected, a <see cref="NoteSection"/> name or one of the
/// note's other text fields.</param>
/// <param name="ServiceOn">For a late entry: the day the information is about.</param>
public sealed record AmendmentRequest(AmendmentKind Kind, string? Reason, string? Text, string? Section, DateOnly? ServiceOn);

/// A signed change to a signed note (DOMAIN.md §6A step 5). It is signed when written and never changes; its
/// entry time is always the time it was written, so nothing is backdated.
public sealed class NoteAmendment : IAudited
{
    public static class MaxLength
    {
        public const int Text = ProgressNote.MaxLength.Section;
        public const int Reason = ProgressNote.MaxLength.Reason;
        public const int Section = 40;
    }

    private NoteAmendment()
    {
    }

    internal NoteAmendment(Guid noteId, string authorId, AmendmentRequest request, DateOnly today, DateTime nowUtc)
    {
        var text = Common.Text.CleanOrNull(request.Text);
        var reason = Common.Text.CleanOrNull(request.Reason);
        if (text is not null && Common.Text.CodePointLength(text) > MaxLength.Text)
        {
            throw new DomainRuleException(nameof(Text), $"Use at most {MaxLength.Text:N0} characters.");
        }

        if (reason is not null && Common.Text.CodePointLength(reason) > MaxLength.Reason)
        {
            throw new DomainRuleException(nameof(Reason), $"Use at most {MaxLength.Reason:N0} characters.");
        }

        switch (request.Kind)
        {
            case AmendmentKind.Addendum when text is null:
                throw new DomainRuleException(nameof(Text), "Write the new information.");
            case AmendmentKind.Correction when request.Section is null:
                throw new DomainRuleException(nameof(Section), "Choose the part of the note being corrected.");
            case AmendmentKind.Correction when text is null:
                throw new DomainRuleException(nameof(Text), "Write the corrected text.");
            case AmendmentKind.Correction or AmendmentKind.EnteredInError when reason is null:
                throw new DomainRuleException(nameof(Reason), request.Kind == AmendmentKind.Correction
                    ? "Say why the text is being corrected."
                    : "Say why this note was entered in error (for example, written for the wrong resident).");
            case AmendmentKind.LateEntry when text is null:
                throw new DomainRuleException(nameof(Text), "Write the late entry.");
            case AmendmentKind.LateEntry when request.ServiceOn is null:
                throw new DomainRuleException(nameof(ServiceOn), "Enter the day the late entry is about.");
            case AmendmentKind.LateEntry when request.ServiceOn > today:
                throw new DomainRuleException(nameof(ServiceOn), "The day a late entry is about cannot be in the future.");
        }

        Id = Guid.CreateVersion7();
        NoteId = noteId;
        Kind = request.Kind;
        AuthorId = authorId;
        Text = request.Kind == AmendmentKind.EnteredInError ? null : text;
        Reason = reason;
        Section = request.Kind == AmendmentKind.Correction ? request.Section : null;
        ServiceOn = request.Kind == AmendmentKind.LateEntry ? request.ServiceOn : null;
        CreatedAtUtc = nowUtc;
        ContentHash = ComputeContentHash();
    }

    public Guid Id { get; private set; }
    public Guid NoteId { get; private set; }
    public AmendmentKind Kind { get; private set; }
    public string AuthorId { get; private set; } = string.Empty;
    public string? Text { get; private set; }
    public string? Reason { get; private set; }
    public string? Section { get; private set; }
    public DateOnly? ServiceOn { get; private set; }

    /// Entry time and signing time are the same moment: an amendment is signed as it is written.
    public DateTime CreatedAtUtc { get; private set; }
    public string ContentHash { get; private set; } = string.Empty;

    public bool ContentHashMatches() => ContentHash == ComputeContentHash();

    public string ComputeContentHash()
    {
        var canonical = new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            ["id"] = Id.ToString("D"),
            ["note"] = NoteId.ToString("D"),
            ["kind"] = Kind.ToString(),
            ["author"] = AuthorId,
            ["text"] = Text,
            ["reason"] = Reason,
            ["section"] = Section,
            ["serviceOn"] = ServiceOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["created"] = ProgressNote.Utc(CreatedAtUtc),
        };
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(canonical)));
    }
}

public sealed class NoteLink : IAudited
{
    private NoteLink()
    {
    }

    internal NoteLink(Guid noteId, NoteLinkTarget target)
    {
        Id = Guid.CreateVersion7();
        NoteId = noteId;
        GoalId = target.GoalId;
        GoalLineageId = target.GoalLineageId;
        ObjectiveId = target.ObjectiveId;
        ObjectiveLineageId = target.ObjectiveLineageId;
    }

    public Guid Id { get; private set; }
    public Guid NoteId { get; private set; }
    public Guid GoalId { get; private set; }
    public Guid GoalLineageId { get; private set; }
    public Guid? ObjectiveId { get; private set; }
    public Guid? ObjectiveLineageId { get; private set; }
}

/// The language-flag log: what the check found when the note was signed, kept with the note.
public sealed class NoteLanguageFinding
{
    private NoteLanguageFinding()
    {
    }

    internal NoteLanguageFinding(Guid noteId, string field, string term, LexiconSeverity severity, string matched)
    {
        Id = Guid.CreateVersion7();
        NoteId = noteId;
        Field = field;
        Term = term;
        Severity = severity;
        Matched = matched;
    }

    public Guid Id { get; private set; }
    public Guid NoteId { get; private set; }
    public string Field { get; private set; } = string.Empty;
    public string Term { get; private set; } = string.Empty;
    public LexiconSeverity Severity { get; private set; }
    public string Matched { get; private set; } = string.Empty;
}
