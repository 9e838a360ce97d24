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

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input = InputModel.From(Resident);
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

        var outcome = await db.SaveAsync(
            ModelState,
            Resident,
            Input,
            saved =>
            {
                saved.AssignCaseload(Input.PrimaryCounselorId!, Input.SecondaryCounselorIds, clock.UtcNow());
                return Task.CompletedTask;
            },
            async () => await LoadAsync(id) ? Resident : null,
            InputModel.From,
            compare: CompareWithSaved);
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            return Page();
        }

        TempData["Status"] = "Counselors assigned.";
        return RedirectToPage("Details", new { id });
    }

    /// Counselors by name, not by account id.
    private IReadOnlyList<ConflictField> CompareWithSaved(Resident saved, InputModel typed)
    {
        string Names(IEnumerable<string?> ids)
        {
            var names = ids.Where(i => !string.IsNullOrEmpty(i)).Select(i => CounselorOptions.FirstOrDefault(o => o.Value == i)?.Text ?? "(not an active counselor)").Order(StringComparer.CurrentCulture).ToList();
            return names.Count == 0 ? "—" : string.Join(", ", names);
        }

        var now = InputModel.From(saved);
        var fields = new List<ConflictField>();
        foreach (var (label, savedText, yours) in new[]
        {
            ("Primary counselor", Names([now.PrimaryCounselorId]), Names([typed.PrimaryCounselorId])),
            ("Secondary counselors", Names(now.SecondaryCounselorIds), Names(typed.SecondaryCounselorIds)),
        })
        {
            if (savedText != yours)
            {
                fields.Add(new ConflictField(label, savedText, yours));
            }
        }

        return fields;
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var resident = await db.FindVisibleAsync(User, id);
        Resident = resident!;
        CounselorOptions = await Counselors.OptionsAsync(db);
        return resident is not null;
    }

    public sealed class InputModel : IVersionedInput
    {
        [Required(ErrorMessage = "Choose the primary counselor.")]
        [StringLength(450)]
        [Display(Name = "Primary counselor")]
        public string? PrimaryCounselorId { get; set; }

        [Display(Name = "Secondary counselors")]
        public List<string> SecondaryCounselorIds { get; set; } = [];

        public long Version { get; set; }

        public static InputModel From(Resident resident) => new()
        {
            PrimaryCounselorId = resident.PrimaryCounselorId,
            SecondaryCounselorIds = [.. resident.Assignments.Where(a => !a.IsPrimary).Select(a => a.CounselorId)],
            Version = resident.Version,
        };
    }
}
