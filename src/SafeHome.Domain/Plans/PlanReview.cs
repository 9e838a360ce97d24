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

        if (details.HeldOn > today)
        {
            throw new DomainRuleException(nameof(HeldOn), "The review date cannot be in the future.");
        }

        if (details.NextDueOn <= details.HeldOn)
        {
            throw new DomainRuleException(nameof(NextDueOn), "The next review must be due after this one is held.");
        }

        if (details.Type == ReviewType.Triggered && details.Trigger is null)
        {
            throw new DomainRuleException(nameof(Trigger), "Say what triggered this review.");
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

        var objectives = plan.AllObjectives.ToDictionary(o => o.Id);
        var goals = plan.Goals.ToDictionary(g => g.Id);
        foreach (var rating in details.Objectives)
        {
            if (!objectives.ContainsKey(rating.ObjectiveId))
            {
                throw new DomainRuleException(string.Empty, "A rated objective is not part of this plan.");
            }

            review._ratings.Add(ReviewRating.ForObjective(review.Id, rating.ObjectiveId, rating.Status));
        }

        foreach (var rating in details.Goals)
        {
            if (!goals.TryGetValue(rating.GoalId, out var goal))
            {
                throw new DomainRuleException(string.Empty, "A rated goal is not part of this plan.");
            }

            if (rating.Level is { } level && !Enum.IsDefined(level))
            {
                throw new DomainRuleException(string.Empty, "Goal attainment levels run from −2 to +2.");
            }

            if (rating.Level is not null && !goal.HasGasScale)
            {
                throw new DomainRuleException(string.Empty, "Only goals with an attainment scale get a level.");
            }

            review._ratings.Add(ReviewRating.ForGoal(review.Id, rating.GoalId, rating.Level));
        }

        review.TScore = GoalAttainment.TScore(
            details.Goals.Where(r => r.Level is not null).Select(r => ((decimal)goals[r.GoalId].GasWeight!.Value, r.Level!.Value)));
        return review;
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
