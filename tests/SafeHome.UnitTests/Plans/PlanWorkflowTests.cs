using SafeHome.Domain.Common;
using SafeHome.Domain.Plans;

namespace SafeHome.UnitTests.Plans;

/// DOMAIN.md §4/§6B: the ISP state machine, checked both on the table and through the plan's own methods.
public sealed class PlanWorkflowTests
{
    private const int YouthAge = 16;
    private static readonly DateOnly Today = new(2026, 6, 15);
    private static readonly DateTime NowUtc = new(2026, 6, 15, 14, 0, 0, DateTimeKind.Utc);
    private static readonly Guid ResidentId = Guid.NewGuid();

    /// Written out here from DOMAIN.md rather than read from PlanWorkflow, so a change to the table fails a test.
    private static readonly (PlanStatus From, PlanStatus To)[] Legal =
    [
        (PlanStatus.Draft, PlanStatus.InReviewWithYouth),
        (PlanStatus.InReviewWithYouth, PlanStatus.PendingSignatures),
        (PlanStatus.PendingSignatures, PlanStatus.PendingApproval),
        (PlanStatus.PendingApproval, PlanStatus.Active),
        (PlanStatus.PendingApproval, PlanStatus.ReturnedForRevision),
        (PlanStatus.ReturnedForRevision, PlanStatus.InReviewWithYouth),
        (PlanStatus.Active, PlanStatus.Superseded),
        (PlanStatus.Active, PlanStatus.Closed),
    ];

    public static TheoryData<PlanStatus, PlanStatus> LegalMoves() => [.. Legal];

    private static IEnumerable<(PlanStatus From, PlanStatus To)> Illegal =>
        from f in Enum.GetValues<PlanStatus>() from t in Enum.GetValues<PlanStatus>() where !Legal.Contains((f, t)) select (f, t);

    public static TheoryData<PlanStatus, PlanStatus> IllegalMoves() => [.. Illegal];

    /// Every illegal move to a status some method leads to (nothing leads back to DRAFT).
    public static TheoryData<PlanStatus, PlanStatus> IllegalMovesByMethod() => [.. Illegal.Where(m => m.To != PlanStatus.Draft)];

    [Theory]
    [MemberData(nameof(LegalMoves))]
    public void The_table_allows_every_legal_move(PlanStatus from, PlanStatus to) =>
        Assert.True(PlanWorkflow.CanMove(from, to));

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void The_table_refuses_every_other_move(PlanStatus from, PlanStatus to) =>
        Assert.False(PlanWorkflow.CanMove(from, to));

    [Fact]
    public void Next_steps_list_exactly_the_legal_moves_from_each_status()
    {
        foreach (var status in Enum.GetValues<PlanStatus>())
        {
            Assert.Equal(Legal.Where(m => m.From == status).Select(m => m.To).Order(), PlanWorkflow.NextFrom(status).Order());
        }
    }

    [Fact]
    public void Only_draft_in_review_and_returned_versions_are_editable()
    {
        var editable = Enum.GetValues<PlanStatus>().Where(PlanWorkflow.IsEditable);

        Assert.Equal([PlanStatus.Draft, PlanStatus.InReviewWithYouth, PlanStatus.ReturnedForRevision], editable.Order());
    }

    [Fact]
    public void The_test_builds_a_plan_in_every_status()
    {
        foreach (var status in Enum.GetValues<PlanStatus>())
        {
            Assert.Equal(status, PlanIn(status).Status);
        }
    }

    [Theory]
    [MemberData(nameof(LegalMoves))]
    public void Every_legal_move_works_through_the_plan(PlanStatus from, PlanStatus to)
    {
        var plan = PlanIn(from);
        PrepareFor(plan, to);

        Move(plan, to);

        Assert.Equal(to, plan.Status);
    }

