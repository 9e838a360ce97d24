using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Residents;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Residents;

public sealed class EditModel(SafeHomeDbContext db, TimeProvider clock, IOptions<IntakeOptions> intake) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var resident = await db.FindVisibleAsync(User, id);
        if (resident is null)
        {
            return NotFound();
        }

        Input = InputModel.From(resident);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var resident = await db.FindVisibleAsync(User, id);
        if (resident is null)
        {
            return NotFound();
        }

        var outcome = await db.SaveAsync(
            ModelState,
            resident,
            Input,
            saved =>
            {
                saved.UpdateDetails(Input.ToDetails(), clock.Today(), intake.Value.AgeRange);
                return Task.CompletedTask;
            },
            async () => await db.FindVisibleAsync(User, id),
            InputModel.From);
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            return Page();
        }

        TempData["Status"] = "Changes saved.";
        return RedirectToPage("Details", new { id });
    }

    public sealed class InputModel : ResidentDetailsInput, IVersionedInput
    {
        public long Version { get; set; }

        public static InputModel From(Resident resident)
        {
            var input = new InputModel { Version = resident.Version };
            input.CopyFrom(resident);
            return input;
        }
    }
}
