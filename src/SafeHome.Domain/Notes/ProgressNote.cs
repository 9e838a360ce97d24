using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SafeHome.Domain.Common;

namespace SafeHome.Domain.Notes;

/// A progress note (DOMAIN.md §6A). A DRAFT changes only by its author; signing locks the text and stores a
/// SHA-256 of it, and from then on the note changes only through amendments, which keep the original visible.
public sealed class ProgressNote : IVersioned, IAudited
{
    public static class MaxLength
    {
        public const int Section = 10_000;
        public const int YouthWords = 4_000;
        public const int Strengths = 2_000;
        public const int Interventions = 1_000;
        public const int FollowUp = 2_000;
        public const int Reason = 1_000;
        public const int Comments = 2_000;
    }

    /// Longer than a double shift is not one service; the author writes one note per service or shift.
    public static readonly TimeSpan LongestService = TimeSpan.FromHours(24);

    private readonly List<NoteLink> _links = [];
    private readonly List<NoteAmendment> _amendments = [];
    private readonly List<NoteLanguageFinding> _languageFindings = [];

    private ProgressNote()
    {
    }

    public Guid Id { get; private set; }
    public Guid ResidentId { get; private set; }
    public Guid StayId { get; private set; }
    public string AuthorId { get; private set; } = string.Empty;
    public NoteType Type { get; private set; }
    public NoteFormat Format { get; private set; }
    public DateTime ServiceStartUtc { get; private set; }
    public DateTime ServiceEndUtc { get; private set; }
    public string? Goal { get; private set; }
    public string? Data { get; private set; }
    public string? Subjective { get; private set; }
    public string? Objective { get; private set; }
    public string? Behavior { get; private set; }
    public string? Intervention { get; private set; }
    public string? Response { get; private set; }
    public string? Assessment { get; private set; }
    public string? Plan { get; private set; }
    public string? Narrative { get; private set; }
    public string? YouthWords { get; private set; }
    public string? StrengthsObserved { get; private set; }
    public string? InterventionsUsed { get; private set; }
    public bool? RiskSelfHarm { get; private set; }
    public bool? RiskExploiterContact { get; private set; }
    public bool? RiskMissing { get; private set; }
    public string? RiskFollowUp { get; private set; }
    public bool IsSensitive { get; private set; }
    public NoteStatus Status { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public DateTime? SignedAtUtc { get; private set; }
    public string? SignedById { get; private set; }
    public string? ContentHash { get; private set; }
    public string? LanguageOverrideReason { get; private set; }
    public DateTime? CosignedAtUtc { get; private set; }
    public string? CosignedById { get; private set; }
    public string? ReturnComments { get; private set; }
    public DateTime? ReturnedAtUtc { get; private set; }
    public string? ReturnedById { get; private set; }
    public bool IsEnteredInError { get; private set; }
    public long Version { get; set; }

    public IReadOnlyList<NoteLink> Links => _links;
    public IReadOnlyList<NoteAmendment> Amendments => _amendments;
    public IReadOnlyList<NoteLanguageFinding> LanguageFindings => _languageFindings;

    public bool IsLocked => Status != NoteStatus.Draft;

    public bool HasRiskYes => RiskSelfHarm == true || RiskExploiterContact == true || RiskMissing == true;

    public static ProgressNote Start(Guid residentId, string authorId, NoteContent content, IEnumerable<NoteLinkTarget> links, ServiceWindow window, DateTime nowUtc, Guid? id = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(authorId);
        var note = new ProgressNote
        {
            Id = id ?? Guid.CreateVersion7(),
            ResidentId = residentId,
            AuthorId = authorId,
            Status = NoteStatus.Draft,
            CreatedAtUtc = nowUtc,
        };
        note.Apply(content, links, window, nowUtc);
        return note;
    }

    public void UpdateDraft(string userId, NoteContent content, IEnumerable<NoteLinkTarget> links, ServiceWindow window, DateTime nowUtc)
    {
        EnsureDraftOf(userId);
        Apply(content, links, window, nowUtc);
    }

    public void MarkSensitive(bool sensitive) => IsSensitive = sensitive;

    public string? SectionText(NoteSection section) => section switch
    {
        NoteSection.Goal => Goal,
        NoteSection.Data => Data,
        NoteSection.Subjective => Subjective,
        NoteSection.Objective => Objective,
        NoteSection.Behavior => Behavior,
        NoteSection.Intervention => Intervention,
        NoteSection.Response => Response,
        NoteSection.Assessment => Assessment,
        NoteSection.Plan => Plan,
        NoteSection.Narrative => Narrative,
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    };

    /// The texts the language check reads, by field name. The youth's own words are left out: they are a quote.
    public IEnumerable<(string Field, string Text)> CheckedTexts()
    {
        foreach (var definition in NoteFormats.SectionsOf(Format))
        {
            if (SectionText(definition.Section) is { } text)
            {
                yield return (definition.Section.ToString(), text);
            }
        }

        if (StrengthsObserved is not null)
        {
            yield return (nameof(StrengthsObserved), StrengthsObserved);
        }

        if (InterventionsUsed is not null)
        {
            yield return (nameof(InterventionsUsed), InterventionsUsed);
        }

        if (RiskFollowUp is not null)
        {
            yield return (nameof(RiskFollowUp), RiskFollowUp);
        }
    }

    /// Locks the note. Required sections, strengths and the risk check are checked here rather than on every
    /// draft save, so an author can save half a note at the end of a shift.
    public void Sign(string userId, IReadOnlyList<LanguageFinding> findings, string? overrideReason, bool needsCosign, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(findings);
        EnsureDraftOf(userId);
        foreach (var definition in NoteFormats.SectionsOf(Format))
        {
            if (SectionText(definition.Section) is null)
            {
                throw new DomainRuleException(definition.Section.ToString(), $"Write the {definition.Label.ToLowerInvariant()} section before signing.");
            }
        }

        if (StrengthsObserved is null)
        {
            throw new DomainRuleException(nameof(StrengthsObserved), "Record at least one strength you observed before signing.");
        }

        if (RiskSelfHarm is null || RiskExploiterContact is null || RiskMissing is null)
        {
            throw new DomainRuleException(
                RiskSelfHarm is null ? nameof(RiskSelfHarm) : RiskExploiterContact is null ? nameof(RiskExploiterContact) : nameof(RiskMissing),
                "Answer each risk question before signing.");
        }

        var reason = Text.CleanOrNull(overrideReason);
        if (findings.Any(f => f.Severity == LexiconSeverity.BlockOnSign) && reason is null)
        {
            throw new DomainRuleException(nameof(LanguageOverrideReason),
                "This note uses language that must be changed before signing. Change it, or give the reason it is needed (for example, a direct quote).");
        }

        if (reason is not null && Text.CodePointLength(reason) > MaxLength.Reason)
        {
            throw new DomainRuleException(nameof(LanguageOverrideReason), $"Use at most {MaxLength.Reason} characters.");
        }

        Status = needsCosign ? NoteStatus.CosignPending : NoteStatus.Signed;
        SignedAtUtc = nowUtc;
        SignedById = userId;
        LanguageOverrideReason = findings.Any(f => f.Severity == LexiconSeverity.BlockOnSign) ? reason : null;
        ContentHash = ComputeContentHash();
        ReturnComments = null;
        ReturnedAtUtc = null;
        ReturnedById = null;
        _languageFindings.Clear();
        _languageFindings.AddRange(findings.Select(f => new NoteLanguageFinding(Id, f.Field, f.Term, f.Severity, f.Matched)));
    }

    public void Cosign(string userId, DateTime nowUtc)
    {
        EnsureCosignPending(userId);
        Status = NoteStatus.Cosigned;
        CosignedAtUtc = nowUtc;
        CosignedById = userId;
    }

    /// Sends the note back to its author as a draft. The author's signature is withdrawn (the audit trail keeps it)
    /// because the text is about to change, which a signed note never does.
    public void ReturnToAuthor(string userId, string comments, DateTime nowUtc)
    {
        EnsureCosignPending(userId);
        var text = Text.CleanOrNull(comments) ?? throw new DomainRuleException(nameof(ReturnComments), "Say what the author should change.");
        Status = NoteStatus.Draft;
        ReturnComments = text;
        ReturnedAtUtc = nowUtc;
        ReturnedById = userId;
        SignedAtUtc = null;
        SignedById = null;
        ContentHash = null;
        LanguageOverrideReason = null;
        _languageFindings.Clear();
    }

    public NoteAmendment Amend(string userId, AmendmentRequest request, DateOnly today, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsLocked)
        {
            throw new DomainRuleException(string.Empty, "A draft is changed by editing it; amendments are for signed notes.");
        }

        if (userId != AuthorId)
        {
            throw new DomainRuleException(string.Empty, "Only the author of a note can amend it.");
        }

        if (IsEnteredInError)
        {
            throw new DomainRuleException(string.Empty, "This note was marked entered in error and cannot be amended.");
        }

        if (request.Kind == AmendmentKind.Correction && request.Section is { } section && !IsCorrectable(section))
        {
            throw new DomainRuleException(nameof(AmendmentRequest.Section), "Choose a part of this note to correct.");
        }

        var amendment = new NoteAmendment(Id, userId, request, today, nowUtc);
        _amendments.Add(amendment);
        if (request.Kind == AmendmentKind.EnteredInError)
        {
            IsEnteredInError = true;
        }

        return amendment;
    }