    [Theory]
    [MemberData(nameof(IllegalMovesByMethod))]
    public void Every_illegal_move_is_refused_by_the_plan_and_changes_nothing(PlanStatus from, PlanStatus to)
    {
        var plan = PlanIn(from);
        var signatures = plan.Signatures.Count;

        Assert.Throws<DomainRuleException>(() => Move(plan, to));

        Assert.Equal(from, plan.Status);
        Assert.Equal(signatures, plan.Signatures.Count);
    }

    [Fact]
    public void Approving_a_revision_supersedes_the_active_version()
    {
        var active = PlanIn(PlanStatus.Active);
        var revision = active.Revise("counselor-1", NowUtc);
        Walk(revision, PlanStatus.PendingApproval);

        revision.Approve("director-1", active, Today, NowUtc);

        Assert.Equal(PlanStatus.Active, revision.Status);
        Assert.Equal(PlanStatus.Superseded, active.Status);
        Assert.Equal(active.Id, revision.PreviousVersionId);
        Assert.Equal(active.VersionNumber + 1, revision.VersionNumber);
        Assert.Equal("director-1", revision.ApprovedById);
        Assert.Equal(Today, revision.EffectiveOn);
    }

    [Fact]
    public void An_approval_that_names_a_version_not_in_force_is_refused_and_changes_neither()
    {
        var closed = PlanIn(PlanStatus.Closed);
        var pending = PlanIn(PlanStatus.PendingApproval);

        Assert.Throws<DomainRuleException>(() => pending.Approve("director-1", closed, Today, NowUtc));

        Assert.Equal(PlanStatus.PendingApproval, pending.Status);
        Assert.Equal(PlanStatus.Closed, closed.Status);
        Assert.Null(pending.ApprovedAtUtc);
    }

    [Fact]
    public void An_approval_cannot_supersede_another_residents_plan()
    {
        var others = ServicePlan.StartFirst(Guid.NewGuid(), "counselor-2", NowUtc);
        AddContent(others);
        Walk(others, PlanStatus.Active);
        var pending = PlanIn(PlanStatus.PendingApproval);

        Assert.Throws<DomainRuleException>(() => pending.Approve("director-1", others, Today, NowUtc));

        Assert.Equal(PlanStatus.Active, others.Status);
        Assert.Equal(PlanStatus.PendingApproval, pending.Status);
    }

    [Fact]
    public void A_return_needs_comments_and_voids_the_signatures_but_keeps_them()
    {
        var plan = PlanIn(PlanStatus.PendingApproval);

        var refused = Assert.Throws<DomainRuleException>(() => plan.Return("   ", NowUtc));
        Assert.Equal(nameof(ServicePlan.ReturnComments), refused.Field);
        Assert.Equal(PlanStatus.PendingApproval, plan.Status);

        plan.Return("Add a goal about family visits.", NowUtc);

        Assert.Equal(PlanStatus.ReturnedForRevision, plan.Status);
        Assert.Equal("Add a goal about family visits.", plan.ReturnComments);
        Assert.Equal(3, plan.Signatures.Count);
        Assert.All(plan.Signatures, s => Assert.Equal(NowUtc, s.VoidedAtUtc));
        Assert.Empty(plan.CurrentSignatures);
        Assert.Equal(3, plan.MissingSignatures().Count);
    }

    [Fact]
    public void A_youths_refusal_is_recorded_with_its_reason_and_counts_for_the_youth()
    {
        var plan = PlanIn(PlanStatus.PendingSignatures);

        var missingReason = Assert.Throws<DomainRuleException>(() =>
            plan.Sign(SignerRole.Youth, "Youth", null, SignatureMethod.ElectronicSignature, declined: true, declineReason: " ", NowUtc));
        Assert.Equal(nameof(PlanSignature.DeclineReason), missingReason.Field);
        Assert.Throws<DomainRuleException>(() =>
            plan.Sign(SignerRole.Guardian, "Guardian", null, SignatureMethod.ElectronicSignature, declined: true, declineReason: "No", NowUtc));
        Assert.Empty(plan.Signatures);

        var refusal = plan.Sign(SignerRole.Youth, "Youth", null, SignatureMethod.ElectronicSignature, declined: true, declineReason: "I don't agree with the school goal.", NowUtc);

        Assert.True(refusal.Declined);
        Assert.Equal("I don't agree with the school goal.", refusal.DeclineReason);
        Assert.DoesNotContain(plan.MissingSignatures(), m => m.Contains("youth", StringComparison.Ordinal));
    }

