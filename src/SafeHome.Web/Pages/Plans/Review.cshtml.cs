using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Common;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Jobs;

namespace SafeHome.Web.Pages.Plans;

/// Records a review of the active plan (DOMAIN.md §3 PlanReview): a status for every objective still in the plan,
/// an attainment level for every goal with a scale, the decisions and when the next review is due.
public sealed partial class ReviewModel(SafeHomeDbContext db, TimeProvider clock, PlanScheduleOptions schedule, AuditLog audit) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public ServicePlan Plan { get; private set; } = null!;

    public string PreferredName { get; private set; } = string.Empty;

    public DateOnly Today { get; private set; }

    /// When this review was due by the schedule; only meaningful for the active plan.
    public DateOnly DueOn { get; private set; }

    /// The resident's active version, when the one asked for is not it.
    public Guid? ActivePlanId { get; private set; }

    public IReadOnlyList<ConflictField> Conflicts { get; private set; } = [];

    public int ReviewEveryDays => schedule.ReviewEveryDays;

    public IEnumerable<PlanGoal> ReviewedGoals => PlanReview.ReviewedGoals(Plan);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        var reviewedBefore = await db.PlanReviews.AnyAsync(r => r.ResidentId == Plan.ResidentId);
        Input.Type = reviewedBefore ? ReviewType.Scheduled : ReviewType.Initial;
        Input.HeldOn = Today;
        Input.NextDueOn = Today.AddDays(schedule.ReviewEveryDays);
        Input.Version = Plan.Version;
        Input.Objectives = [.. ReviewedGoals.SelectMany(PlanReview.ReviewedObjectives).Select(o => new ObjectiveRating { ObjectiveId = o.Id, Status = o.Status })];
        Input.Goals = [.. ReviewedGoals.Where(g => g.HasGasScale).Select(g => new GoalRating { GoalId = g.Id })];
        await audit.RecordForResidentAsync(AuditActions.View, nameof(ServicePlan), id.ToString(), Plan.ResidentId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (Plan.Status != PlanStatus.Active)
        {
            ModelState.AddModelError(string.Empty, "Nothing was saved: only the active plan is reviewed.");
            return Page();
        }

        AlignRowsWithPlan();
        if (!ModelState.IsValid)
        {
            ExplainUnknownChoices();
            return Page();
        }

        // The ratings are about the plan as it was read: a review of a plan changed meanwhile is read again first.
        var outcome = await db.SaveAsync(
            ModelState,
            Plan,
            Input,
            async plan =>
            {
                var review = PlanReview.Record(plan, Input.ToDetails(DefaultNextDueOn()), DueOn, Today, User.UserId(), clock.UtcNow());
                db.PlanReviews.Add(review);
                if (review.Type == ReviewType.Triggered && review.Trigger is { } trigger)
                {
                    // A triggered review settles the follow-ups its trigger raised (a missing episode, a disclosure).
                    var followUps = await db.CareFollowUps
                        .Where(f => f.ResidentId == review.ResidentId && f.Kind == FollowUpKind.TriggeredReview && f.Trigger == trigger && f.ResolvedAtUtc == null)
                        .ToListAsync();
                    foreach (var followUp in followUps)
                    {
                        followUp.Resolve(review.Id, clock.UtcNow());
                    }
                }
            },
            async () => await LoadAsync(id) ? Plan : null,
            _ => Input,
            actsOnWhatWasRead: true);
        if (!outcome.Saved)
        {
            Conflicts = outcome.Conflicts;
            return Page();
        }

        TempData["Status"] = "The review is recorded.";
        return RedirectToPage("Reviews", new { residentId = Plan.ResidentId });
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var plan = await db.FindVisiblePlanAsync(User, id);
        if (plan is null)
        {
            return false;
        }

        Plan = plan;
        Today = clock.Today();
        PreferredName = await db.Residents.Where(r => r.Id == plan.ResidentId).Select(r => r.PreferredName).SingleAsync();
        if (plan.Status == PlanStatus.Active)
        {
            DueOn = await DueItems.ReviewDueOnAsync(db, plan, schedule.Schedule);
        }
        else
        {
            ActivePlanId = await db.ServicePlans
                .Where(p => p.ResidentId == plan.ResidentId && p.Status == PlanStatus.Active)
                .Select(p => (Guid?)p.Id)
                .FirstOrDefaultAsync();
        }

        return true;
    }

    /// An empty next-due date means the usual interval after the review. A held-on date the domain will refuse
    /// anyway (in the future) is passed through untouched, so the message is about that date.
    private DateOnly DefaultNextDueOn()
    {
        var heldOn = Input.HeldOn!.Value;
        return Input.NextDueOn ?? (heldOn <= Today ? heldOn.AddDays(schedule.ReviewEveryDays) : heldOn);
    }

    /// The rows carry ids in hidden fields. Rows that do not name exactly this plan's objectives and scaled goals
    /// (a forged or stale form) are refused as a whole and rebuilt from the plan, keeping what matched.
    private void AlignRowsWithPlan()
    {
        var objectiveIds = ReviewedGoals.SelectMany(PlanReview.ReviewedObjectives).Select(o => o.Id).ToList();
        var goalIds = ReviewedGoals.Where(g => g.HasGasScale).Select(g => g.Id).ToList();
        if (Input.Objectives.Select(o => o.ObjectiveId).SequenceEqual(objectiveIds) && Input.Goals.Select(g => g.GoalId).SequenceEqual(goalIds))
        {
            return;
        }

        var postedObjectives = Input.Objectives.DistinctBy(o => o.ObjectiveId).ToDictionary(o => o.ObjectiveId);
        var postedGoals = Input.Goals.DistinctBy(g => g.GoalId).ToDictionary(g => g.GoalId);
        Input.Objectives = [.. objectiveIds.Select(i => postedObjectives.GetValueOrDefault(i) ?? new ObjectiveRating { ObjectiveId = i })];
        Input.Goals = [.. goalIds.Select(i => postedGoals.GetValueOrDefault(i) ?? new GoalRating { GoalId = i })];
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.Objectives", StringComparison.Ordinal) || k.StartsWith("Input.Goals", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        ModelState.AddModelError(string.Empty, "Nothing was saved: the ratings did not match this plan's objectives and goals. Check them and save again.");
    }

    /// The framework says only "the value '3' is invalid" for a choice outside a list; say what the choices are.
    private void ExplainUnknownChoices()
    {
        Explain("Input.Type", "Choose one of the listed kinds of review.");
        Explain("Input.Trigger", "Choose one of the listed triggers.");
        for (var i = 0; i < Input.Goals.Count; i++)
        {
            Explain($"Input.Goals[{i}].Level", "Choose one of the levels from −2 to +2.");
        }

        for (var i = 0; i < Input.Objectives.Count; i++)
        {
            Explain($"Input.Objectives[{i}].Status", "Choose one of the listed statuses.");
        }
    }

    private void Explain(string key, string message)
    {
        if (ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 && !string.IsNullOrWhiteSpace(entry.AttemptedValue))
        {
            entry.Errors.Clear();
            entry.Errors.Add(message);
        }
    }
}
