using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Pages.Notes;

namespace SafeHome.Web.Pages.Audit;

/// "Verify integrity": recomputes the audit chain on request and lists the recent runs (nightly, by auditors, by the
/// command). Running it changes no case data, so it is one of the few POSTs an auditor may make.
[AllowAuditorPost]
public sealed class VerifyModel(SafeHomeDbContext db, AuditChainVerifier verifier, TimeProvider clock) : PageModel
{
    public const int RunsShown = 30;

    public IReadOnlyList<Run> Runs { get; private set; } = [];

    public ChainReport? Report { get; private set; }

    /// Every restore from a backup, newest first: an auditor must know when the history was put back, and what of it
    /// was given up, and why.
    public IReadOnlyList<Restore> Restores { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Report = await verifier.VerifyAsync(IntegrityCheckSource.Auditor, User.UserId(), cancellationToken);
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var checks = await db.IntegrityChecks.AsNoTracking().OrderByDescending(c => c.RanAtUtc).ThenByDescending(c => c.Id).Take(RunsShown).ToListAsync();
        var names = await db.StaffNamesAsync(checks.Select(c => c.RequestedById));
        Runs = [.. checks.Select(c => new Run(
            clock.ToLocal(c.RanAtUtc),
            c.Source,
            c.RequestedById is { } id ? names.GetValueOrDefault(id, "(former staff)") : "SafeHome",
            c.Checked,
            c.Intact,
            c.FirstBadSequence,
            c.Message))];
        var restores = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == RestoreRecord.EntityType && a.Action == AuditActions.BackupRestored)
            .OrderByDescending(a => a.Sequence)
            .Select(a => new { a.Sequence, a.OccurredAtUtc, a.Changes })
            .ToListAsync();
        Restores = [.. restores.Select(r => new Restore(r.Sequence, clock.ToLocal(r.OccurredAtUtc), RestoreRecord.Parse(r.Changes)))];
    }

    public sealed record Restore(long Sequence, DateTime RestoredAt, RestoreRecord? Record);

    public sealed record Run(DateTime RanAt, IntegrityCheckSource Source, string By, long Checked, bool Intact, long? FirstBadSequence, string Message);
}
