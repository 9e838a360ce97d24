using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

/// Every version of one resident's plan, the way into each, and the two ways a counselor starts a version: the
/// first plan, or a revision of the active one.
public sealed class IndexModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    /// Versions that are still being worked on; while one exists, another revision would compete with it.
    private static readonly PlanStatus[] OpenStatuses =
        [PlanStatus.Draft, PlanStatus.InReviewWithYouth, PlanStatus.PendingSignatures, PlanStatus.PendingApproval, PlanStatus.ReturnedForRevision];

    public Guid ResidentId { get; private set; }

    public string PreferredName { get; private set; } = string.Empty;

    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];

    public bool IsCounselor => User.IsInRole(Roles.Counselor);

    public bool CanStart => IsCounselor && Versions.All(v => v.Status is PlanStatus.Closed or PlanStatus.Superseded);

    public bool CanRevise => IsCounselor && Versions.Any(v => v.Status == PlanStatus.Active) && !Versions.Any(v => OpenStatuses.Contains(v.Status));

    public async Task<IActionResult> OnGetAsync(Guid residentId) =>
        await LoadAsync(residentId) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStartAsync(Guid residentId)
    {
        if (!IsCounselor)
        {
            return Forbid();
        }

        if (!await LoadAsync(residentId))
        {
            return NotFound();
        }

        // A readmitted resident whose earlier plans all closed starts afresh, numbered after them.
        if (Versions.Any(v => v.Status is not (PlanStatus.Closed or PlanStatus.Superseded)))
        {
            ModelState.AddModelError(string.Empty, "Nothing was started: this resident already has a plan. Open its latest version, or revise the active one.");
            return Page();
        }

        var plan = ServicePlan.StartFirst(residentId, User.UserId(), clock.UtcNow(), Versions.Select(v => v.VersionNumber).DefaultIfEmpty(0).Max() + 1);
        return await SaveNewVersionAsync(plan, "The first version of the plan is started as a draft.");
    }

    public async Task<IActionResult> OnPostReviseAsync(Guid residentId)
    {
        if (!IsCounselor)
        {
            return Forbid();
        }

        if (!await LoadAsync(residentId))
        {
            return NotFound();
        }

        if (Versions.FirstOrDefault(v => OpenStatuses.Contains(v.Status)) is { } open)
        {
            ModelState.AddModelError(string.Empty, $"Nothing was started: version {open.VersionNumber} is still open ({open.StatusName}). Finish it before revising again.");
            return Page();
        }

        var activeId = Versions.FirstOrDefault(v => v.Status == PlanStatus.Active)?.Id;
        var active = activeId is { } id ? await db.FindVisiblePlanAsync(User, id) : null;
        if (active is null)
        {
            ModelState.AddModelError(string.Empty, "Nothing was started: only an active plan can be revised, and this resident has none.");
            return Page();
        }

        try
        {
            var draft = active.Revise(User.UserId(), clock.UtcNow());
            return await SaveNewVersionAsync(draft, $"Version {draft.VersionNumber} is started as a draft from the active plan.");
        }
        catch (DomainRuleException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }
    }

    private async Task<IActionResult> SaveNewVersionAsync(ServicePlan plan, string status)
    {
        db.ServicePlans.Add(plan);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two counselors (or a double click) started the same version number: the unique index kept one.
            db.ChangeTracker.Clear();
            if (!await db.ServicePlans.AnyAsync(p => p.ResidentId == plan.ResidentId && p.VersionNumber == plan.VersionNumber))
            {
                throw;
            }

            await LoadAsync(plan.ResidentId);
            ModelState.AddModelError(string.Empty, $"Nothing was started: someone else started version {plan.VersionNumber} a moment ago. It is listed below.");
            return Page();
        }

        TempData["Status"] = status;
        return RedirectToPage("Details", new { id = plan.Id });
    }

    private async Task<bool> LoadAsync(Guid residentId)
    {
        var resident = await db.VisibleResidents(User)
            .Where(r => r.Id == residentId)
            .Select(r => new { r.PreferredName })
            .FirstOrDefaultAsync();
        if (resident is null)
        {
            return false;
        }

        ResidentId = residentId;
        PreferredName = resident.PreferredName;
        var versions = await db.VisiblePlansOf(User, residentId)
            .Select(p => new { p.Id, p.VersionNumber, p.Status, p.EffectiveOn, p.ApprovedAtUtc, p.CreatedAtUtc })
            .ToListAsync();
        Versions = [.. versions.Select(v => new VersionRow(v.Id, v.VersionNumber, v.Status, v.EffectiveOn, v.ApprovedAtUtc, v.CreatedAtUtc))];
        return true;
    }

    public sealed record VersionRow(Guid Id, int VersionNumber, PlanStatus Status, DateOnly? EffectiveOn, DateTime? ApprovedAtUtc, DateTime CreatedAtUtc)
    {
        public string StatusName => Status.Display();
    }
}
