using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Residents;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Residents;

/// Intake creates the resident and their first stay together. A counselor's intake lands on their own caseload;
/// a director may name the primary counselor at once.
public sealed class IntakeModel(SafeHomeDbContext db, TimeProvider clock, IOptions<IntakeOptions> intake) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public List<SelectListItem> CounselorOptions { get; private set; } = [];

    public bool ChoosesCounselor => User.IsInRole(Roles.ProgramDirector);

    public async Task OnGetAsync()
    {
        Input.SubmissionId = Guid.CreateVersion7();
        Input.Stay.AdmittedOn = clock.Today();
        await LoadOptionsAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.SubmissionId != Guid.Empty && await db.Residents.AnyAsync(r => r.Id == Input.SubmissionId))
        {
            return await ExistingSubmissionAsync();
        }

        var counselorId = ChoosesCounselor ? Input.PrimaryCounselorId : User.UserId();
        if (ChoosesCounselor && counselorId is not null && !await Counselors.AreActiveCounselorsAsync(db, [counselorId]))
        {
            ModelState.AddModelError("Input.PrimaryCounselorId", "Choose a counselor from the list.");
        }

        if (!ModelState.IsValid)
        {
            await LoadOptionsAsync();
            return Page();
        }

        var now = clock.UtcNow();
        var today = clock.Today();
        Resident? resident = null;
        try
        {
            resident = Resident.Create(Input.ToDetails(), today, now, Input.SubmissionId);
        }
        catch (DomainRuleException ex)
        {
            ModelState.AddRuleError(ex);
        }

        try
        {
            if (resident is not null)
            {
                Input.Stay.AdmitTo(resident, intake.Value.AgeRange, today);
            }
        }
        catch (DomainRuleException ex)
        {
            ModelState.AddRuleError(ex, "Input.Stay");
        }

        if (resident is not null && ModelState.IsValid)
        {
            if (counselorId is not null)
            {
                resident.AssignCaseload(counselorId, [], now);
            }

            db.Residents.Add(resident);
            try
            {
                await db.SaveChangesAsync();
                TempData["Status"] = "The resident is admitted.";
                return RedirectToPage("Details", new { id = resident.Id });
            }
            catch (DbUpdateException)
            {
                // A second click raced the first one to the insert; show the record the first one made.
                db.ChangeTracker.Clear();
                if (!await db.Residents.AnyAsync(r => r.Id == Input.SubmissionId))
                {
                    throw;
                }

                return await ExistingSubmissionAsync();
            }
        }

        await LoadOptionsAsync();
        return Page();
    }

    private async Task<IActionResult> ExistingSubmissionAsync() =>
        await db.VisibleResidents(User).AnyAsync(r => r.Id == Input.SubmissionId)
            ? RedirectToPage("Details", new { id = Input.SubmissionId })
            : NotFound();

    private async Task LoadOptionsAsync()
    {
        if (ChoosesCounselor)
        {
            CounselorOptions = await Counselors.OptionsAsync(db);
        }
    }

    public sealed class InputModel : ResidentDetailsInput
    {
        public Guid SubmissionId { get; set; }

        public StayInput Stay { get; set; } = new();

        [Display(Name = "Primary counselor")]
        public string? PrimaryCounselorId { get; set; }
    }
}