    /// The text as corrected: the latest correction of a part replaces it on screen, the original stays beside it.
    public NoteAmendment? LatestCorrectionOf(string part) =>
        _amendments.Where(a => a.Kind == AmendmentKind.Correction && a.Section == part).MaxBy(a => a.CreatedAtUtc);

    public bool IsCorrectable(string part) =>
        Enum.GetNames<NoteSection>().Contains(part, StringComparer.Ordinal) && NoteFormats.Uses(Format, Enum.Parse<NoteSection>(part))
        || part is nameof(YouthWords) or nameof(StrengthsObserved) or nameof(InterventionsUsed) or nameof(RiskFollowUp);

    public DateTime SignDueAtUtc(TimeSpan deadline) => ServiceEndUtc + deadline;

    public bool ContentHashMatches() => ContentHash is not null && ContentHash == ComputeContentHash();

    /// SHA-256 over a canonical JSON of everything the signature covers. Sensitivity is left out: restricting who
    /// may read a note is not a change to what it says.
    public string ComputeContentHash()
    {
        var canonical = new SortedDictionary<string, string?>(StringComparer.Ordinal)
        {
            ["id"] = Id.ToString("D"),
            ["resident"] = ResidentId.ToString("D"),
            ["author"] = AuthorId,
            ["type"] = Type.ToString(),
            ["format"] = Format.ToString(),
            ["start"] = Utc(ServiceStartUtc),
            ["end"] = Utc(ServiceEndUtc),
            ["youthWords"] = YouthWords,
            ["strengths"] = StrengthsObserved,
            ["interventions"] = InterventionsUsed,
            ["riskSelfHarm"] = RiskSelfHarm?.ToString(),
            ["riskExploiterContact"] = RiskExploiterContact?.ToString(),
            ["riskMissing"] = RiskMissing?.ToString(),
            ["riskFollowUp"] = RiskFollowUp,
            ["links"] = string.Join(",", _links.Select(l => $"{l.GoalId:D}/{l.ObjectiveId:D}").Order(StringComparer.Ordinal)),
        };
        foreach (var section in Enum.GetValues<NoteSection>())
        {
            canonical["section." + section] = SectionText(section);
        }

        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(canonical)));
    }

    // SQLite hands DateTimes back without a kind; the hash must read the same instant the same way either side of a save.
    internal static string Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);

    private void Apply(NoteContent content, IEnumerable<NoteLinkTarget> links, ServiceWindow window, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(window);
        if (content.ServiceEndUtc < content.ServiceStartUtc)
        {
            throw new DomainRuleException("ServiceEnd", "The service end must be at or after its start.");
        }

        if (content.ServiceStartUtc > nowUtc)
        {
            throw new DomainRuleException("ServiceStart", "The service start cannot be in the future.");
        }

        if (content.ServiceEndUtc > nowUtc)
        {
            throw new DomainRuleException("ServiceEnd", "The service end cannot be in the future. Write the note once the service has happened.");
        }

        if (content.ServiceEndUtc - content.ServiceStartUtc > LongestService)
        {
            throw new DomainRuleException("ServiceEnd", "A note covers at most 24 hours. Write one note per service or shift.");
        }

        var serviceDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(content.ServiceStartUtc, window.Zone));
        var stay = window.Stays.FirstOrDefault(s => s.AdmittedOn <= serviceDay && (s.DischargedOn is null || serviceDay <= s.DischargedOn));
        if (stay.StayId == Guid.Empty)
        {
            throw new DomainRuleException("ServiceStart", "The service date must fall within one of the resident's stays in the home.");
        }

        var followUp = Text.CleanOrNull(content.RiskFollowUp);
        if ((content.RiskSelfHarm == true || content.RiskExploiterContact == true || content.RiskMissing == true) && followUp is null)
        {
            throw new DomainRuleException(nameof(RiskFollowUp), "A risk was answered \"yes\": record the follow-up action taken (for example, safety plan reviewed, supervisor told).");
        }

        foreach (var (field, text, max) in Lengths(content))
        {
            if (text is not null && Text.CodePointLength(text) > max)
            {
                throw new DomainRuleException(field, $"Use at most {max:N0} characters.");
            }
        }

        StayId = stay.StayId;
        Type = content.Type;
        Format = content.Format;
        ServiceStartUtc = content.ServiceStartUtc;
        ServiceEndUtc = content.ServiceEndUtc;
        foreach (var section in Enum.GetValues<NoteSection>())
        {
            // Switching format drops the sections the new format does not have, so a signed note holds only its own.
            var text = NoteFormats.Uses(content.Format, section) && content.Sections.TryGetValue(section, out var value) ? Text.CleanOrNull(value) : null;
            SetSection(section, text);
        }

        YouthWords = Text.CleanOrNull(content.YouthWords);
        StrengthsObserved = Text.CleanOrNull(content.StrengthsObserved);
        InterventionsUsed = Text.CleanOrNull(content.InterventionsUsed);
        RiskSelfHarm = content.RiskSelfHarm;
        RiskExploiterContact = content.RiskExploiterContact;
        RiskMissing = content.RiskMissing;
        RiskFollowUp = followUp;
        UpdatedAtUtc = nowUtc;

        var wanted = links.DistinctBy(l => (l.GoalId, l.ObjectiveId)).ToList();
        _links.RemoveAll(l => !wanted.Any(w => w.GoalId == l.GoalId && w.ObjectiveId == l.ObjectiveId));
        foreach (var target in wanted.Where(w => !_links.Any(l => l.GoalId == w.GoalId && l.ObjectiveId == w.ObjectiveId)))
        {
            _links.Add(new NoteLink(Id, target));
        }
    }

    private static IEnumerable<(string Field, string? Text, int Max)> Lengths(NoteContent content)
    {
        foreach (var (section, text) in content.Sections)
        {
            yield return (section.ToString(), text, MaxLength.Section);
        }

        yield return (nameof(YouthWords), content.YouthWords, MaxLength.YouthWords);
        yield return (nameof(StrengthsObserved), content.StrengthsObserved, MaxLength.Strengths);
        yield return (nameof(InterventionsUsed), content.InterventionsUsed, MaxLength.Interventions);
        yield return (nameof(RiskFollowUp), content.RiskFollowUp, MaxLength.FollowUp);
    }

    private void SetSection(NoteSection section, string? text)
    {
        switch (section)
        {
            case NoteSection.Goal: Goal = text; break;
            case NoteSection.Data: Data = text; break;
            case NoteSection.Subjective: Subjective = text; break;
            case NoteSection.Objective: Objective = text; break;
            case NoteSection.Behavior: Behavior = text; break;
            case NoteSection.Intervention: Intervention = text; break;
            case NoteSection.Response: Response = text; break;
            case NoteSection.Assessment: Assessment = text; break;
            case NoteSection.Plan: Plan = text; break;
            case NoteSection.Narrative: Narrative = text; break;
        }
    }

    private void EnsureDraftOf(string userId)
    {
        if (Status != NoteStatus.Draft)
        {
            throw new DomainRuleException(string.Empty, "This note is signed and its text can no longer change. Add an amendment instead.");
        }

        if (userId != AuthorId)
        {
            throw new DomainRuleException(string.Empty, "Only the author of a draft can change or sign it.");
        }
    }

    private void EnsureCosignPending(string userId)
    {
        if (Status != NoteStatus.CosignPending)
        {
            throw new DomainRuleException(string.Empty, "This note is not waiting for a co-signature.");
        }

        if (userId == AuthorId)
        {
            throw new DomainRuleException(string.Empty, "The author cannot co-sign their own note.");
        }
    }
}
