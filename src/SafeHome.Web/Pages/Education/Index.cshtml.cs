using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Common;
using SafeHome.Domain.Residents;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Education;

/// The resident's education history, newest first (DOMAIN.md §3 EducationEnrollment; outcome metric M13), with an
/// "End" form on each status that still holds. Auditors read it; their posts are refused by the read-only filter.
public sealed class IndexModel(SafeHomeDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    [BindProperty]
    public EndInput End { get; set; } = new();

    public Guid ResidentId { get; private set; }

    public string ResidentName { get; private set; } = string.Empty;

    public List<Row> Records { get; private set; } = [];

    public bool CanWrite => User.IsInRole(Roles.ProgramDirector) || User.IsInRole(Roles.Counselor);

    public async Task<IActionResult> OnGetAsync(Guid residentId)
    {
        if (!await LoadAsync(residentId))
        {
            return NotFound();
        }

        await audit.RecordForResidentAsync(AuditActions.View, "EducationRecordList", residentId.ToString(), residentId);
        return Page();
    }

    public async Task<IActionResult> OnPostEndAsync(Guid residentId)
    {
        if (!CanWrite)
        {
            return Forbid();
        }

        var resident = await db.FindVisibleAsync(User, residentId);
        var record = resident is null ? null : await db.EducationRecords.FirstOrDefaultAsync(e => e.Id == End.RecordId && e.ResidentId == residentId);
        if (record is null)
        {
            return NotFound();
        }

        var firstAdmitted = resident!.Stays.Count == 0 ? (DateOnly?)null : resident.Stays.Min(s => s.AdmittedOn);
        if (End.EndedOn is { } ended && firstAdmitted is { } admitted && ended < admitted)
        {
            ModelState.AddModelError(
                "End.EndedOn",
                $"The end date is before the first admission ({admitted.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}).");
        }

        if (ModelState.IsValid)
        {
            try
            {
                record.End(End.EndedOn!.Value, clock.Today());
                await db.SaveChangesAsync();
                TempData["Status"] = "The education status is ended.";
                return RedirectToPage("/Education/Index", new { residentId });
            }
            catch (DomainRuleException ex)
            {
                ModelState.AddRuleError(ex, nameof(End));
            }
        }

        db.ChangeTracker.Clear();
        await LoadAsync(residentId);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid residentId)
    {
        var resident = await db.FindVisibleAsync(User, residentId);
        if (resident is null)
        {
            return false;
        }

        ResidentId = residentId;
        ResidentName = resident.PreferredName;
        Records = await db.EducationRecords
            .Where(e => e.ResidentId == residentId)
            .OrderByDescending(e => e.StartedOn).ThenByDescending(e => e.RecordedAtUtc)
            .Select(e => new Row(e.Id, e.Status, e.StartedOn, e.EndedOn))
            .ToListAsync();
        return true;
    }

    public sealed record Row(Guid Id, EducationStatus Status, DateOnly StartedOn, DateOnly? EndedOn)
    {
        /// A diploma or GED is held for good, so only other statuses that still hold can be ended.
        public bool CanEnd => EndedOn is null && Status != EducationStatus.DiplomaOrGed;
    }

    public sealed class EndInput
    {
        public Guid RecordId { get; set; }

        [Required(ErrorMessage = "Enter the last day this status held.")]
        [Display(Name = "Last day")]
        public DateOnly? EndedOn { get; set; }
    }
}
