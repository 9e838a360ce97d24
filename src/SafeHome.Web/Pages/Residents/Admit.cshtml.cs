using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Residents;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Residents;

/// Readmission: a new stay for a resident who was discharged. Overlaps with earlier stays are refused by the entity.
public sealed class AdmitModel(SafeHomeDbContext db, TimeProvider clock, IOptions<IntakeOptions> intake) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Resident Resident { get; private set; } = null!;

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input.Stay.AdmittedOn = clock.Today();
        Input.Version = Resident.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var outcome = await db.SaveAsync(
            ModelState,
            Resident,
            Input,
            saved =>
            {
                Input.Stay.AdmitTo(saved, intake.Value.AgeRange, clock.Today());
                return Task.CompletedTask;
            },
            async () => await LoadAsync(id) ? Resident : null,
            saved => new InputModel { Version = saved.Version, Stay = Input.Stay },
            actsOnWhatWasRead: true,
            refused: ex => ModelState.AddRuleError(ex, "Input.Stay"));
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            return Page();
        }

        TempData["Status"] = "The resident is readmitted.";
        return RedirectToPage("Details", new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var resident = await db.FindVisibleAsync(User, id);
        Resident = resident!;
        return resident is not null;
    }

    public sealed class InputModel : IVersionedInput
    {
        public StayInput Stay { get; set; } = new();

        public long Version { get; set; }
    }
}
