using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Residents;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Residents;

public sealed class DischargeModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
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

        Input.DischargedOn = clock.Today();
        Input.Version = Resident.CurrentStay?.Version ?? 0;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var stay = Resident.CurrentStay;
        if (stay is null)
        {
            ModelState.AddModelError(string.Empty, "This resident is not in care, so there is no stay to discharge.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var stayId = stay!.Id;
        var outcome = await db.SaveAsync(
            ModelState,
            stay,
            Input,
            async saved =>
            {
                // A youth still missing is discharged as missing, not returned; the episode itself stays open.
                var reason = HasOpenEpisode ? DischargeReason.MissingNotReturned : Input.DischargeReason;
                var documents = Input.DocumentsAtExit.Aggregate(IdentityDocuments.None, (all, document) => all | document);
                saved.Discharge(Input.DischargedOn!.Value, Input.DischargeType, reason, Input.DischargeDestination, clock.Today(), documents);

                // The plan ends with the stay (DOMAIN.md §6B: CLOSED at discharge), in the same save.
                var activePlan = await db.ServicePlans.FirstOrDefaultAsync(p => p.ResidentId == id && p.Status == SafeHome.Domain.Plans.PlanStatus.Active);
                activePlan?.Close(clock.UtcNow());
            },
            async () => await LoadAsync(id) ? Resident.Stays.FirstOrDefault(s => s.Id == stayId) : null,
            saved => new InputModel
            {
                Version = saved.Version,
                DischargedOn = Input.DischargedOn,
                DischargeType = Input.DischargeType,
                DischargeReason = Input.DischargeReason,
                DischargeDestination = Input.DischargeDestination,
                DocumentsAtExit = Input.DocumentsAtExit,
            },
            actsOnWhatWasRead: true);
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            return Page();
        }

        TempData["Status"] = HasOpenEpisode
            ? "The stay is discharged as missing from care, not returned; the missing episode stays open."
            : "The stay is discharged.";
        return RedirectToPage("Details", new { id });
    }

    /// The resident has an open missing episode: the discharge reason becomes MissingNotReturned.
    public bool HasOpenEpisode { get; private set; }

    private async Task<bool> LoadAsync(Guid id)
    {
        var resident = await db.FindVisibleAsync(User, id);
        Resident = resident!;
        HasOpenEpisode = resident is not null
            && await db.MissingEpisodes.AnyAsync(e => e.ResidentId == id && e.Status == SafeHome.Domain.Missing.EpisodeStatus.Open);
        return resident is not null;
    }

    /// "Documents at exit" on the overview: the list, "none", or "not recorded" for stays discharged before the checklist.
    public static string DescribeDocuments(IdentityDocuments? documents) => documents switch
    {
        null => "not recorded",
        IdentityDocuments.None => "none",
        { } held => string.Join(", ", IdentityDocumentList.Each.Where(d => held.HasFlag(d)).Select(d => d.Display())),
    };

    public sealed class InputModel : IVersionedInput
    {
        [Required(ErrorMessage = "Enter the discharge date.")]
        [Display(Name = "Discharge date")]
        public DateOnly? DischargedOn { get; set; }

        [EnumDataType(typeof(DischargeType))]
        [Display(Name = "Planned or unplanned")]
        public DischargeType DischargeType { get; set; }

        [EnumDataType(typeof(DischargeReason))]
        [Display(Name = "Reason")]
        public DischargeReason DischargeReason { get; set; }

        [EnumDataType(typeof(DischargeDestination))]
        [Display(Name = "Destination")]
        public DischargeDestination DischargeDestination { get; set; }

        /// The boxes ticked on the checklist; none ticked records that the youth left with none of them.
        [Display(Name = "Documents the youth leaves with")]
        public List<IdentityDocuments> DocumentsAtExit { get; set; } = [];

        public long Version { get; set; }
    }
}