    [Fact]
    public void A_role_signs_a_version_once()
    {
        var plan = PlanIn(PlanStatus.PendingSignatures);
        plan.Sign(SignerRole.Counselor, "Counselor", "counselor-1", SignatureMethod.ElectronicSignature, false, null, NowUtc);

        var again = Assert.Throws<DomainRuleException>(() =>
            plan.Sign(SignerRole.Counselor, "Other Counselor", "counselor-2", SignatureMethod.ElectronicSignature, false, null, NowUtc));

        Assert.Equal(nameof(PlanSignature.Role), again.Field);
        Assert.Single(plan.Signatures);
    }

    [Fact]
    public void Signatures_wait_for_the_meeting_the_rights_acknowledgement_and_a_goal()
    {
        var noMeeting = ServicePlan.StartFirst(ResidentId, "counselor-1", NowUtc);
        AddContent(noMeeting);
        noMeeting.SendToYouth();
        Assert.Equal(nameof(ServicePlan.Meeting), Assert.Throws<DomainRuleException>(() => noMeeting.ReadyForSignatures(YouthAge)).Field);

        var noRights = ServicePlan.StartFirst(ResidentId, "counselor-1", NowUtc);
        AddContent(noRights);
        noRights.RecordMeeting(new MeetingDetails(Today, "Youth, counselor", MeetingModality.InPerson, null, null, null, RightsAcknowledged: false), Today, YouthAge);
        noRights.SendToYouth();
        Assert.Throws<DomainRuleException>(() => noRights.ReadyForSignatures(14));
        noRights.ReadyForSignatures(13);
        Assert.Equal(PlanStatus.PendingSignatures, noRights.Status);

        var noGoal = ServicePlan.StartFirst(ResidentId, "counselor-1", NowUtc);
        noGoal.RecordMeeting(new MeetingDetails(Today, "Youth, counselor", MeetingModality.InPerson, null, null, null, RightsAcknowledged: true), Today, YouthAge);
        noGoal.SendToYouth();
        Assert.Equal(nameof(ServicePlan.Goals), Assert.Throws<DomainRuleException>(() => noGoal.ReadyForSignatures(YouthAge)).Field);
        Assert.Equal(PlanStatus.InReviewWithYouth, noGoal.Status);
    }

    [Fact]
    public void An_active_version_refuses_every_content_change()
    {
        var plan = PlanIn(PlanStatus.Active);
        var goal = plan.Goals[0];

        Assert.Throws<DomainRuleException>(() => plan.UpdateOverview("Changed", StageOfChange.Action, null, null));
        Assert.Throws<DomainRuleException>(() => plan.AddStrength(StrengthSource.Youth, "Changed"));
        Assert.Throws<DomainRuleException>(() => plan.UpdateGoal(goal.Id, goal.Details with { YouthStatement = "Changed" }));
        Assert.Throws<DomainRuleException>(() => plan.RecordMeeting(new MeetingDetails(Today, "Changed", MeetingModality.Phone, null, null, null, true), Today, YouthAge));

        Assert.Equal("Go to school every day", plan.Goals[0].YouthStatement);
        Assert.Equal("Youth, counselor", plan.Meeting!.Attendees);
    }

    [Fact]
    public void Only_the_active_version_can_be_revised()
    {
        foreach (var status in Enum.GetValues<PlanStatus>().Where(s => s != PlanStatus.Active))
        {
            Assert.Throws<DomainRuleException>(() => PlanIn(status).Revise("counselor-1", NowUtc));
        }
    }

