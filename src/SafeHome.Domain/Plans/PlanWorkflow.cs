namespace SafeHome.Domain.Plans;

/// The ISP state machine of DOMAIN.md §4/§6B. Every move a plan makes goes through <see cref="CanMove"/>.
public static class PlanWorkflow
{
    private static readonly Dictionary<PlanStatus, PlanStatus[]> Moves = new()
    {
        [PlanStatus.Draft] = [PlanStatus.InReviewWithYouth],
        [PlanStatus.InReviewWithYouth] = [PlanStatus.PendingSignatures],
        [PlanStatus.PendingSignatures] = [PlanStatus.PendingApproval],
        [PlanStatus.PendingApproval] = [PlanStatus.Active, PlanStatus.ReturnedForRevision],
        [PlanStatus.ReturnedForRevision] = [PlanStatus.InReviewWithYouth],
        [PlanStatus.Active] = [PlanStatus.Superseded, PlanStatus.Closed],
        [PlanStatus.Superseded] = [],
        [PlanStatus.Closed] = [],
    };

    public static bool CanMove(PlanStatus from, PlanStatus to) => Moves[from].Contains(to);

    public static IReadOnlyList<PlanStatus> NextFrom(PlanStatus from) => Moves[from];

    /// Content can change only before signatures are collected, or after a director returned the plan.
    public static bool IsEditable(PlanStatus status) =>
        status is PlanStatus.Draft or PlanStatus.InReviewWithYouth or PlanStatus.ReturnedForRevision;
}
