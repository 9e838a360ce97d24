using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Notes;

namespace SafeHome.Web.Pages.Notes;

/// Keeps, per note and term, whether a flag was heeded, kept or overridden, for the lexicon page's usage figures.
/// Counted after the note's own save, in a save of their own: a figure a moment late costs nothing, a note refused
/// because of its statistics would.
public static class LanguageUse
{
    /// After a draft save: a flag for every term the draft is flagged for that is not already open on this note.
    public static async Task RecordAsync(SafeHomeDbContext db, Guid noteId, IReadOnlyList<LanguageFinding> findings, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(findings);
        var termIds = findings.Select(f => f.TermId).Distinct().ToList();
        if (termIds.Count == 0)
        {
            return;
        }

        var open = await db.LanguageFlags.Where(f => f.NoteId == noteId && f.Outcome == LanguageFlagOutcome.Open).Select(f => f.TermId).ToListAsync();
        db.LanguageFlags.AddRange(termIds.Except(open).Select(t => new LanguageFlag(noteId, t, nowUtc)));
        await db.SaveChangesAsync();
    }

    /// At signing: every open flag is settled against what the signed note is still flagged for; a term first
    /// flagged at signing is recorded and settled at once.
    public static async Task SettleAsync(SafeHomeDbContext db, ProgressNote note, IReadOnlyList<LanguageFinding> findings, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(findings);
        var withReason = note.LanguageOverrideReason is not null;
        var open = await db.LanguageFlags.Where(f => f.NoteId == note.Id && f.Outcome == LanguageFlagOutcome.Open).ToListAsync();
        foreach (var flag in open)
        {
            flag.Settle(findings.FirstOrDefault(f => f.TermId == flag.TermId), withReason, nowUtc);
        }

        foreach (var finding in findings.DistinctBy(f => f.TermId).Where(f => open.All(o => o.TermId != f.TermId)))
        {
            var flag = new LanguageFlag(note.Id, finding.TermId, nowUtc);
            flag.Settle(finding, withReason, nowUtc);
            db.LanguageFlags.Add(flag);
        }

        await db.SaveChangesAsync();
    }
}