    private static ServicePlan PlanIn(PlanStatus status)
    {
        var plan = ServicePlan.StartFirst(ResidentId, "counselor-1", NowUtc);
        AddContent(plan);
        switch (status)
        {
            case PlanStatus.Superseded:
                Walk(plan, PlanStatus.Active);
                var revision = plan.Revise("counselor-1", NowUtc);
                Walk(revision, PlanStatus.PendingApproval);
                revision.Approve("director-1", plan, Today, NowUtc);
                break;
            case PlanStatus.Closed:
                Walk(plan, PlanStatus.Active);
                plan.Close(NowUtc);
                break;
            case PlanStatus.ReturnedForRevision:
                Walk(plan, PlanStatus.PendingApproval);
                plan.Return("Please add the family goal.", NowUtc);
                break;
            default:
                Walk(plan, status);
                break;
        }

        return plan;
    }

    /// Takes a draft (or a revision) along the main line of the workflow up to the given status.
    private static void Walk(ServicePlan plan, PlanStatus until)
    {
        PlanStatus[] line = [PlanStatus.Draft, PlanStatus.InReviewWithYouth, PlanStatus.PendingSignatures, PlanStatus.PendingApproval, PlanStatus.Active];
        foreach (var next in line.Skip(1).Take(Array.IndexOf(line, until)))
        {
            PrepareFor(plan, next);
            Move(plan, next);
        }
    }

    /// What the workflow needs before a move besides the status: the meeting before review, everyone's signature
    /// before approval.
    private static void PrepareFor(ServicePlan plan, PlanStatus next)
    {
        if (next == PlanStatus.InReviewWithYouth && plan.Meeting is null)
        {
            plan.RecordMeeting(new MeetingDetails(Today, "Youth, counselor", MeetingModality.InPerson, "I want art time.", null, null, RightsAcknowledged: true), Today, YouthAge);
        }

        if (next == PlanStatus.PendingApproval)
        {
            plan.Sign(SignerRole.Youth, "Youth", null, SignatureMethod.ElectronicSignature, false, null, NowUtc);
            plan.Sign(SignerRole.Counselor, "Counselor", "counselor-1", SignatureMethod.ElectronicSignature, false, null, NowUtc);
            plan.Sign(SignerRole.PlacingCaseworker, "Caseworker", null, SignatureMethod.WetSignatureScanned, false, null, NowUtc);
        }
    }

    /// The one method that asks for each status.
    private static void Move(ServicePlan plan, PlanStatus to)
    {
        switch (to)
        {
            case PlanStatus.InReviewWithYouth:
                plan.SendToYouth();
                break;
            case PlanStatus.PendingSignatures:
                plan.ReadyForSignatures(YouthAge);
                break;
            case PlanStatus.PendingApproval:
                plan.SubmitForApproval(Today);
                break;
            case PlanStatus.Active:
                plan.Approve("director-1", null, Today, NowUtc);
                break;
            case PlanStatus.ReturnedForRevision:
                plan.Return("Please revise.", NowUtc);
                break;
            case PlanStatus.Closed:
                plan.Close(NowUtc);
                break;
            case PlanStatus.Superseded:
                // A version is superseded only by the approval of another version of the same resident's plan.
                var next = ServicePlan.StartFirst(ResidentId, "counselor-1", NowUtc);
                AddContent(next);
                Walk(next, PlanStatus.PendingApproval);
                next.Approve("director-1", plan, Today, NowUtc);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(to), to, "No method moves a plan back to a draft.");
        }
    }

    private static void AddContent(ServicePlan plan)
    {
        var goal = plan.AddGoal(new GoalDetails(
            PlanDomain.Education, "Go to school every day", null, GoalPriority.High, Today.AddMonths(3), GoalStatus.InProgress, null, null, null, null, null, null));
        plan.AddObjective(goal.Id, new ObjectiveDetails("School days attended", MetricType.Percent, "40%", Today, "90%", Today.AddMonths(3), null, ResponsibleParty.Youth, null, GoalStatus.InProgress));
    }
}
