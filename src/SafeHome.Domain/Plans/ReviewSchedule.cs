namespace SafeHome.Domain.Plans;

/// DOMAIN.md §9 ISP cadence: an ACTIVE plan within 30 days of admission, then reviews every 90 days (both
/// configurable), and reviews due within the look-ahead window are flagged early.
public sealed record ReviewSchedule(int FirstPlanWithinDays = 30, int ReviewEveryDays = 90, int DueSoonWithinDays = 14)
{
    public DateOnly FirstPlanDueOn(DateOnly admittedOn) => admittedOn.AddDays(FirstPlanWithinDays);

    public DateOnly NextReviewDueOn(DateOnly effectiveOn, DateOnly? lastReviewNextDueOn) =>
        lastReviewNextDueOn ?? effectiveOn.AddDays(ReviewEveryDays);

    /// What is due for one resident in care, as of <paramref name="today"/>.
    public IEnumerable<DueItem> DueFor(ResidentPlanState state, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.ActivePlanId is null)
        {
            var due = FirstPlanDueOn(state.AdmittedOn);
            if (today > due)
            {
                yield return new DueItem(DueKind.PlanMissing, state.ResidentId, state.ResidentId, due);
            }
        }
        else
        {
            var due = NextReviewDueOn(state.ActivePlanEffectiveOn!.Value, state.LastReviewNextDueOn);
            if (today > due)
            {
                yield return new DueItem(DueKind.ReviewOverdue, state.ResidentId, state.ActivePlanId.Value, due);
            }
            else if (due <= today.AddDays(DueSoonWithinDays))
            {
                yield return new DueItem(DueKind.ReviewDueSoon, state.ResidentId, state.ActivePlanId.Value, due);
            }
        }

        foreach (var (planId, submittedOn) in state.PlansAwaitingApproval)
        {
            yield return new DueItem(DueKind.AwaitingApproval, state.ResidentId, planId, submittedOn);
        }
    }
}

public enum DueKind
{
    PlanMissing,
    ReviewOverdue,
    ReviewDueSoon,
    AwaitingApproval,
}

/// <param name="SubjectId">The resident (missing plan) or the plan the item is about.</param>
public sealed record DueItem(DueKind Kind, Guid ResidentId, Guid SubjectId, DateOnly DueOn);

public sealed record ResidentPlanState(
    Guid ResidentId,
    DateOnly AdmittedOn,
    Guid? ActivePlanId,
    DateOnly? ActivePlanEffectiveOn,
    DateOnly? LastReviewNextDueOn,
    IReadOnlyList<(Guid PlanId, DateOnly SubmittedOn)> PlansAwaitingApproval);

/// An alert raised by the daily job; (Kind, SubjectId, DueOn) is unique, so running the job twice raises nothing new.
public sealed class PlanAlert
{
    private PlanAlert()
    {
    }

    public PlanAlert(DueItem item, DateTime raisedAtUtc)
    {
        ArgumentNullException.ThrowIfNull(item);
        Id = Guid.CreateVersion7();
        Kind = item.Kind;
        ResidentId = item.ResidentId;
        SubjectId = item.SubjectId;
        DueOn = item.DueOn;
        RaisedAtUtc = raisedAtUtc;
    }

    public Guid Id { get; private set; }
    public DueKind Kind { get; private set; }
    public Guid ResidentId { get; private set; }
    public Guid SubjectId { get; private set; }
    public DateOnly DueOn { get; private set; }
    public DateTime RaisedAtUtc { get; private set; }
}
