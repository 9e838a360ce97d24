using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Placement;

/// Records a signed placement-safety decision (DOMAIN.md §6C step 5, §6D): the factors weighed, stay in the community
/// or place away, and why. Decisions are never edited; each one is new, and it meets every open request for one.
public sealed class DecideModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Guid ResidentId { get; private set; }

    public string ResidentName { get; private set; } = string.Empty;

    public Stay? CurrentStay { get; private set; }

    public static IReadOnlyList<SelectListItem> YesNoUnknown { get; } =
        [new("Unknown", string.Empty), new("Yes", "true"), new("No", "false")];

    public async Task<IActionResult> OnGetAsync(Guid residentId, Guid? followUpId)
    {
        if (!await LoadAsync(residentId))
        {
            return NotFound();
        }

        Input.OtherTraffickedYouthInPlacement = 0;
        Input.LatestDecisionId = await LatestDecisionIdAsync();
        var followUp = await db.CareFollowUps.AsNoTracking()
            .Where(f => f.ResidentId == residentId && f.Kind == FollowUpKind.PlacementDecision && f.ResolvedAtUtc == null)
            .OrderBy(f => f.RaisedAtUtc)
            .FirstOrDefaultAsync(f => followUpId == null || f.Id == followUpId);
        if (followUp is not null)
        {
            Input.FollowUpId = followUp.Id;
            Input.Occasion = OccasionFor(followUp.Trigger);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid residentId)
    {
        if (!await LoadAsync(residentId))
        {
            return NotFound();
        }

        ExplainBindingErrors();
        if (CurrentStay is null)
        {
            ModelState.AddModelError(string.Empty, "Nothing was saved: a decision belongs to a stay, and this resident has no current stay.");
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        Guid? sourceId = null;
        if (Input.FollowUpId is { } followUpId)
        {
            sourceId = await db.CareFollowUps
                .Where(f => f.Id == followUpId && f.ResidentId == residentId && f.Kind == FollowUpKind.PlacementDecision)
                .Select(f => (Guid?)f.SourceId)
                .FirstOrDefaultAsync();
            if (sourceId is null)
            {
                ModelState.AddModelError(string.Empty, "Nothing was saved: the request for a decision named in the form is not this resident's. Open the form again from the decisions page.");
                return Page();
            }
        }

        var latest = await LatestDecisionIdAsync();
        if (latest != Input.LatestDecisionId)
        {
            // A double submit, or someone else deciding meanwhile: the new decision would be made without reading it.
            ModelState.Remove("Input.LatestDecisionId");
            Input.LatestDecisionId = latest;
            ModelState.AddModelError(string.Empty, "Nothing was saved: another decision was recorded for this resident after you opened this form. Read it on the decisions page; if yours is still needed, save again.");
            return Page();
        }

        var now = clock.UtcNow();
        try
        {
            var decision = new PlacementSafetyDecision(
                residentId,
                CurrentStay.Id,
                Input.Occasion!.Value,
                sourceId,
                new PlacementFactors(
                    Input.DistanceFromExploitationMiles,
                    Input.KnownExploiterNearby,
                    Input.OtherTraffickedYouthInPlacement!.Value,
                    Input.SchoolContinuity,
                    Input.FamilyCommunityTies,
                    Input.Interstate,
                    Input.Notes),
                Input.Decision!.Value,
                Input.Rationale,
                User.UserId() ?? string.Empty,
                Input.SignedName ?? string.Empty,
                now);
            db.PlacementSafetyDecisions.Add(decision);
            var open = await db.CareFollowUps
                .Where(f => f.ResidentId == residentId && f.Kind == FollowUpKind.PlacementDecision && f.ResolvedAtUtc == null)
                .ToListAsync();
            foreach (var followUp in open)
            {
                followUp.Resolve(decision.Id, now);
            }

            await db.SaveChangesAsync();
        }
        catch (DomainRuleException ex)
        {
            ModelState.AddRuleError(ex);
            return Page();
        }

        TempData["Status"] = "The placement-safety decision is recorded and signed.";
        return RedirectToPage("/Placement/Index", new { residentId });
    }

    private async Task<bool> LoadAsync(Guid residentId)
    {
        var resident = await db.FindVisibleAsync(User, residentId);
        if (resident is null)
        {
            return false;
        }

        ResidentId = resident.Id;
        ResidentName = resident.PreferredName;
        CurrentStay = resident.CurrentStay;
        return true;
    }

    private Task<Guid?> LatestDecisionIdAsync() =>
        db.PlacementSafetyDecisions.Where(d => d.ResidentId == ResidentId)
            .OrderByDescending(d => d.DecidedAtUtc)
            .Select(d => (Guid?)d.Id)
            .FirstOrDefaultAsync();

    private static DecisionOccasion OccasionFor(ReviewTrigger trigger) => trigger switch
    {
        ReviewTrigger.MissingEpisode => DecisionOccasion.AfterMissingEpisode,
        ReviewTrigger.ReExploitationDisclosure => DecisionOccasion.AfterDisclosure,
        _ => DecisionOccasion.Other,
    };

    /// The framework says only "the value 'x' is invalid"; say what is wanted. Numbers must be plain digits: the
    /// framework's converter would otherwise read "0x10" as sixteen.
    private void ExplainBindingErrors()
    {
        var miles = $"Enter a whole number of miles from 0 to {PlacementSafetyDecision.MaxMiles}, or leave it empty if unknown.";
        var youth = $"Enter a whole number from 0 to {PlacementSafetyDecision.MaxOtherYouth}.";
        Explain("Input.DistanceFromExploitationMiles", miles, digitsOnly: true);
        Explain("Input.OtherTraffickedYouthInPlacement", youth, digitsOnly: true);
        Explain("Input.KnownExploiterNearby", "Choose yes, no or unknown.");
        Explain("Input.SchoolContinuity", "Choose yes, no or unknown.");
        Explain("Input.FamilyCommunityTies", "Choose yes, no or unknown.");
        if (Explain("Input.Interstate", "Tick the box for an interstate placement, or leave it empty."))
        {
            // The checkbox cannot render a value that is not true or false; it shows unticked beside the message.
            ModelState.SetModelValue("Input.Interstate", false, "false");
        }

        Explain("Input.Decision", "Choose one of the listed decisions.");
        Explain("Input.Occasion", "Choose one of the listed occasions.");
        foreach (var hidden in new[] { "Input.FollowUpId", "Input.LatestDecisionId" })
        {
            if (ModelState.TryGetValue(hidden, out var entry) && entry.Errors.Count > 0)
            {
                entry.Errors.Clear();
                ModelState.AddModelError(string.Empty, "Nothing was saved: the form was changed outside this page. Open it again from the decisions page.");
            }
        }
    }

    private bool Explain(string key, string message, bool digitsOnly = false)
    {
        if (!ModelState.TryGetValue(key, out var entry) || entry.AttemptedValue?.Trim() is not { Length: > 0 } typed)
        {
            return false;
        }

        if (entry.Errors.Count > 0)
        {
            entry.Errors.Clear();
            entry.Errors.Add(message);
            return true;
        }

        if (digitsOnly && !typed.All(char.IsAsciiDigit))
        {
            ModelState.AddModelError(key, message);
            return true;
        }

        return false;
    }

    public sealed class InputModel
    {
        /// The open request for a decision this form answers; its episode or disclosure becomes the source.
        public Guid? FollowUpId { get; set; }

        /// The newest decision when the form was opened, so a second submit or a decision made meanwhile is not
        /// silently followed by another.
        public Guid? LatestDecisionId { get; set; }

        [Range(0, PlacementSafetyDecision.MaxMiles, ErrorMessage = "Enter a distance from {1} to {2} miles, or leave it empty if unknown.")]
        [Display(Name = "Distance from where the youth was exploited (miles)")]
        public int? DistanceFromExploitationMiles { get; set; }

        [Display(Name = "A known exploiter lives or operates nearby")]
        public bool? KnownExploiterNearby { get; set; }

        [Required(ErrorMessage = "Enter the number of other trafficked youth in the placement (0 if none).")]
        [Range(0, PlacementSafetyDecision.MaxOtherYouth, ErrorMessage = "Enter a number from {1} to {2}.")]
        [Display(Name = "Other trafficked youth in the placement")]
        public int? OtherTraffickedYouthInPlacement { get; set; }

        [Display(Name = "The youth can stay in their school")]
        public bool? SchoolContinuity { get; set; }

        [Display(Name = "Family and community ties to keep")]
        public bool? FamilyCommunityTies { get; set; }

        [Display(Name = "The placement is in another state")]
        public bool Interstate { get; set; }

        [MultiLine]
        [StringLength(PlacementSafetyDecision.MaxLength.Notes, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Notes on the factors")]
        public string? Notes { get; set; }

        [Required(ErrorMessage = "Choose stay in the community or place away from it.")]
        [EnumDataType(typeof(PlacementDecisionKind), ErrorMessage = "Choose one of the listed decisions.")]
        public PlacementDecisionKind? Decision { get; set; }

        [Required(ErrorMessage = "Choose what prompted the decision.")]
        [EnumDataType(typeof(DecisionOccasion), ErrorMessage = "Choose one of the listed occasions.")]
        public DecisionOccasion? Occasion { get; set; }

        [Required(ErrorMessage = "Explain the decision: which factors weighed most, and why.")]
        [MultiLine]
        [StringLength(PlacementSafetyDecision.MaxLength.Rationale, ErrorMessage = "Use at most {1} characters.")]
        public string? Rationale { get; set; }

        [Required(ErrorMessage = "Type your name to sign the decision.")]
        [SingleLine]
        [StringLength(PlacementSafetyDecision.MaxLength.SignedName, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Signature (type your full name)")]
        public string? SignedName { get; set; }
    }
}
