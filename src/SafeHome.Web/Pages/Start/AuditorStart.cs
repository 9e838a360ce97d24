using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Start;

public sealed record IntegrityRow(DateTime RanAt, IntegrityCheckSource Source, bool Intact, long Checked, long? FirstBadSequence, string Message);

/// Refused requests and not-found probes of one account (or of no account: signed-out callers).
public sealed record ProbeRow(string? UserId, string Name, int Refused, int NotFound);

/// Where an auditor starts: the last integrity check, who was refused or probed for records that do not exist in the
/// last days, and a way into any resident's timeline.
public sealed record AuditorStart(IntegrityRow? LastCheck, IReadOnlyList<ProbeRow> Probes, int ProbeDays)
{
    public const int ProbeWindowDays = 7;

    public static async Task<AuditorStart> LoadAsync(SafeHomeDbContext db, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(db);
        var last = await db.IntegrityChecks.AsNoTracking().OrderByDescending(c => c.RanAtUtc).ThenByDescending(c => c.Id).FirstOrDefaultAsync();
        // A range on the OccurredAtUtc index: a week of entries, not the whole history.
        var since = clock.UtcNow().AddDays(-ProbeWindowDays);
        var counts = await db.AuditEntries.AsNoTracking()
            .Where(a => a.OccurredAtUtc >= since && (a.Action == AuditActions.AccessDenied || a.Action == AuditActions.NotFound))
            .GroupBy(a => new { a.UserId, a.Action })
            .Select(g => new { g.Key.UserId, g.Key.Action, Count = g.Count() })
            .ToListAsync();
        var names = await db.StaffNamesAsync(counts.Select(c => c.UserId));
        var probes = counts
            .GroupBy(c => c.UserId)
            .Select(g => new ProbeRow(
                g.Key,
                g.Key is { } id ? names.GetValueOrDefault(id, "(former staff)") : "Not signed in",
                g.Where(c => c.Action == AuditActions.AccessDenied).Sum(c => c.Count),
                g.Where(c => c.Action == AuditActions.NotFound).Sum(c => c.Count)))
            .OrderByDescending(p => p.Refused + p.NotFound).ThenBy(p => p.Name, StringComparer.CurrentCulture)
            .ToList();
        return new AuditorStart(
            last is null ? null : new IntegrityRow(clock.ToLocal(last.RanAtUtc), last.Source, last.Intact, last.Checked, last.FirstBadSequence, last.Message),
            probes,
            ProbeWindowDays);
    }
}
