using SafeHome.Domain.Common;

namespace SafeHome.Domain.Plans;

/// A review of the active plan: per-objective status, per-goal attainment level, decisions, the next due date, and
/// the Goal Attainment T-score of the goals that carry a scale. The plan itself stays as approved; reviews are
/// where progress is recorded.
public sealed class PlanReview : IAudited
{
    public const int DecisionsMaxLength = 4000;

    private readonly List<ReviewRating> _ratings = [];

    private PlanReview()
    {
    }

    public Guid Id { get; private set; }
    public Guid ResidentId { get; private set; }
    public Guid PlanId { get; private set; }
    public ReviewType Type { get; private set; }
    public ReviewTrigger? Trigger { get; private set; }
    public DateOnly DueOn { get; private set; }
    public DateOnly HeldOn { get; private set; }
    public string Decisions { get; private set; } = string.Empty;
    public DateOnly NextDueOn { get; private set; }
    public double? TScore { get; private set; }
    public string? RecordedById { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }

    public IReadOnlyList<ReviewRating> Ratings => _ratings;

    public static PlanReview Record(ServicePlan plan, ReviewDetails details, DateOnly dueOn, DateOnly today, string? userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(details);
        if (plan.Status != PlanStatus.Active)
        {
            throw new DomainRuleException(string.Empty, "Only the active plan is reviewed.");
        }

        if (!Enum.IsDefined(details.Type))
        {
            throw new DomainRuleException(nameof(Type), "Choose the kind of review.");
        }

        if (details.HeldOn > today)
        {
            throw new DomainRuleException(nameof(HeldOn), "The review date cannot be in the future.");
        }

        if (plan.EffectiveOn is { } effectiveOn && details.HeldOn < effectiveOn)
        {
            throw new DomainRuleException(nameof(HeldOn), $"The review date cannot be before the plan took effect ({effectiveOn:yyyy-MM-dd}).");
        }

        if (details.NextDueOn <= details.HeldOn)
        {
            throw new DomainRuleException(nameof(NextDueOn), "The next review must be due after this one is held.");
        }

        if (details.Type == ReviewType.Triggered && details.Trigger is null)
        {
            throw new DomainRuleException(nameof(Trigger), "Say what triggered this review.");
        }

        if (details.Type == ReviewType.Triggered && !Enum.IsDefined(details.Trigger!.Value))
        {
            throw new DomainRuleException(nameof(Trigger), "Choose one of the listed triggers.");
        }

        var review = new PlanReview
        {
            Id = Guid.CreateVersion7(),
            ResidentId = plan.ResidentId,
            PlanId = plan.Id,
            Type = details.Type,
            Trigger = details.Type == ReviewType.Triggered ? details.Trigger : null,
            DueOn = dueOn,
            HeldOn = details.HeldOn,
            Decisions = Rules.Required(details.Decisions, nameof(Decisions), "Record what was decided."),
            NextDueOn = details.NextDueOn,
            RecordedById = userId,
            RecordedAtUtc = nowUtc,
        };

        review.RateObjectives(plan, details.Objectives);
        var scored = review.RateGoals(plan, details.Goals);
        review.TScore = GoalAttainment.TScore(scored);
        return review;
    }

    /// What a review rates: the goals still in the plan, in plan order. Discontinued goals are no longer reviewed.
    public static IEnumerable<PlanGoal> ReviewedGoals(ServicePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return plan.Goals.Where(g => g.Status != GoalStatus.Discontinued).OrderBy(g => g.SortOrder);
    }

    /// The objectives of a reviewed goal that are still in the plan, in plan order.
    public static IEnumerable<PlanObjective> ReviewedObjectives(PlanGoal goal)
    {
        ArgumentNullException.ThrowIfNull(goal);
        return goal.Objectives.Where(o => o.Status != GoalStatus.Discontinued).OrderBy(o => o.SortOrder);
    }

