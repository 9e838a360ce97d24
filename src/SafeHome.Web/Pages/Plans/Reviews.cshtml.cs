using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Auditing;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

/// A resident's review history across plan versions, newest first, with each review's ratings and T-score.
public sealed class ReviewsModel(SafeHomeDbContext db, AuditLog audit) : PageModel
{
    public Guid ResidentId { get; private set; }

    public string PreferredName { get; private set; } = string.Empty;

    public Guid? ActivePlanId { get; private set; }

    public IReadOnlyList<PlanReview> Reviews { get; private set; } = [];

    public IReadOnlyDictionary<Guid, int> PlanVersions { get; private set; } = new Dictionary<Guid, int>();

    /// What each rating is about, and where it sits in its plan, so ratings read in plan order.
    public IReadOnlyDictionary<Guid, RatedItem> Goals { get; private set; } = new Dictionary<Guid, RatedItem>();

    public IReadOnlyDictionary<Guid, RatedItem> Objectives { get; private set; } = new Dictionary<Guid, RatedItem>();

    public async Task<IActionResult> OnGetAsync(Guid residentId)
    {
        var resident = await db.VisibleResidents(User)
            .Where(r => r.Id == residentId)
            .Select(r => new { r.Id, r.PreferredName })
            .FirstOrDefaultAsync();
        if (resident is null)
        {
            return NotFound();
        }

        ResidentId = resident.Id;
        PreferredName = resident.PreferredName;
        var plans = await db.ServicePlans.Where(p => p.ResidentId == residentId).Select(p => new { p.Id, p.VersionNumber, p.Status }).ToListAsync();
        PlanVersions = plans.ToDictionary(p => p.Id, p => p.VersionNumber);
        ActivePlanId = plans.FirstOrDefault(p => p.Status == PlanStatus.Active)?.Id;
        Reviews = await db.PlanReviews
            .Where(r => r.ResidentId == residentId)
            .Include(r => r.Ratings)
            .OrderByDescending(r => r.HeldOn).ThenByDescending(r => r.RecordedAtUtc)
            .AsNoTracking()
            .ToListAsync();

        var goalIds = Reviews.SelectMany(r => r.Ratings).Where(r => r.GoalId is not null).Select(r => r.GoalId!.Value).Distinct().ToList();
        var objectiveIds = Reviews.SelectMany(r => r.Ratings).Where(r => r.ObjectiveId is not null).Select(r => r.ObjectiveId!.Value).Distinct().ToList();
        Goals = await db.PlanGoals
            .Where(g => goalIds.Contains(g.Id))
            .ToDictionaryAsync(g => g.Id, g => new RatedItem(g.YouthStatement, g.SortOrder, 0));
        Objectives = (await db.PlanObjectives
                .Where(o => objectiveIds.Contains(o.Id))
                .Join(db.PlanGoals, o => o.GoalId, g => g.Id, (o, g) => new { o.Id, o.Criterion, GoalOrder = g.SortOrder, o.SortOrder })
                .ToListAsync())
            .ToDictionary(o => o.Id, o => new RatedItem(o.Criterion, o.GoalOrder, o.SortOrder));

        // Every view of case content is part of its history (DESIGN.md: who viewed it).
        foreach (var review in Reviews)
        {
            await audit.RecordForResidentAsync(AuditActions.View, nameof(PlanReview), review.Id.ToString(), review.ResidentId);
        }

        return Page();
    }

    public RatedItem GoalOf(ReviewRating rating) => Goals.GetValueOrDefault(rating.GoalId ?? Guid.Empty) ?? RatedItem.Unknown;

    public RatedItem ObjectiveOf(ReviewRating rating) => Objectives.GetValueOrDefault(rating.ObjectiveId ?? Guid.Empty) ?? RatedItem.Unknown;

    public sealed record RatedItem(string Text, int Order, int SubOrder)
    {
        public static readonly RatedItem Unknown = new("—", int.MaxValue, 0);
    }
}
