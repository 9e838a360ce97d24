using SafeHome.Domain.Common;
using SafeHome.Domain.Plans;

namespace SafeHome.UnitTests.Plans;

public sealed class PlanReviewTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);
    private static readonly DateTime NowUtc = new(2026, 6, 15, 14, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly ApprovedOn = Today.AddDays(-100);
    private static readonly DateOnly DueOn = ApprovedOn.AddDays(90);

    /// An active plan approved 100 days ago: a scaled goal (weight 2) with two objectives, one of them discontinued;
    /// a scaled goal (weight 3) with one objective; a goal without a scale with one objective; and a discontinued
    /// scaled goal (weight 1) whose objective was left as it was.
    private sealed class ActivePlan
    {
        public ActivePlan(bool approve = true)
        {
            Plan = ServicePlan.StartFirst(Guid.NewGuid(), "counselor-1", NowUtc);
            School = Plan.AddGoal(Goal(PlanDomain.Education, "Go to school every day", weight: 2));
            Attendance = Plan.AddObjective(School.Id, Objective("School days attended"));
            Dropped = Plan.AddObjective(School.Id, Objective("Homework handed in"));
            Plan.DiscontinueObjective(Dropped.Id, "Replaced by attendance");
            Sleep = Plan.AddGoal(Goal(PlanDomain.PhysicalHealth, "Sleep through the night", weight: 3));
            SleepLog = Plan.AddObjective(Sleep.Id, Objective("Nights slept through"));
            Friends = Plan.AddGoal(Goal(PlanDomain.SocialSupport, "Make a friend at school", weight: null));
            Club = Plan.AddObjective(Friends.Id, Objective("Club meetings attended"));
            DroppedGoal = Plan.AddGoal(Goal(PlanDomain.EmploymentVocational, "Find a weekend job", weight: 1));
            DroppedGoalObjective = Plan.AddObjective(DroppedGoal.Id, Objective("Applications sent"));
            Plan.DiscontinueGoal(DroppedGoal.Id, "The youth chose to focus on school");
            Plan.RecordMeeting(new MeetingDetails(ApprovedOn, "Youth, counselor", MeetingModality.InPerson, null, null, null, RightsAcknowledged: true), ApprovedOn, 16);
            Plan.SendToYouth();
            Plan.ReadyForSignatures(16);
            Plan.Sign(SignerRole.Youth, "Youth", null, SignatureMethod.ElectronicSignature, false, null, NowUtc);
            Plan.Sign(SignerRole.Counselor, "Counselor", "counselor-1", SignatureMethod.ElectronicSignature, false, null, NowUtc);
            Plan.Sign(SignerRole.Guardian, "Guardian", null, SignatureMethod.WetSignatureScanned, false, null, NowUtc);
            Plan.SubmitForApproval(ApprovedOn);
            if (approve)
            {
                Plan.Approve("director-1", null, ApprovedOn, NowUtc);
            }
        }

        public ServicePlan Plan { get; }
        public PlanGoal School { get; }
        public PlanObjective Attendance { get; }
        public PlanObjective Dropped { get; }
        public PlanGoal Sleep { get; }
        public PlanObjective SleepLog { get; }
        public PlanGoal Friends { get; }
        public PlanObjective Club { get; }
        public PlanGoal DroppedGoal { get; }
        public PlanObjective DroppedGoalObjective { get; }

        public ReviewDetails Details(
            ReviewType type = ReviewType.Scheduled,
            ReviewTrigger? trigger = null,
            DateOnly? heldOn = null,
            DateOnly? nextDueOn = null,
            string decisions = "Keep going; add a tutor.",
            IReadOnlyList<(Guid, GoalStatus)>? objectives = null,
            IReadOnlyList<(Guid, GasLevel?)>? goals = null) =>
            new(
                type,
                trigger,
                heldOn ?? Today,
                decisions,
                nextDueOn ?? Today.AddDays(90),
                objectives ?? [(Attendance.Id, GoalStatus.InProgress), (SleepLog.Id, GoalStatus.Achieved), (Club.Id, GoalStatus.NotStarted)],
                goals ?? [(School.Id, GasLevel.More), (Sleep.Id, GasLevel.Less)]);

        public PlanReview Record(ReviewDetails details) => PlanReview.Record(Plan, details, DueOn, Today, "counselor-1", NowUtc);

        private static GoalDetails Goal(PlanDomain domain, string statement, int? weight) => new(
            domain, statement, null, GoalPriority.High, null, GoalStatus.InProgress, weight,
            weight is null ? null : "Much less", weight is null ? null : "Less", weight is null ? null : "As expected",
            weight is null ? null : "More", weight is null ? null : "Much more");

        private static ObjectiveDetails Objective(string criterion) =>
            new(criterion, MetricType.Count, "0", null, "10", null, null, ResponsibleParty.Youth, null, GoalStatus.InProgress);
    }

    [Fact]
    public void A_review_stores_its_ratings_dates_and_T_score()
    {
        var plan = new ActivePlan();

        var review = plan.Record(plan.Details(nextDueOn: Today.AddDays(60)));

        Assert.Equal(plan.Plan.Id, review.PlanId);
        Assert.Equal(plan.Plan.ResidentId, review.ResidentId);
        Assert.Equal(ReviewType.Scheduled, review.Type);
        Assert.Null(review.Trigger);
        Assert.Equal(DueOn, review.DueOn);
        Assert.Equal(Today, review.HeldOn);
        Assert.Equal(Today.AddDays(60), review.NextDueOn);
        Assert.Equal("Keep going; add a tutor.", review.Decisions);
        Assert.Equal("counselor-1", review.RecordedById);
        Assert.Equal(NowUtc, review.RecordedAtUtc);
        Assert.Equal(
            [(plan.Attendance.Id, GoalStatus.InProgress), (plan.SleepLog.Id, GoalStatus.Achieved), (plan.Club.Id, GoalStatus.NotStarted)],
            review.Ratings.Where(r => r.ObjectiveId is not null).Select(r => (r.ObjectiveId!.Value, r.Status!.Value)).ToList());
        Assert.Equal(
            [(plan.School.Id, GasLevel.More), (plan.Sleep.Id, GasLevel.Less)],
            review.Ratings.Where(r => r.GoalId is not null).Select(r => (r.GoalId!.Value, r.Level!.Value)).ToList());
        Assert.All(review.Ratings, r => Assert.Equal(review.Id, r.ReviewId));

        // w = 2, 3; x = +1, −1. Σwx = −1; Σw² = 13; (Σw)² = 25; sqrt(0.7·13 + 0.3·25) = sqrt(16.6) → 47.545604…
        Assert.Equal(50 - (10 / Math.Sqrt(16.6)), review.TScore!.Value, 1e-9);
    }

    [Fact]
    public void A_triggered_review_keeps_its_trigger_and_other_kinds_drop_one()
    {
        var plan = new ActivePlan();

        var triggered = plan.Record(plan.Details(ReviewType.Triggered, ReviewTrigger.MissingEpisode));
        var scheduled = plan.Record(plan.Details(ReviewType.Scheduled, ReviewTrigger.CourtChange));

        Assert.Equal(ReviewTrigger.MissingEpisode, triggered.Trigger);
        Assert.Null(scheduled.Trigger);
    }

    [Fact]
    public void Goals_met_as_expected_score_50_and_a_goal_without_a_scale_gets_no_rating()
    {
        var plan = new ActivePlan();

        var review = PlanReview.Record(
            plan.Plan,
            plan.Details(goals: [(plan.School.Id, GasLevel.Expected), (plan.Sleep.Id, GasLevel.Expected), (plan.Friends.Id, null)]),
            DueOn,
            Today,
            null,
            NowUtc);

        Assert.Equal(50.0, review.TScore);
        Assert.DoesNotContain(review.Ratings, r => r.GoalId == plan.Friends.Id);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_plan_waiting_for_approval_or_closed_is_not_reviewed(bool closeIt)
    {
        var plan = new ActivePlan(approve: closeIt);
        if (closeIt)
        {
            plan.Plan.Close(NowUtc);
        }

        var error = Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details()));

        Assert.Equal(string.Empty, error.Field);
        Assert.Contains("active", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_review_held_in_the_future_is_refused()
    {
        var plan = new ActivePlan();

        var error = Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(heldOn: Today.AddDays(1), nextDueOn: Today.AddDays(91))));

        Assert.Equal(nameof(PlanReview.HeldOn), error.Field);
    }

    [Fact]
    public void A_review_held_before_the_plan_took_effect_is_refused()
    {
        var plan = new ActivePlan();

        var error = Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(heldOn: ApprovedOn.AddDays(-1))));

        Assert.Equal(nameof(PlanReview.HeldOn), error.Field);
        Assert.Contains(ApprovedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void The_next_review_must_be_due_after_this_one(int daysAfterHeld)
    {
        var plan = new ActivePlan();

        var error = Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(nextDueOn: Today.AddDays(daysAfterHeld))));

        Assert.Equal(nameof(PlanReview.NextDueOn), error.Field);
    }

    [Fact]
    public void A_triggered_review_needs_its_trigger()
    {
        var plan = new ActivePlan();

        var error = Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(ReviewType.Triggered)));

        Assert.Equal(nameof(PlanReview.Trigger), error.Field);
    }

    [Fact]
    public void Values_outside_the_enumerations_are_refused()
    {
        var plan = new ActivePlan();

        Assert.Equal(nameof(PlanReview.Type), Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details((ReviewType)9))).Field);
        Assert.Equal(nameof(PlanReview.Trigger), Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(ReviewType.Triggered, (ReviewTrigger)42))).Field);
        Assert.Equal(
            nameof(ReviewDetails.Goals),
            Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(goals: [(plan.School.Id, (GasLevel)3), (plan.Sleep.Id, GasLevel.Less)]))).Field);
        Assert.Equal(
            nameof(ReviewDetails.Objectives),
            Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(objectives: [(plan.Attendance.Id, (GoalStatus)99), (plan.SleepLog.Id, GoalStatus.Achieved), (plan.Club.Id, GoalStatus.NotStarted)]))).Field);
    }

    [Fact]
    public void Decisions_are_required()
    {
        var plan = new ActivePlan();

        var error = Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(decisions: "  \n ")));

        Assert.Equal(nameof(PlanReview.Decisions), error.Field);
    }

    [Fact]
    public void An_objective_or_goal_of_another_plan_is_refused()
    {
        var plan = new ActivePlan();
        var other = new ActivePlan();

        var objectiveError = Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(
            objectives: [(plan.Attendance.Id, GoalStatus.InProgress), (plan.SleepLog.Id, GoalStatus.Achieved), (plan.Club.Id, GoalStatus.NotStarted), (other.Attendance.Id, GoalStatus.Achieved)])));
        var goalError = Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(
            goals: [(plan.School.Id, GasLevel.More), (plan.Sleep.Id, GasLevel.Less), (other.School.Id, GasLevel.MuchMore)])));

        Assert.Contains("not part of this plan", objectiveError.Message, StringComparison.Ordinal);
        Assert.Contains("not part of this plan", goalError.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_discontinued_objective_is_not_rated_and_not_required()
    {
        var plan = new ActivePlan();

        Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(
            objectives: [(plan.Attendance.Id, GoalStatus.InProgress), (plan.Dropped.Id, GoalStatus.Achieved), (plan.SleepLog.Id, GoalStatus.Achieved), (plan.Club.Id, GoalStatus.NotStarted)])));
        Assert.DoesNotContain(plan.Record(plan.Details()).Ratings, r => r.ObjectiveId == plan.Dropped.Id);
    }

    [Fact]
    public void A_discontinued_goal_and_its_objectives_are_not_rated_and_not_required()
    {
        var plan = new ActivePlan();

        Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(
            goals: [(plan.School.Id, GasLevel.More), (plan.Sleep.Id, GasLevel.Less), (plan.DroppedGoal.Id, GasLevel.MuchMore)])));
        Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(
            objectives: [(plan.Attendance.Id, GoalStatus.InProgress), (plan.SleepLog.Id, GoalStatus.Achieved), (plan.Club.Id, GoalStatus.NotStarted), (plan.DroppedGoalObjective.Id, GoalStatus.Achieved)])));
        var review = plan.Record(plan.Details());
        Assert.DoesNotContain(review.Ratings, r => r.GoalId == plan.DroppedGoal.Id || r.ObjectiveId == plan.DroppedGoalObjective.Id);
        Assert.Equal(
            [plan.School.Id, plan.Sleep.Id, plan.Friends.Id],
            PlanReview.ReviewedGoals(plan.Plan).Select(g => g.Id));
        Assert.Equal([plan.Attendance.Id], PlanReview.ReviewedObjectives(plan.School).Select(o => o.Id));
    }

    [Fact]
    public void The_same_objective_or_goal_rated_twice_is_refused()
    {
        var plan = new ActivePlan();

        Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(
            objectives: [(plan.Attendance.Id, GoalStatus.InProgress), (plan.Attendance.Id, GoalStatus.Achieved), (plan.SleepLog.Id, GoalStatus.Achieved), (plan.Club.Id, GoalStatus.NotStarted)])));
        Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(
            goals: [(plan.School.Id, GasLevel.More), (plan.School.Id, GasLevel.MuchLess), (plan.Sleep.Id, GasLevel.Less)])));
    }

    [Fact]
    public void A_level_on_a_goal_without_a_scale_is_refused()
    {
        var plan = new ActivePlan();

        var error = Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(
            goals: [(plan.School.Id, GasLevel.More), (plan.Sleep.Id, GasLevel.Less), (plan.Friends.Id, GasLevel.MuchMore)])));

        Assert.Equal(nameof(ReviewDetails.Goals), error.Field);
    }

    [Fact]
    public void Every_objective_gets_a_status_and_every_scaled_goal_a_level()
    {
        var plan = new ActivePlan();

        var objectiveError = Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(
            objectives: [(plan.Attendance.Id, GoalStatus.InProgress), (plan.SleepLog.Id, GoalStatus.Achieved)])));
        var goalError = Assert.Throws<DomainRuleException>(() => plan.Record(plan.Details(goals: [(plan.School.Id, GasLevel.More)])));

        Assert.Equal(nameof(ReviewDetails.Objectives), objectiveError.Field);
        Assert.Equal(nameof(ReviewDetails.Goals), goalError.Field);
    }
}
