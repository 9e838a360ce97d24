using SafeHome.Domain.Common;

namespace SafeHome.Domain.Plans;

/// One version of a resident's individualized service plan. Content changes only while the version is editable
/// (<see cref="PlanWorkflow.IsEditable"/>); an approved version never changes again, and revising starts a new
/// draft version copied from it.
public sealed class ServicePlan : IVersioned, IAudited
{
    public static class MaxLength
    {
        public const int Vision = 2000;
        public const int Comments = 2000;
    }

    private readonly List<PlanStrength> _strengths = [];
    private readonly List<PlanGoal> _goals = [];
    private readonly List<PlanSignature> _signatures = [];

    private ServicePlan()
    {
    }

    public Guid Id { get; private set; }
    public Guid ResidentId { get; private set; }
    public int VersionNumber { get; private set; }
    public Guid? PreviousVersionId { get; private set; }
    public PlanStatus Status { get; private set; }
    public string? YouthVision { get; private set; }
    public StageOfChange StageOfChange { get; private set; }
    public DateOnly? EffectiveOn { get; private set; }
    public DateOnly? TargetOn { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public string? CreatedById { get; private set; }
    public DateOnly? SubmittedOn { get; private set; }
    public DateTime? ApprovedAtUtc { get; private set; }
    public string? ApprovedById { get; private set; }
    public string? ReturnComments { get; private set; }
    public DateTime? ReturnedAtUtc { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }
    public long Version { get; set; }

    public PlanningMeeting? Meeting { get; private set; }
    public IReadOnlyList<PlanStrength> Strengths => _strengths;
    public IReadOnlyList<PlanGoal> Goals => _goals;
    public IReadOnlyList<PlanSignature> Signatures => _signatures;

    public IEnumerable<PlanSignature> CurrentSignatures => _signatures.Where(s => s.IsCurrent);

    public bool IsEditable => PlanWorkflow.IsEditable(Status);

    /// <param name="versionNumber">1 for a new resident; after a readmission, the next number after the closed plans.</param>
    public static ServicePlan StartFirst(Guid residentId, string? userId, DateTime nowUtc, int versionNumber = 1) => new()
    {
        Id = Guid.CreateVersion7(),
        ResidentId = residentId,
        VersionNumber = versionNumber,
        Status = PlanStatus.Draft,
        CreatedAtUtc = nowUtc,
        CreatedById = userId,
    };

    /// A new DRAFT version carrying everything in this ACTIVE one, including discontinued items and their reasons.
    public ServicePlan Revise(string? userId, DateTime nowUtc)
    {
        if (Status != PlanStatus.Active)
        {
            throw new DomainRuleException(nameof(Status), "Only the active plan can be revised.");
        }

        var draft = new ServicePlan
        {
            Id = Guid.CreateVersion7(),
            ResidentId = ResidentId,
            VersionNumber = VersionNumber + 1,
            PreviousVersionId = Id,
            Status = PlanStatus.Draft,
            YouthVision = YouthVision,
            StageOfChange = StageOfChange,
            TargetOn = TargetOn,
            CreatedAtUtc = nowUtc,
            CreatedById = userId,
        };
        draft._strengths.AddRange(_strengths.Select(s => s.CopyTo(draft.Id)));
        draft._goals.AddRange(_goals.Select(g => g.CopyTo(draft.Id)));
        return draft;
    }

    public void UpdateOverview(string? youthVision, StageOfChange stage, DateOnly? effectiveOn, DateOnly? targetOn)
    {
        EnsureEditable();
        if (effectiveOn is { } from && targetOn is { } to && to < from)
        {
            throw new DomainRuleException(nameof(TargetOn), $"The target date must be on or after the effective date ({from:yyyy-MM-dd}).");
        }

        YouthVision = Text.CleanOrNull(youthVision);
        StageOfChange = stage;
        EffectiveOn = effectiveOn;
        TargetOn = targetOn;
    }

    public PlanStrength AddStrength(StrengthSource source, string text)
    {
        EnsureEditable();
        var strength = new PlanStrength(Id, source, text, NextOrder(_strengths.Select(s => s.SortOrder)));
        _strengths.Add(strength);
        return strength;
    }

    public void UpdateStrength(Guid strengthId, StrengthSource source, string text)
    {
        EnsureEditable();
        Find(_strengths, strengthId, s => s.Id).Update(source, text);
    }

    public void RemoveStrength(Guid strengthId)
    {
        EnsureEditable();
        _strengths.Remove(Find(_strengths, strengthId, s => s.Id));
    }

    public PlanGoal AddGoal(GoalDetails details)
    {
        EnsureEditable();
        var goal = new PlanGoal(Id, Guid.Empty, details, NextOrder(_goals.Select(g => g.SortOrder)));
        _goals.Add(goal);
        return goal;
    }

    public void UpdateGoal(Guid goalId, GoalDetails details)
    {
        EnsureEditable();
        FindGoal(goalId).Update(details);
    }

    public void DiscontinueGoal(Guid goalId, string reason)
    {
        EnsureEditable();
        FindGoal(goalId).Discontinue(reason);
    }

    // The plan is read with its goals grouped by domain, so "up" means past the previous goal of the same domain: the
    // goal swaps neighbours in the overall order until it has passed that one, and the goals between keep their order.
    public void MoveGoal(Guid goalId, int direction)
    {
        EnsureEditable();
        var goal = FindGoal(goalId);
        var siblings = _goals.Where(g => g.Domain == goal.Domain).OrderBy(g => g.SortOrder).ToList();
        var target = siblings.IndexOf(goal) + Math.Sign(direction);
        if (direction == 0 || target < 0 || target >= siblings.Count)
        {
            return;
        }

        var other = siblings[target];
        while (direction < 0 ? goal.SortOrder > other.SortOrder : goal.SortOrder < other.SortOrder)
        {
            Move(_goals, goal, direction, g => g.SortOrder, (g, o) => g.SortOrder = o);
        }
    }

    public PlanObjective AddObjective(Guid goalId, ObjectiveDetails details)
    {
        EnsureEditable();
        return FindGoal(goalId).AddObjective(details);
    }

    public void UpdateObjective(Guid objectiveId, ObjectiveDetails details)
    {
        EnsureEditable();
        FindObjective(objectiveId).Update(details);
    }

    public void DiscontinueObjective(Guid objectiveId, string reason)
    {
        EnsureEditable();
        FindObjective(objectiveId).Discontinue(reason);
    }

    public void MoveObjective(Guid objectiveId, int direction)
    {
        EnsureEditable();
        var objective = FindObjective(objectiveId);
        var goal = _goals.Single(g => g.Objectives.Contains(objective));
        Move(goal.Objectives, objective, direction, o => o.SortOrder, (o, order) => o.SortOrder = order);
    }

    public PlanIntervention AddIntervention(Guid objectiveId, InterventionDetails details)
    {
        EnsureEditable();
        return FindObjective(objectiveId).AddIntervention(details);
    }

    public void UpdateIntervention(Guid interventionId, InterventionDetails details)
    {
        EnsureEditable();
        FindIntervention(interventionId).Update(details);
    }

    public void DiscontinueIntervention(Guid interventionId, string reason)
    {
        EnsureEditable();
        FindIntervention(interventionId).Discontinue(reason);
    }

    public void MoveIntervention(Guid interventionId, int direction)
    {
        EnsureEditable();
        var intervention = FindIntervention(interventionId);
        var objective = AllObjectives.Single(o => o.Interventions.Contains(intervention));
        Move(objective.Interventions, intervention, direction, i => i.SortOrder, (i, order) => i.SortOrder = order);
    }

    public void RecordMeeting(MeetingDetails details, DateOnly today, int youthAge)
    {
        EnsureEditable();
        if (Meeting is null)
        {
            Meeting = new PlanningMeeting(Id, details, today, youthAge);
        }
        else
        {
            Meeting.Update(details, today, youthAge);
        }
    }

    public void SendToYouth() => MoveTo(PlanStatus.InReviewWithYouth);

    /// Signatures are collected on content that no longer changes, after the youth has had their meeting.
    public void ReadyForSignatures(int youthAge)
    {
        if (Meeting is null)
        {
            throw new DomainRuleException(nameof(Meeting), "Record the planning meeting before collecting signatures.");
        }

        if (youthAge >= 14 && !Meeting.RightsAcknowledged)
        {
            throw new DomainRuleException(nameof(Meeting), "A youth of 14 or over receives the list of their rights; record the acknowledgement at the planning meeting first.");
        }

        if (!_goals.Any(g => g.Status != GoalStatus.Discontinued))
        {
            throw new DomainRuleException(nameof(Goals), "Add at least one goal before collecting signatures.");
        }

        MoveTo(PlanStatus.PendingSignatures);
    }

    public PlanSignature Sign(SignerRole role, string signerName, string? userId, SignatureMethod method, bool declined, string? declineReason, DateTime nowUtc)
    {
        if (Status != PlanStatus.PendingSignatures)
        {
            throw new DomainRuleException(nameof(Status), "Signatures are collected only while the plan is waiting for signatures.");
        }

        if (CurrentSignatures.Any(s => s.Role == role))
        {
            throw new DomainRuleException(nameof(PlanSignature.Role), "This role has already signed this version.");
        }

        if (declined && role != SignerRole.Youth)
        {
            throw new DomainRuleException(nameof(PlanSignature.Declined), "Only the youth's refusal is recorded as a signature; other signers sign.");
        }

        var reason = Text.CleanOrNull(declineReason);
        if (declined && reason is null)
        {
            throw new DomainRuleException(nameof(PlanSignature.DeclineReason), "Record the reason the youth gave for not signing.");
        }

        var name = Rules.Required(signerName, nameof(PlanSignature.SignerName), "Enter the signer's name.");
        var signature = new PlanSignature(Id, role, name, userId, method, declined, declined ? reason : null, nowUtc);
        _signatures.Add(signature);
        return signature;
    }

    /// The youth (signature or recorded refusal), the counselor, and a guardian or placing caseworker.
    public IReadOnlyList<string> MissingSignatures()
    {
        var missing = new List<string>();
        var roles = CurrentSignatures.Select(s => s.Role).ToHashSet();
        if (!roles.Contains(SignerRole.Youth))
        {
            missing.Add("the youth (or their recorded refusal)");
        }

        if (!roles.Contains(SignerRole.Counselor))
        {
            missing.Add("the counselor");
        }

        if (!roles.Contains(SignerRole.Guardian) && !roles.Contains(SignerRole.PlacingCaseworker))
        {
            missing.Add("a parent, guardian or placing caseworker");
        }

        return missing;
    }

    public void SubmitForApproval(DateOnly today)
    {
        var missing = MissingSignatures();
        if (missing.Count > 0)
        {
            throw new DomainRuleException(nameof(Signatures), $"Still to sign: {string.Join("; ", missing)}.");
        }

        MoveTo(PlanStatus.PendingApproval);
        SubmittedOn = today;
    }

    /// Approval makes this version the active plan and supersedes the one it replaces.
    public void Approve(string directorId, ServicePlan? currentActive, DateOnly today, DateTime nowUtc)
    {
        // Both moves are checked before either is made, so a refusal leaves both versions as they were.
        var superseded = currentActive is not null && currentActive.Id != Id ? currentActive : null;
        if (superseded is not null && superseded.ResidentId != ResidentId)
        {
            throw new DomainRuleException(string.Empty, "Only a version of the same resident's plan can be superseded.");
        }

        if (superseded is not null && !PlanWorkflow.CanMove(superseded.Status, PlanStatus.Superseded))
        {
            throw new DomainRuleException(nameof(Status), $"Version {superseded.VersionNumber} is {Describe(superseded.Status)}, not the active plan, so it cannot be superseded.");
        }

        MoveTo(PlanStatus.Active);
        ApprovedById = directorId;
        ApprovedAtUtc = nowUtc;
        EffectiveOn ??= today;
        superseded?.MoveTo(PlanStatus.Superseded);
    }

    public void Return(string comments, DateTime nowUtc)
    {
        var text = Rules.Required(comments, nameof(ReturnComments), "Tell the counselor what to revise.");
        MoveTo(PlanStatus.ReturnedForRevision);
        ReturnComments = text;
        ReturnedAtUtc = nowUtc;
        foreach (var signature in CurrentSignatures.ToList())
        {
            signature.Void(nowUtc);
        }
    }

    public void Close(DateTime nowUtc)
    {
        MoveTo(PlanStatus.Closed);
        ClosedAtUtc = nowUtc;
    }

    public IEnumerable<PlanObjective> AllObjectives => _goals.SelectMany(g => g.Objectives);

    private void MoveTo(PlanStatus next)
    {
        if (!PlanWorkflow.CanMove(Status, next))
        {
            throw new DomainRuleException(nameof(Status), $"A plan that is {Describe(Status)} cannot become {Describe(next)}.");
        }

        Status = next;
    }

    private void EnsureEditable()
    {
        if (!IsEditable)
        {
            throw new DomainRuleException(string.Empty, $"This version is {Describe(Status)} and can no longer be changed. Revise the plan to start a new version.");
        }
    }

    private static string Describe(PlanStatus status) => status switch
    {
        PlanStatus.InReviewWithYouth => "in review with the youth",
        PlanStatus.PendingSignatures => "waiting for signatures",
        PlanStatus.PendingApproval => "waiting for approval",
        PlanStatus.ReturnedForRevision => "returned for revision",
        _ => status.ToString().ToLowerInvariant(),
    };

    private PlanGoal FindGoal(Guid id) => Find(_goals, id, g => g.Id);

    private PlanObjective FindObjective(Guid id) => Find(AllObjectives, id, o => o.Id);

    private PlanIntervention FindIntervention(Guid id) => Find(AllObjectives.SelectMany(o => o.Interventions), id, i => i.Id);

    private static T Find<T>(IEnumerable<T> items, Guid id, Func<T, Guid> key) =>
        items.FirstOrDefault(i => key(i) == id) ?? throw new DomainRuleException(string.Empty, "That item is not part of this plan version.");

    private static int NextOrder(IEnumerable<int> orders) => orders.DefaultIfEmpty(0).Max() + 1;

    private static void Move<T>(IReadOnlyList<T> siblings, T item, int direction, Func<T, int> order, Action<T, int> setOrder)
    {
        var sorted = siblings.OrderBy(order).ToList();
        var index = sorted.IndexOf(item);
        var target = index + Math.Sign(direction);
        if (target < 0 || target >= sorted.Count)
        {
            return;
        }

        var other = sorted[target];
        var mine = order(item);
        setOrder(item, order(other));
        setOrder(other, mine);
    }
}
