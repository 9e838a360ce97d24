using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Notes;

namespace SafeHome.Web.Pages.Notes.Lexicon;

/// How often terms were flagged since a date, and what writers did: changed the wording before signing, kept it
/// (a warning or suggestion allows that), overrode a block with a reason, or have not signed yet.
public sealed record TermCounts(int Flagged, int Changed, int Kept, int Overridden, int Open)
{
    public static TermCounts None { get; } = new(0, 0, 0, 0, 0);
}

/// A writer's reason for keeping a blocked term, with the note it was given on.
public sealed record OverrideReason(Guid NoteId, DateTime SignedAtUtc, string Reason);

/// One term's usage for the lexicon page: the counts and the latest override reasons, readable so the entry can be
/// tuned (a reason that keeps saying "a teacher's name" asks for a context rule).
public sealed record LexiconUsage(DateTime SinceUtc, TermCounts Counts, IReadOnlyList<OverrideReason> Reasons)
{
    public const int ReasonsShown = 50;

    public static async Task<LexiconUsage> OfAsync(SafeHomeDbContext db, Guid termId, DateTime sinceUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        var counts = await CountsAsync(db.LanguageFlags.Where(f => f.TermId == termId), sinceUtc);
        var reasons = await (
            from flag in db.LanguageFlags
            where flag.TermId == termId && flag.FlaggedAtUtc >= sinceUtc && flag.Outcome == LanguageFlagOutcome.Overridden
            join note in db.ProgressNotes on flag.NoteId equals note.Id
            orderby flag.SettledAtUtc descending
            select new { note.Id, flag.SettledAtUtc, note.LanguageOverrideReason })
            .Take(ReasonsShown)
            .ToListAsync();
        return new LexiconUsage(
            sinceUtc,
            counts.GetValueOrDefault(termId, TermCounts.None),
            [.. reasons.Where(r => r.LanguageOverrideReason is not null).Select(r => new OverrideReason(r.Id, r.SettledAtUtc ?? sinceUtc, r.LanguageOverrideReason!))]);
    }

    /// Every term's counts in one grouped query, for the lexicon list.
    public static Task<Dictionary<Guid, TermCounts>> AllAsync(SafeHomeDbContext db, DateTime sinceUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        return CountsAsync(db.LanguageFlags, sinceUtc);
    }

    private static async Task<Dictionary<Guid, TermCounts>> CountsAsync(IQueryable<LanguageFlag> flags, DateTime sinceUtc)
    {
        var rows = await flags
            .Where(f => f.FlaggedAtUtc >= sinceUtc)
            .GroupBy(f => new { f.TermId, f.Outcome })
            .Select(g => new { g.Key.TermId, g.Key.Outcome, Count = g.Count() })
            .ToListAsync();
        return rows.GroupBy(r => r.TermId).ToDictionary(
            g => g.Key,
            g =>
            {
                int Of(LanguageFlagOutcome outcome) => g.Where(r => r.Outcome == outcome).Sum(r => r.Count);
                return new TermCounts(g.Sum(r => r.Count), Of(LanguageFlagOutcome.Changed), Of(LanguageFlagOutcome.Kept), Of(LanguageFlagOutcome.Overridden), Of(LanguageFlagOutcome.Open));
            });
    }
}
