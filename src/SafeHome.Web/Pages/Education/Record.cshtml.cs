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
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Education;

/// Records an education status from a start date (outcome metric M13). The submission id makes a double submit record
/// one status.
public sealed class RecordModel(SafeHomeDbContext db, TimeProvider clock, AuditLog audit) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Guid ResidentId { get; private set; }

    public string ResidentName { get; private set; } = string.Empty;

    public DateOnly DateOfBirth { get; private set; }

    public DateOnly? FirstAdmittedOn { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid residentId)
    {
        if (!await LoadAsync(residentId))
        {
            return NotFound();
        }

        Input.SubmissionId = Guid.CreateVersion7();
        await audit.RecordForResidentAsync(AuditActions.View, "EducationRecordForm", residentId.ToString(), residentId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid residentId)
    {
        if (!await LoadAsync(residentId))
        {
            return NotFound();
        }

        if (Input.SubmissionId != Guid.Empty && await db.EducationRecords.AnyAsync(e => e.Id == Input.SubmissionId))
        {
            return await ExistingSubmissionAsync(residentId);
        }

        if (Input.StartedOn is { } started && started <= DateOfBirth)
        {
            ModelState.AddModelError("Input.StartedOn", "The start date must be after the date of birth.");
        }

        // Schooling that ended before the youth first came into care is history, not part of the record kept here.
        if (Input.EndedOn is { } ended && FirstAdmittedOn is { } admitted && ended < admitted)
        {
            ModelState.AddModelError(
                "Input.EndedOn",
                $"The end date is before the first admission ({admitted.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}). Record the schooling from the time in care.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        EducationRecord record;
        try
        {
            record = new EducationRecord(residentId, Input.Status!.Value, Input.StartedOn!.Value, Input.EndedOn, clock.Today(), User.UserId(), clock.UtcNow(), Input.SubmissionId);
        }
        catch (DomainRuleException ex)
        {
            ModelState.AddRuleError(ex);
            return Page();
        }

        db.EducationRecords.Add(record);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // A second click raced the first one to the insert; show the history the first one saved.
            db.ChangeTracker.Clear();
            if (!await db.EducationRecords.AnyAsync(e => e.Id == Input.SubmissionId))
            {
                throw;
            }

            return await ExistingSubmissionAsync(residentId);
        }

        TempData["Status"] = "The education status is recorded.";
        return RedirectToPage("/Education/Index", new { residentId });
    }

    private async Task<IActionResult> ExistingSubmissionAsync(Guid residentId) =>
        await db.EducationRecords.AnyAsync(e => e.Id == Input.SubmissionId && e.ResidentId == residentId)
            ? RedirectToPage("/Education/Index", new { residentId })
            : NotFound();

    private async Task<bool> LoadAsync(Guid residentId)
    {
        var resident = await db.FindVisibleAsync(User, residentId);
        if (resident is null)
        {
            return false;
        }

        ResidentId = residentId;
        ResidentName = resident.PreferredName;
        DateOfBirth = resident.DateOfBirth;
        FirstAdmittedOn = resident.Stays.Count == 0 ? null : resident.Stays.Min(s => s.AdmittedOn);
        return true;
    }

    public sealed class InputModel
    {
        public Guid SubmissionId { get; set; }

        [Required(ErrorMessage = "Choose the education status.")]
        [EnumDataType(typeof(EducationStatus), ErrorMessage = "Choose one of the education statuses listed.")]
        [Display(Name = "Status")]
        public EducationStatus? Status { get; set; }

        [Required(ErrorMessage = "Enter the date this status began, or your best estimate.")]
        [Display(Name = "Since")]
        public DateOnly? StartedOn { get; set; }

        [Display(Name = "Until (leave empty if it still holds)")]
        public DateOnly? EndedOn { get; set; }
    }
}
