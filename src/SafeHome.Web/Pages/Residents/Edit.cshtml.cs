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

        Input.CopyFrom(resident);
        Input.Version = resident.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var resident = await db.FindVisibleAsync(User, id);
        if (resident is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.ExpectVersion(resident, Input.Version);
        try
        {
            resident.UpdateDetails(Input.ToDetails(), clock.Today(), intake.Value.AgeRange);
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
            var saved = (await db.FindVisibleAsync(User, id))!;
            var savedInput = new ResidentDetailsInput();
            savedInput.CopyFrom(saved);
            Conflicts = ConcurrencyConflict.Compare<ResidentDetailsInput>(savedInput, Input);
            ModelState.Remove("Input.Version");
            Input.Version = saved.Version;
            return Page();
        }

        TempData["Status"] = "Changes saved.";
        return RedirectToPage("Details", new { id });
    }

    public sealed class InputModel : ResidentDetailsInput
    {
        public long Version { get; set; }
    }
}