    /// Every reviewed objective gets exactly one status.
    private void RateObjectives(ServicePlan plan, IReadOnlyList<(Guid ObjectiveId, GoalStatus Status)> ratings)
    {
        var objectives = ReviewedGoals(plan).SelectMany(ReviewedObjectives).ToDictionary(o => o.Id);
        var rated = new HashSet<Guid>();
        foreach (var (objectiveId, status) in ratings)
        {
            if (!objectives.ContainsKey(objectiveId) || !rated.Add(objectiveId))
            {
                throw new DomainRuleException(string.Empty, "A rated objective is not part of this plan, is discontinued, or is rated twice.");
            }

            if (!Enum.IsDefined(status))
            {
                throw new DomainRuleException(nameof(ReviewDetails.Objectives), "Choose one of the listed statuses for each objective.");
            }

            _ratings.Add(ReviewRating.ForObjective(Id, objectiveId, status));
        }

        if (objectives.Keys.Any(id => !rated.Contains(id)))
        {
            throw new DomainRuleException(nameof(ReviewDetails.Objectives), "Give every objective of the plan a status.");
        }
    }

    /// Every reviewed goal with an attainment scale gets exactly one level; goals without a scale get none.
    private List<(decimal Weight, GasLevel Level)> RateGoals(ServicePlan plan, IReadOnlyList<(Guid GoalId, GasLevel? Level)> ratings)
    {
        var goals = ReviewedGoals(plan).ToDictionary(g => g.Id);
        var rated = new HashSet<Guid>();
        var levelled = new HashSet<Guid>();
        var scored = new List<(decimal Weight, GasLevel Level)>();
        foreach (var (goalId, level) in ratings)
        {
            if (!goals.TryGetValue(goalId, out var goal) || !rated.Add(goalId))
            {
                throw new DomainRuleException(string.Empty, "A rated goal is not part of this plan, is discontinued, or is rated twice.");
            }

            if (level is null)
            {
                continue;
            }

            if (!Enum.IsDefined(level.Value))
            {
                throw new DomainRuleException(nameof(ReviewDetails.Goals), "Goal attainment levels run from −2 to +2.");
            }

            if (!goal.HasGasScale)
            {
                throw new DomainRuleException(nameof(ReviewDetails.Goals), "Only goals with an attainment scale get a level.");
            }

            _ratings.Add(ReviewRating.ForGoal(Id, goalId, level));
            levelled.Add(goalId);
            scored.Add((goal.GasWeight!.Value, level.Value));
        }

        if (goals.Values.Any(g => g.HasGasScale && !levelled.Contains(g.Id)))
        {
            throw new DomainRuleException(nameof(ReviewDetails.Goals), "Choose a level for every goal with an attainment scale.");
        }

        return scored;
    }
}

public sealed record ReviewDetails(
    ReviewType Type,
    ReviewTrigger? Trigger,
    DateOnly HeldOn,
    string Decisions,
    DateOnly NextDueOn,
    IReadOnlyList<(Guid ObjectiveId, GoalStatus Status)> Objectives,
    IReadOnlyList<(Guid GoalId, GasLevel? Level)> Goals);

/// One line of a review: an objective's status, or a goal's attainment level.
public sealed class ReviewRating : IAudited
{
    private ReviewRating()
    {
    }

    public Guid Id { get; private set; }
    public Guid ReviewId { get; private set; }
    public Guid? ObjectiveId { get; private set; }
    public Guid? GoalId { get; private set; }
    public GoalStatus? Status { get; private set; }
    public GasLevel? Level { get; private set; }

    internal static ReviewRating ForObjective(Guid reviewId, Guid objectiveId, GoalStatus status) =>
        new() { Id = Guid.CreateVersion7(), ReviewId = reviewId, ObjectiveId = objectiveId, Status = status };

    internal static ReviewRating ForGoal(Guid reviewId, Guid goalId, GasLevel? level) =>
        new() { Id = Guid.CreateVersion7(), ReviewId = reviewId, GoalId = goalId, Level = level };
}
