using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages;

/// The alert a failed audit-chain check raises (issue 6): shown to auditors and directors on every page until a later
/// check passes. Counselors and admins are not the people who act on it.
public sealed class IntegrityAlertViewComponent(SafeHomeDbContext db, TimeProvider clock) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!(UserClaimsPrincipal.IsInRole(Roles.Auditor) || UserClaimsPrincipal.IsInRole(Roles.ProgramDirector)))
        {
            return Content(string.Empty);
        }

        var latest = await db.IntegrityChecks.AsNoTracking().OrderByDescending(c => c.RanAtUtc).ThenByDescending(c => c.Id)
            .Select(c => new { c.Intact, c.RanAtUtc, c.FirstBadSequence }).FirstOrDefaultAsync();
        if (latest is null || latest.Intact)
        {
            return Content(string.Empty);
        }

        return View(new IntegrityAlert(clock.ToLocal(latest.RanAtUtc), latest.FirstBadSequence, UserClaimsPrincipal.IsInRole(Roles.Auditor)));
    }

    public sealed record IntegrityAlert(DateTime RanAt, long? FirstBadSequence, bool CanOpenCheck);
}
