using SafeHome.Domain.Common;
using SafeHome.Domain.Plans;

namespace SafeHome.UnitTests.Plans;

/// The content rules of a plan version (ServicePlan and PlanItems): adding, editing, ordering and discontinuing
/// strengths, goals, objectives and interventions, the goal attainment scale, dates, and the lock on versions that
/// are no longer editable.
public sealed class PlanContentTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);
    private static readonly DateTime NowUtc = new(2026, 6, 15, 14, 0, 0, DateTimeKind.Utc);

    private static ServicePlan Draft() => ServicePlan.StartFirst(Guid.NewGuid(), "counselor-1", NowUtc);

    private static GoalDetails Goal(
        string statement = "Go to school every day",
        PlanDomain domain = PlanDomain.Education,
        GoalStatus status = GoalStatus.InProgress,
        int? weight = 2,
        string? muchLess = "Misses most days",
        string? less = "Misses some days",
        string? expected = "Attends 90%",
        string? more = "Attends 95%",
        string? muchMore = "Attends every day") =>
        new(domain, statement, "Attend 90% of school days", GoalPriority.High, Today.AddMonths(3), status, weight, muchLess, less, expected, more, muchMore);

    private static GoalDetails Unscaled(string statement, PlanDomain domain = PlanDomain.Education) =>
        Goal(statement, domain, weight: null, muchLess: null, less: null, expected: null, more: null, muchMore: null);

    private static ObjectiveDetails Objective(string criterion = "School days attended", DateOnly? baselineOn = null, DateOnly? targetOn = null, GoalStatus status = GoalStatus.InProgress) =>
        new(criterion, MetricType.Percent, "40%", baselineOn, "90%", targetOn, "Attendance record", ResponsibleParty.Youth, null, status);

    private static InterventionDetails Intervention(string type = "Tutoring", DateOnly? startOn = null, DateOnly? endOn = null) =>
        new(type, "Peer tutoring", "Twice a week", "Invented Learning Center", "Counselor", startOn, endOn);

    /// A plan walked through the real workflow to the given state, with one goal, objective and intervention.
    private static (ServicePlan Plan, PlanGoal Goal, PlanObjective Objective, PlanIntervention Intervention) InState(PlanStatus state)
    {
        var plan = Draft();
        var goal = plan.AddGoal(Goal());
        var objective = plan.AddObjective(goal.Id, Objective());
        var intervention = plan.AddIntervention(objective.Id, Intervention());
        plan.AddStrength(StrengthSource.Youth, "Loves drawing");
        if (state != PlanStatus.Draft)
        {
            plan.RecordMeeting(new MeetingDetails(Today, "Youth, counselor", MeetingModality.InPerson, null, null, null, RightsAcknowledged: true), Today, 16);
            plan.SendToYouth();
        }

        if (state is PlanStatus.PendingSignatures or PlanStatus.PendingApproval or PlanStatus.Active)
        {
            plan.ReadyForSignatures(16);
        }

        if (state is PlanStatus.PendingApproval or PlanStatus.Active)
        {
            plan.Sign(SignerRole.Youth, "Youth", null, SignatureMethod.ElectronicSignature, false, null, NowUtc);
            plan.Sign(SignerRole.Counselor, "Counselor", "counselor-1", SignatureMethod.ElectronicSignature, false, null, NowUtc);
            plan.Sign(SignerRole.Guardian, "Guardian", null, SignatureMethod.WetSignatureScanned, false, null, NowUtc);
            plan.SubmitForApproval(Today);
        }

        if (state == PlanStatus.Active)
        {
            plan.Approve("director-1", null, Today, NowUtc);
        }

        Assert.Equal(state, plan.Status);
        return (plan, goal, objective, intervention);
    }

    [Fact]
    public void Goals_objectives_and_interventions_are_added_in_order_with_their_details()
    {
        var plan = Draft();

        var first = plan.AddGoal(Goal("  Go to school every day  "));
        var second = plan.AddGoal(Unscaled("Sleep through the night", PlanDomain.PhysicalHealth));
        var objective = plan.AddObjective(first.Id, Objective(baselineOn: Today.AddDays(-7), targetOn: Today.AddMonths(3)));
        var otherObjective = plan.AddObjective(first.Id, Objective("Homework handed in"));
        var intervention = plan.AddIntervention(objective.Id, Intervention(startOn: Today, endOn: Today.AddMonths(3)));

        Assert.Equal([first, second], plan.Goals);
        Assert.Equal([1, 2], plan.Goals.Select(g => g.SortOrder));
        Assert.Equal("Go to school every day", first.YouthStatement);
        Assert.Equal(first.Id, first.LineageId);
        Assert.Equal(plan.Id, first.PlanId);
        Assert.True(first.HasGasScale);
        Assert.Equal(2, first.GasWeight);
        Assert.Equal("Attends 95%", first.GasDescriptor(GasLevel.More));
        Assert.False(second.HasGasScale);
        Assert.Equal([objective, otherObjective], first.Objectives);
        Assert.Equal([1, 2], first.Objectives.Select(o => o.SortOrder));
        Assert.Equal(first.Id, objective.GoalId);
        Assert.Equal(Today.AddDays(-7), objective.BaselineOn);
        Assert.Equal(Today.AddMonths(3), objective.TargetOn);
        Assert.Equal([intervention], objective.Interventions);
        Assert.Equal(objective.Id, intervention.ObjectiveId);
        Assert.Equal(Today.AddMonths(3), intervention.EndOn);
        Assert.False(intervention.IsDiscontinued);
    }

    [Fact]
    public void Editing_a_goal_replaces_its_details_and_keeps_its_place_and_lineage()
    {
        var plan = Draft();
        var goal = plan.AddGoal(Goal());
        plan.AddGoal(Unscaled("Another"));

        plan.UpdateGoal(goal.Id, Goal("Finish the school year", PlanDomain.Education, GoalStatus.Achieved, weight: 3, expected: "Passes every class"));

        Assert.Equal("Finish the school year", goal.YouthStatement);
        Assert.Equal(GoalStatus.Achieved, goal.Status);
        Assert.Equal(3, goal.GasWeight);
        Assert.Equal("Passes every class", goal.GasExpected);
        Assert.Equal(1, goal.SortOrder);
        Assert.Equal(goal.Id, goal.LineageId);
    }

    [Fact]
    public void Moving_a_goal_swaps_it_with_its_neighbour_and_does_nothing_at_either_end()
    {
        var plan = Draft();
        var a = plan.AddGoal(Unscaled("A"));
        var b = plan.AddGoal(Unscaled("B"));
        var c = plan.AddGoal(Unscaled("C"));

        plan.MoveGoal(c.Id, -1);
        Assert.Equal(["A", "C", "B"], plan.Goals.OrderBy(g => g.SortOrder).Select(g => g.YouthStatement));

        plan.MoveGoal(a.Id, 1);
        Assert.Equal(["C", "A", "B"], plan.Goals.OrderBy(g => g.SortOrder).Select(g => g.YouthStatement));

        plan.MoveGoal(c.Id, -1);
        plan.MoveGoal(b.Id, 1);
        Assert.Equal(["C", "A", "B"], plan.Goals.OrderBy(g => g.SortOrder).Select(g => g.YouthStatement));
        Assert.Equal([1, 2, 3], plan.Goals.OrderBy(g => g.SortOrder).Select(g => g.SortOrder));
    }

    [Fact]
    public void A_goal_moves_past_the_neighbour_of_its_own_domain_and_the_goals_between_keep_their_order()
    {
        var plan = Draft();
        var school = plan.AddGoal(Unscaled("School"));
        plan.AddGoal(Unscaled("Therapy", PlanDomain.MentalHealth));
        plan.AddGoal(Unscaled("Sleep", PlanDomain.PhysicalHealth));
        var reading = plan.AddGoal(Unscaled("Reading"));

        plan.MoveGoal(reading.Id, -1);
        Assert.Equal(["Reading", "School", "Therapy", "Sleep"], plan.Goals.OrderBy(g => g.SortOrder).Select(g => g.YouthStatement));

        plan.MoveGoal(reading.Id, -1);
        Assert.Equal(["Reading", "School", "Therapy", "Sleep"], plan.Goals.OrderBy(g => g.SortOrder).Select(g => g.YouthStatement));

        plan.MoveGoal(reading.Id, 1);
        Assert.Equal(["School", "Reading", "Therapy", "Sleep"], plan.Goals.OrderBy(g => g.SortOrder).Select(g => g.YouthStatement));
        Assert.Equal([1, 2, 3, 4], plan.Goals.OrderBy(g => g.SortOrder).Select(g => g.SortOrder));
        Assert.Equal(1, school.SortOrder);
    }

    [Fact]
    public void Objectives_and_interventions_move_only_among_their_siblings()
    {
        var plan = Draft();
        var school = plan.AddGoal(Unscaled("School"));
        var sleep = plan.AddGoal(Unscaled("Sleep"));
        var attendance = plan.AddObjective(school.Id, Objective("Attendance"));
        var homework = plan.AddObjective(school.Id, Objective("Homework"));
        var nights = plan.AddObjective(sleep.Id, Objective("Nights"));
        var tutoring = plan.AddIntervention(attendance.Id, Intervention("Tutoring"));
        var rides = plan.AddIntervention(attendance.Id, Intervention("Rides to school"));

        plan.MoveObjective(homework.Id, -1);
        plan.MoveObjective(nights.Id, -1);
        plan.MoveIntervention(tutoring.Id, 1);

        Assert.Equal(["Homework", "Attendance"], school.Objectives.OrderBy(o => o.SortOrder).Select(o => o.Criterion));
        Assert.Equal(1, nights.SortOrder);
        Assert.Equal(["Rides to school", "Tutoring"], attendance.Interventions.OrderBy(i => i.SortOrder).Select(i => i.Type));
        Assert.Equal(rides.Id, attendance.Interventions.OrderBy(i => i.SortOrder).First().Id);
    }

    [Fact]
    public void A_discontinued_goal_stays_in_the_plan_with_its_reason_and_its_objectives()
    {
        var plan = Draft();
        var goal = plan.AddGoal(Goal());
        var objective = plan.AddObjective(goal.Id, Objective());

        plan.DiscontinueGoal(goal.Id, "  The youth chose a different school plan  ");

        Assert.Equal([goal], plan.Goals);
        Assert.Equal(GoalStatus.Discontinued, goal.Status);
        Assert.Equal("The youth chose a different school plan", goal.DiscontinuedReason);
        Assert.Equal([objective], goal.Objectives);
        Assert.Equal("Go to school every day", goal.YouthStatement);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u00A0\u2003")]
    public void Discontinuing_without_a_reason_is_refused_and_changes_nothing(string reason)
    {
        var (plan, goal, objective, intervention) = InState(PlanStatus.Draft);

        Assert.Equal("DiscontinuedReason", Assert.Throws<DomainRuleException>(() => plan.DiscontinueGoal(goal.Id, reason)).Field);
        Assert.Equal("DiscontinuedReason", Assert.Throws<DomainRuleException>(() => plan.DiscontinueObjective(objective.Id, reason)).Field);
        Assert.Equal("DiscontinuedReason", Assert.Throws<DomainRuleException>(() => plan.DiscontinueIntervention(intervention.Id, reason)).Field);

        Assert.Equal(GoalStatus.InProgress, goal.Status);
        Assert.Null(goal.DiscontinuedReason);
        Assert.Equal(GoalStatus.InProgress, objective.Status);
        Assert.Null(objective.DiscontinuedReason);
        Assert.False(intervention.IsDiscontinued);
    }

    [Fact]
    public void A_discontinued_item_keeps_its_content_and_first_reason()
    {
        var (plan, goal, objective, intervention) = InState(PlanStatus.Draft);
        plan.DiscontinueIntervention(intervention.Id, "Tutor left");
        plan.DiscontinueObjective(objective.Id, "Measured another way");
        plan.DiscontinueGoal(goal.Id, "Goal met another way");

        Assert.Throws<DomainRuleException>(() => plan.UpdateGoal(goal.Id, Goal("Rewritten")));
        Assert.Throws<DomainRuleException>(() => plan.UpdateObjective(objective.Id, Objective("Rewritten")));
        Assert.Throws<DomainRuleException>(() => plan.UpdateIntervention(intervention.Id, Intervention("Rewritten")));
        Assert.Throws<DomainRuleException>(() => plan.DiscontinueGoal(goal.Id, "Second reason"));
        Assert.Throws<DomainRuleException>(() => plan.DiscontinueObjective(objective.Id, "Second reason"));
        Assert.Throws<DomainRuleException>(() => plan.DiscontinueIntervention(intervention.Id, "Second reason"));

        Assert.Equal("Go to school every day", goal.YouthStatement);
        Assert.Equal("Goal met another way", goal.DiscontinuedReason);
        Assert.Equal("School days attended", objective.Criterion);
        Assert.Equal("Measured another way", objective.DiscontinuedReason);
        Assert.Equal("Tutoring", intervention.Type);
        Assert.Equal("Tutor left", intervention.DiscontinuedReason);
    }

    [Fact]
    public void Nothing_is_added_under_a_discontinued_goal_or_objective()
    {
        var (plan, goal, objective, _) = InState(PlanStatus.Draft);
        var other = plan.AddObjective(goal.Id, Objective("Second"));
        plan.DiscontinueObjective(objective.Id, "Dropped");

        Assert.Throws<DomainRuleException>(() => plan.AddIntervention(objective.Id, Intervention("Late")));
        plan.DiscontinueGoal(goal.Id, "Dropped");
        Assert.Throws<DomainRuleException>(() => plan.AddObjective(goal.Id, Objective("Late")));

        Assert.Single(objective.Interventions);
        Assert.Equal([objective, other], goal.Objectives);
    }

    [Fact]
    public void Setting_the_discontinued_status_by_editing_is_refused_so_a_reason_is_always_asked_for()
    {
        var (plan, goal, objective, _) = InState(PlanStatus.Draft);

        var goalError = Assert.Throws<DomainRuleException>(() => plan.UpdateGoal(goal.Id, Goal(status: GoalStatus.Discontinued)));
        var objectiveError = Assert.Throws<DomainRuleException>(() => plan.UpdateObjective(objective.Id, Objective(status: GoalStatus.Discontinued)));

        Assert.Equal(nameof(PlanGoal.Status), goalError.Field);
        Assert.Equal(nameof(PlanObjective.Status), objectiveError.Field);
        Assert.Equal(GoalStatus.InProgress, goal.Status);
        Assert.Equal(GoalStatus.InProgress, objective.Status);
        Assert.Throws<DomainRuleException>(() => plan.AddGoal(Goal(status: GoalStatus.Discontinued)));
        Assert.Single(plan.Goals);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void A_scale_weight_outside_1_to_9_is_refused(int weight)
    {
        var plan = Draft();

        var error = Assert.Throws<DomainRuleException>(() => plan.AddGoal(Goal(weight: weight)));

        Assert.Equal(nameof(PlanGoal.GasWeight), error.Field);
        Assert.Empty(plan.Goals);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    public void The_scale_weights_at_the_ends_are_accepted(int weight)
    {
        var plan = Draft();

        var goal = plan.AddGoal(Goal(weight: weight));

        Assert.Equal(weight, goal.GasWeight);
    }

    [Theory]
    [InlineData(nameof(PlanGoal.GasMuchLess))]
    [InlineData(nameof(PlanGoal.GasLess))]
    [InlineData(nameof(PlanGoal.GasExpected))]
    [InlineData(nameof(PlanGoal.GasMore))]
    [InlineData(nameof(PlanGoal.GasMuchMore))]
    public void A_scale_missing_one_description_is_refused_next_to_that_level(string missing)
    {
        var plan = Draft();
        var goal = plan.AddGoal(Goal());
        var details = Goal(
            "Changed",
            weight: 4,
            muchLess: missing == nameof(PlanGoal.GasMuchLess) ? " " : "a",
            less: missing == nameof(PlanGoal.GasLess) ? null : "b",
            expected: missing == nameof(PlanGoal.GasExpected) ? "" : "c",
            more: missing == nameof(PlanGoal.GasMore) ? null : "d",
            muchMore: missing == nameof(PlanGoal.GasMuchMore) ? "\u2003" : "e");

        var error = Assert.Throws<DomainRuleException>(() => plan.UpdateGoal(goal.Id, details));

        Assert.Equal(missing, error.Field);
        Assert.Equal("Go to school every day", goal.YouthStatement);
        Assert.Equal(2, goal.GasWeight);
        Assert.Equal("Attends 90%", goal.GasExpected);
    }

    [Fact]
    public void Descriptions_without_a_weight_are_refused_instead_of_being_dropped()
    {
        var plan = Draft();

        var error = Assert.Throws<DomainRuleException>(() => plan.AddGoal(Goal(weight: null, muchLess: null, less: null, more: null, muchMore: null)));

        Assert.Equal(nameof(PlanGoal.GasWeight), error.Field);
        Assert.Empty(plan.Goals);
    }

    [Fact]
    public void Clearing_the_weight_and_the_descriptions_removes_the_scale()
    {
        var plan = Draft();
        var goal = plan.AddGoal(Goal());

        plan.UpdateGoal(goal.Id, Unscaled("Go to school every day"));

        Assert.False(goal.HasGasScale);
        Assert.Null(goal.GasWeight);
        Assert.All([goal.GasMuchLess, goal.GasLess, goal.GasExpected, goal.GasMore, goal.GasMuchMore], Assert.Null);
    }

    [Fact]
    public void An_objective_target_date_before_its_baseline_date_is_refused_and_the_objective_is_unchanged()
    {
        var (plan, _, objective, _) = InState(PlanStatus.Draft);

        var error = Assert.Throws<DomainRuleException>(() =>
            plan.UpdateObjective(objective.Id, Objective("Changed criterion", baselineOn: Today, targetOn: Today.AddDays(-1))));

        Assert.Equal(nameof(PlanObjective.TargetOn), error.Field);
        Assert.Equal("School days attended", objective.Criterion);
        Assert.Null(objective.TargetOn);
    }

    [Fact]
    public void An_objective_target_on_its_baseline_day_is_accepted()
    {
        var (plan, _, objective, _) = InState(PlanStatus.Draft);

        plan.UpdateObjective(objective.Id, Objective(baselineOn: Today, targetOn: Today));

        Assert.Equal(Today, objective.TargetOn);
    }

    [Fact]
    public void An_intervention_ending_before_it_starts_is_refused_and_the_intervention_is_unchanged()
    {
        var (plan, _, _, intervention) = InState(PlanStatus.Draft);

        var error = Assert.Throws<DomainRuleException>(() =>
            plan.UpdateIntervention(intervention.Id, Intervention("Changed", startOn: Today, endOn: Today.AddDays(-1))));

        Assert.Equal(nameof(PlanIntervention.EndOn), error.Field);
        Assert.Equal("Tutoring", intervention.Type);
        Assert.Null(intervention.EndOn);
    }

    [Fact]
    public void A_goal_without_the_youths_words_is_refused_and_the_goal_is_unchanged()
    {
        var plan = Draft();
        var goal = plan.AddGoal(Goal());

        var error = Assert.Throws<DomainRuleException>(() => plan.UpdateGoal(goal.Id, Goal("  ", PlanDomain.Safety)));

        Assert.Equal(nameof(PlanGoal.YouthStatement), error.Field);
        Assert.Equal(PlanDomain.Education, goal.Domain);
    }

    [Fact]
    public void The_overview_target_date_must_not_be_before_the_effective_date()
    {
        var plan = Draft();
        plan.UpdateOverview("I want to feel safe.", StageOfChange.Preparation, Today, Today.AddMonths(6));

        var error = Assert.Throws<DomainRuleException>(() => plan.UpdateOverview("Changed", StageOfChange.Action, Today, Today.AddDays(-1)));

        Assert.Equal(nameof(ServicePlan.TargetOn), error.Field);
        Assert.Equal("I want to feel safe.", plan.YouthVision);
        Assert.Equal(Today.AddMonths(6), plan.TargetOn);
    }

    [Fact]
    public void Strengths_are_added_edited_and_removed_from_a_draft()
    {
        var plan = Draft();
        var drawing = plan.AddStrength(StrengthSource.Youth, " Loves drawing ");
        var aunt = plan.AddStrength(StrengthSource.Family, "Aunt visits weekly");

        plan.UpdateStrength(drawing.Id, StrengthSource.Community, "Art club member");
        plan.RemoveStrength(aunt.Id);

        var kept = Assert.Single(plan.Strengths);
        Assert.Equal(StrengthSource.Community, kept.Source);
        Assert.Equal("Art club member", kept.Text);
        Assert.Equal(nameof(PlanStrength.Text), Assert.Throws<DomainRuleException>(() => plan.AddStrength(StrengthSource.Youth, " ")).Field);
    }

    [Fact]
    public void An_item_that_is_not_part_of_this_version_is_refused()
    {
        var (plan, _, _, _) = InState(PlanStatus.Draft);
        var (other, otherGoal, otherObjective, otherIntervention) = InState(PlanStatus.Draft);

        Assert.Throws<DomainRuleException>(() => plan.UpdateGoal(otherGoal.Id, Goal()));
        Assert.Throws<DomainRuleException>(() => plan.AddObjective(otherGoal.Id, Objective()));
        Assert.Throws<DomainRuleException>(() => plan.MoveObjective(otherObjective.Id, 1));
        Assert.Throws<DomainRuleException>(() => plan.DiscontinueIntervention(otherIntervention.Id, "Not mine"));
        Assert.Throws<DomainRuleException>(() => plan.RemoveStrength(other.Strengths[0].Id));
        Assert.False(otherIntervention.IsDiscontinued);
    }

    public static TheoryData<PlanStatus> LockedStates() =>
        [PlanStatus.PendingSignatures, PlanStatus.PendingApproval, PlanStatus.Active];

    [Theory]
    [MemberData(nameof(LockedStates))]
    public void A_version_that_is_no_longer_editable_refuses_every_content_change(PlanStatus state)
    {
        var (plan, goal, objective, intervention) = InState(state);
        var strength = plan.Strengths[0];
        Action[] changes =
        [
            () => plan.UpdateOverview("Changed", StageOfChange.Action, null, null),
            () => plan.AddStrength(StrengthSource.Youth, "New"),
            () => plan.UpdateStrength(strength.Id, StrengthSource.Family, "Changed"),
            () => plan.RemoveStrength(strength.Id),
            () => plan.AddGoal(Goal("New")),
            () => plan.UpdateGoal(goal.Id, Goal("Changed")),
            () => plan.DiscontinueGoal(goal.Id, "Reason"),
            () => plan.MoveGoal(goal.Id, 1),
            () => plan.MoveGoal(goal.Id, 0),
            () => plan.AddObjective(goal.Id, Objective("New")),
            () => plan.UpdateObjective(objective.Id, Objective("Changed")),
            () => plan.DiscontinueObjective(objective.Id, "Reason"),
            () => plan.MoveObjective(objective.Id, -1),
            () => plan.AddIntervention(objective.Id, Intervention("New")),
            () => plan.UpdateIntervention(intervention.Id, Intervention("Changed")),
            () => plan.DiscontinueIntervention(intervention.Id, "Reason"),
            () => plan.MoveIntervention(intervention.Id, 1),
        ];

        foreach (var change in changes)
        {
            var error = Assert.Throws<DomainRuleException>(change);
            Assert.Equal(string.Empty, error.Field);
            Assert.Contains("Revise the plan", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal("Go to school every day", goal.YouthStatement);
        Assert.Equal(GoalStatus.InProgress, goal.Status);
        Assert.Single(plan.Goals);
        Assert.Single(goal.Objectives);
        Assert.Single(objective.Interventions);
        Assert.Equal("Loves drawing", Assert.Single(plan.Strengths).Text);
        Assert.Equal("School days attended", objective.Criterion);
        Assert.Equal("Tutoring", intervention.Type);
        Assert.False(intervention.IsDiscontinued);
    }

    [Theory]
    [InlineData(PlanStatus.Draft)]
    [InlineData(PlanStatus.InReviewWithYouth)]
    public void Draft_and_in_review_versions_accept_content_changes(PlanStatus state)
    {
        var (plan, goal, _, _) = InState(state);

        plan.UpdateGoal(goal.Id, Goal("Changed with the youth"));

        Assert.True(plan.IsEditable);
        Assert.Equal("Changed with the youth", goal.YouthStatement);
    }

    [Fact]
    public void A_revision_carries_discontinued_items_with_their_reasons_and_lineage()
    {
        var plan = Draft();
        var goal = plan.AddGoal(Goal());
        var kept = plan.AddGoal(Unscaled("Sleep through the night", PlanDomain.PhysicalHealth));
        var objective = plan.AddObjective(goal.Id, Objective());
        var intervention = plan.AddIntervention(objective.Id, Intervention());
        plan.AddObjective(kept.Id, Objective("Nights slept through"));
        plan.DiscontinueIntervention(intervention.Id, "Tutor left");
        plan.DiscontinueObjective(objective.Id, "Measured another way");
        plan.DiscontinueGoal(goal.Id, "Goal met another way");
        plan.RecordMeeting(new MeetingDetails(Today, "Youth, counselor", MeetingModality.InPerson, null, null, null, RightsAcknowledged: true), Today, 16);
        plan.SendToYouth();
        plan.ReadyForSignatures(16);
        plan.Sign(SignerRole.Youth, "Youth", null, SignatureMethod.ElectronicSignature, false, null, NowUtc);
        plan.Sign(SignerRole.Counselor, "Counselor", "counselor-1", SignatureMethod.ElectronicSignature, false, null, NowUtc);
        plan.Sign(SignerRole.Guardian, "Guardian", null, SignatureMethod.WetSignatureScanned, false, null, NowUtc);
        plan.SubmitForApproval(Today);
        plan.Approve("director-1", null, Today, NowUtc);

        var draft = plan.Revise("counselor-1", NowUtc);

        var copiedGoal = draft.Goals.Single(g => g.LineageId == goal.LineageId);
        Assert.NotEqual(goal.Id, copiedGoal.Id);
        Assert.Equal(GoalStatus.Discontinued, copiedGoal.Status);
        Assert.Equal("Goal met another way", copiedGoal.DiscontinuedReason);
        Assert.Equal(2, copiedGoal.GasWeight);
        var copiedObjective = Assert.Single(copiedGoal.Objectives);
        Assert.Equal(objective.LineageId, copiedObjective.LineageId);
        Assert.Equal(GoalStatus.Discontinued, copiedObjective.Status);
        Assert.Equal("Measured another way", copiedObjective.DiscontinuedReason);
        var copiedIntervention = Assert.Single(copiedObjective.Interventions);
        Assert.Equal("Tutor left", copiedIntervention.DiscontinuedReason);
        Assert.Equal(intervention.LineageId, copiedIntervention.LineageId);
        var copiedKept = draft.Goals.Single(g => g.LineageId == kept.LineageId);
        Assert.Equal(GoalStatus.InProgress, copiedKept.Status);
        Assert.Equal([1, 2], draft.Goals.Select(g => g.SortOrder));
    }
}
