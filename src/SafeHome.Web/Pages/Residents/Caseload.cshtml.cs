using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Residents;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Residents;

/// A director names the primary counselor and any secondary counselors of one resident.
public sealed class CaseloadModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Resident Resident { get; private set; } = null!;

    public List<SelectListItem> CounselorOptions { get; private set; } = [];

    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input.PrimaryCounselorId = Resident.PrimaryCounselorId;
        Input.SecondaryCounselorIds = [.. Resident.Assignments.Where(a => !a.IsPrimary).Select(a => a.CounselorId)];
        Input.Version = Resident.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        // An unticked list can post an empty value, which binds as null.
        Input.SecondaryCounselorIds = [.. Input.SecondaryCounselorIds.Where(i => !string.IsNullOrWhiteSpace(i))];
        var chosen = Input.SecondaryCounselorIds.Append(Input.PrimaryCounselorId ?? string.Empty).Where(i => i.Length > 0).ToList();
        if (ModelState.IsValid && !await Counselors.AreActiveCounselorsAsync(db, chosen))
        {
            ModelState.AddModelError("Input.PrimaryCounselorId", "Choose counselors from the list; one of the chosen accounts is not an active counselor.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.ExpectAndBumpVersion(Resident, Input.Version);
        try
        {
            Resident.AssignCaseload(Input.PrimaryCounselorId!, Input.SecondaryCounselorIds, clock.UtcNow());
            await db.SaveChangesAsync();
        }
        catch (DomainRuleException ex)
        {
            ModelState.AddRuleError(ex);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id);
            Conflict = true;
            ModelState.Remove("Input.Version");
            Input.Version = Resident.Version;
            return Page();
        }

        TempData["Status"] = "Counselors assigned.";
        return RedirectToPage("Details", new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var resident = await db.FindVisibleAsync(User, id);
        Resident = resident!;
        CounselorOptions = await Counselors.OptionsAsync(db);
        return resident is not null;
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Choose the primary counselor.")]
        [StringLength(450)]
        [Display(Name = "Primary counselor")]
        public string? PrimaryCounselorId { get; set; }

        [Display(Name = "Secondary counselors")]
        public List<string> SecondaryCounselorIds { get; set; } = [];

        public long Version { get; set; }
    }
}
