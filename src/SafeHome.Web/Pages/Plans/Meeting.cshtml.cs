using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Common;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

/// The youth planning meeting (DOMAIN.md §3 PlanParticipation): who came, how the youth took part, what they said
/// in their own words, the team members a youth of 14 or over chose, and the rights-list acknowledgement.
public sealed class MeetingModel(SafeHomeDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ServicePlan Plan { get; private set; } = null!;

    public string PreferredName { get; private set; } = string.Empty;

    public int YouthAge { get; private set; }

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input = InputModel.From(Plan);
        Input.HeldOn ??= clock.Today();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!Plan.IsEditable)
        {
            ModelState.AddModelError(string.Empty, $"Nothing was saved: this version is {Plan.Status.Display().ToLowerInvariant()} and its meeting record no longer changes.");
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var details = Input.ToDetails();
        var outcome = await db.SavePlanAsync(
            ModelState,
            Plan,
            Input,
            plan => plan.RecordMeeting(details, clock.Today(), YouthAge),
            async () => await LoadAsync(id) ? Plan : null,
            plan => InputModel.From(plan),
            refused: ex => ModelState.AddRuleErrorFor<InputModel>(ex));
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            return Page();
        }

        TempData["Status"] = "The planning meeting is recorded.";
        return RedirectToPage("Workflow", new { id });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var plan = await db.FindVisiblePlanAsync(User, id);
        if (plan is null)
        {
            return false;
        }

        Plan = plan;
        (PreferredName, YouthAge) = await PlanFlow.YouthAsync(db, plan, clock.Today());
        return true;
    }

    public sealed class InputModel : IVersionedInput
    {
        [Required(ErrorMessage = "Enter the date of the meeting.")]
        [Display(Name = "Held on")]
        public DateOnly? HeldOn { get; set; }

        [Required(ErrorMessage = "List who attended.")]
        [StringLength(PlanningMeeting.MaxLength.Attendees, ErrorMessage = "{0} can be at most {1} characters.")]
        [MultiLine]
        [Display(Name = "Attendees")]
        public string? Attendees { get; set; }

        [EnumDataType(typeof(MeetingModality), ErrorMessage = "Choose one of the listed ways.")]
        [Display(Name = "How the youth took part")]
        public MeetingModality YouthParticipation { get; set; }

        [StringLength(PlanningMeeting.MaxLength.Feedback, ErrorMessage = "{0} can be at most {1} characters.")]
        [MultiLine]
        [Display(Name = "What the youth said, in their own words")]
        public string? YouthFeedback { get; set; }

        [StringLength(PlanningMeeting.MaxLength.Member, ErrorMessage = "{0} can be at most {1} characters.")]
        [SingleLine]
        [Display(Name = "First team member the youth chose")]
        public string? ChosenMemberOne { get; set; }

        [StringLength(PlanningMeeting.MaxLength.Member, ErrorMessage = "{0} can be at most {1} characters.")]
        [SingleLine]
        [Display(Name = "Second team member the youth chose")]
        public string? ChosenMemberTwo { get; set; }

        [Display(Name = "The youth received the list of their rights and acknowledged it")]
        public bool RightsAcknowledged { get; set; }

        public long Version { get; set; }

        /// The plan's meeting record in the form's shape; an empty form (with the plan's version) before there is one.
        public static InputModel From(ServicePlan plan)
        {
            ArgumentNullException.ThrowIfNull(plan);
            return plan.Meeting is not { } meeting ? new InputModel { Version = plan.Version } : new InputModel
            {
                HeldOn = meeting.HeldOn,
                Attendees = meeting.Attendees,
                YouthParticipation = meeting.YouthParticipation,
                YouthFeedback = meeting.YouthFeedback,
                ChosenMemberOne = meeting.ChosenMemberOne,
                ChosenMemberTwo = meeting.ChosenMemberTwo,
                RightsAcknowledged = meeting.RightsAcknowledged,
                Version = plan.Version,
            };
        }

        public MeetingDetails ToDetails() =>
            new(HeldOn!.Value, Attendees ?? string.Empty, YouthParticipation, YouthFeedback, ChosenMemberOne, ChosenMemberTwo, RightsAcknowledged);
    }
}
