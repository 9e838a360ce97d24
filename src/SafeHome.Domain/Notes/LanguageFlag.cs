using SafeHome.Domain.Common;

namespace SafeHome.Domain.Notes;

public enum LanguageFlagOutcome
{
    /// Flagged on a draft not signed yet.
    Open,

    /// Gone from the note when it was signed: the writer changed the wording.
    Changed,

    /// Still in the signed note, which a warning or a suggestion allows.
    Kept,

    /// Still in the signed note on a block-on-sign term, with the writer's reason.
    Overridden,
}

/// One lexicon term flagged in one note, from the first save that flagged it to the signature that settled it. The
/// lexicon page counts these per term so directors can see which entries writers heed, change or argue with.
public sealed class LanguageFlag : IAudited
{
    private LanguageFlag()
    {
    }

    public LanguageFlag(Guid noteId, Guid termId, DateTime flaggedAtUtc)
    {
        Id = Guid.CreateVersion7();
        NoteId = noteId;
        TermId = termId;
        FlaggedAtUtc = flaggedAtUtc;
        Outcome = LanguageFlagOutcome.Open;
    }

    public Guid Id { get; private set; }
    public Guid NoteId { get; private set; }
    public Guid TermId { get; private set; }
    public DateTime FlaggedAtUtc { get; private set; }
    public LanguageFlagOutcome Outcome { get; private set; }
    public DateTime? SettledAtUtc { get; private set; }

    /// At signing: a term no longer in the note was changed; one still there was kept, or overridden when it blocks
    /// signing and the writer gave a reason.
    public void Settle(LanguageFinding? stillThere, bool withReason, DateTime nowUtc)
    {
        if (Outcome != LanguageFlagOutcome.Open)
        {
            throw new DomainRuleException(string.Empty, "This flag was settled when the note was signed.");
        }

        Outcome = stillThere is null ? LanguageFlagOutcome.Changed
            : stillThere.Severity == LexiconSeverity.BlockOnSign && withReason ? LanguageFlagOutcome.Overridden
            : LanguageFlagOutcome.Kept;
        SettledAtUtc = nowUtc;
    }
}
