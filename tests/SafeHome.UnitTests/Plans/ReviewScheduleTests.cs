using SafeHome.Domain.Plans;

namespace SafeHome.UnitTests.Plans;

/// DOMAIN.md §9 cadence: an active plan within 30 days of admission, reviews every 90 days, flagged 14 days ahead.
public sealed class ReviewScheduleTests
{
    private static readonly ReviewSchedule Schedule = new();
    private static readonly Guid ResidentId = Guid.NewGuid();
    private static readonly Guid PlanId = Guid.NewGuid();
    private static readonly DateOnly AdmittedOn = new(2026, 1, 10);
    private static readonly DateOnly EffectiveOn = new(2026, 2, 1);

    private static ResidentPlanState WithoutPlan() => new(ResidentId, AdmittedOn, null, null, null, []);

    private static ResidentPlanState WithActivePlan(DateOnly? lastReviewNextDueOn = null) =>
        new(ResidentId, AdmittedOn, PlanId, EffectiveOn, lastReviewNextDueOn, []);

    [Theory]
    [InlineData(0)]
    [InlineData(29)]
    [InlineData(30)]
    public void A_missing_plan_is_not_due_until_day_30_has_passed(int daysAfterAdmission)
    {
        Assert.Empty(Schedule.DueFor(WithoutPlan(), AdmittedOn.AddDays(daysAfterAdmission)));
    }

    [Fact]
    public void A_missing_plan_is_flagged_from_day_31_with_the_day_it_was_due()
    {
        var item = Assert.Single(Schedule.DueFor(WithoutPlan(), AdmittedOn.AddDays(31)));

        Assert.Equal(new DueItem(DueKind.PlanMissing, ResidentId, ResidentId, AdmittedOn.AddDays(30)), item);
    }

    [Fact]
    public void The_first_plan_deadline_is_configurable()
    {
        var item = Assert.Single(new ReviewSchedule(FirstPlanWithinDays: 10).DueFor(WithoutPlan(), AdmittedOn.AddDays(11)));

        Assert.Equal(AdmittedOn.AddDays(10), item.DueOn);
    }

    [Fact]
    public void The_first_review_is_due_90_days_after_the_plan_took_effect()
    {
        Assert.Equal(EffectiveOn.AddDays(90), Schedule.NextReviewDueOn(EffectiveOn, null));
        Assert.Equal(EffectiveOn.AddDays(30), new ReviewSchedule(ReviewEveryDays: 30).NextReviewDueOn(EffectiveOn, null));
    }

    [Theory]
    [InlineData(-15, null)]
    [InlineData(-14, DueKind.ReviewDueSoon)]
    [InlineData(-1, DueKind.ReviewDueSoon)]
    [InlineData(0, DueKind.ReviewDueSoon)]
    [InlineData(1, DueKind.ReviewOverdue)]
    [InlineData(200, DueKind.ReviewOverdue)]
    public void A_review_is_nothing_then_due_soon_then_overdue(int daysAfterDue, DueKind? expected)
    {
        var due = EffectiveOn.AddDays(90);

        var items = Schedule.DueFor(WithActivePlan(), due.AddDays(daysAfterDue)).ToList();

        if (expected is null)
        {
            Assert.Empty(items);
        }
        else
        {
            Assert.Equal(new DueItem(expected.Value, ResidentId, PlanId, due), Assert.Single(items));
        }
    }

    [Fact]
    public void The_last_reviews_next_due_date_wins_over_the_90_day_default()
    {
        var nextDue = EffectiveOn.AddDays(40);

        Assert.Equal(nextDue, Schedule.NextReviewDueOn(EffectiveOn, nextDue));
        var item = Assert.Single(Schedule.DueFor(WithActivePlan(nextDue), nextDue.AddDays(1)));
        Assert.Equal(new DueItem(DueKind.ReviewOverdue, ResidentId, PlanId, nextDue), item);

        // By the default alone the review would be weeks away, so nothing would show.
        Assert.Empty(Schedule.DueFor(WithActivePlan(), nextDue.AddDays(1)));
    }

    [Fact]
    public void An_active_plan_is_never_reported_missing()
    {
        Assert.DoesNotContain(Schedule.DueFor(WithActivePlan(), AdmittedOn.AddDays(60)), i => i.Kind == DueKind.PlanMissing);
    }

    [Fact]
    public void Every_plan_waiting_for_approval_is_listed_with_its_submission_day()
    {
        var first = (Guid.NewGuid(), new DateOnly(2026, 1, 20));
        var second = (Guid.NewGuid(), new DateOnly(2026, 1, 25));
        var state = WithoutPlan() with { PlansAwaitingApproval = [first, second] };

        var items = Schedule.DueFor(state, AdmittedOn.AddDays(20)).ToList();

        Assert.Equal(
            [new DueItem(DueKind.AwaitingApproval, ResidentId, first.Item1, first.Item2), new DueItem(DueKind.AwaitingApproval, ResidentId, second.Item1, second.Item2)],
            items);
    }

    [Fact]
    public void A_plan_waiting_for_approval_past_day_30_is_both_missing_and_awaiting()
    {
        var pending = (Guid.NewGuid(), AdmittedOn.AddDays(28));
        var state = WithoutPlan() with { PlansAwaitingApproval = [pending] };

        var kinds = Schedule.DueFor(state, AdmittedOn.AddDays(35)).Select(i => i.Kind).ToList();

        Assert.Equal([DueKind.PlanMissing, DueKind.AwaitingApproval], kinds);
    }
}
