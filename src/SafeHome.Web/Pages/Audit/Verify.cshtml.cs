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
    }

    public sealed record Run(DateTime RanAt, IntegrityCheckSource Source, string By, long Checked, bool Intact, long? FirstBadSequence, string Message);
}
