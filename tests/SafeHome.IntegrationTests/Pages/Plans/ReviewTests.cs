using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Jobs;

namespace SafeHome.IntegrationTests.Pages.Plans;

/// Recording a review of the active plan through the real form, the history page, and who may do either.
public sealed class ReviewTests
{
    [Theory, Providers]
    public async Task A_review_recorded_through_the_form_stores_its_ratings_and_T_score_and_lists_them(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var plan = await ReviewSeeding.CreateActivePlanAsync(app, residentId, counselor.Id);
        var effectiveOn = app.Today;
        app.Clock.Advance(TimeSpan.FromDays(100));
        var browser = await app.SignInAsync(counselor);
        var heldOn = app.Today.AddDays(-5);

        var document = await browser.GetDocumentAsync($"/Plans/Review/{plan.PlanId}");
        var form = ReviewForm.Read(document);
        Assert.Equal([plan.SchoolGoalId, plan.SleepGoalId], form.GoalIds);
        Assert.Equal(3, form.ObjectiveIds.Count);
        Assert.Equal(app.Today.AddDays(90).ToString("yyyy-MM-dd"), document.QuerySelector<IHtmlInputElement>("input[name='Input.NextDueOn']")!.Value);
        Assert.Contains("Attends 95%", document.QuerySelector("fieldset")!.TextContent, StringComparison.Ordinal);
        var response = await browser.SubmitFormAsync(document, $"/Plans/Review/{plan.PlanId}", new()
        {
            ["Input.Type"] = nameof(ReviewType.Triggered),
            ["Input.Trigger"] = nameof(ReviewTrigger.CourtChange),
            ["Input.HeldOn"] = heldOn.ToString("yyyy-MM-dd"),
            ["Input.NextDueOn"] = "",
            ["Input.Decisions"] = "Add a tutor.\n<script>alert(1)</script>",
            ["Input.Goals[0].Level"] = "1",
            ["Input.Goals[1].Level"] = "-2",
            ["Input.Objectives[0].Status"] = nameof(GoalStatus.Achieved),
            ["Input.Objectives[1].Status"] = nameof(GoalStatus.PartiallyAchieved),
            ["Input.Objectives[2].Status"] = nameof(GoalStatus.Deferred),
        });

        response.AssertRedirectTo($"/Plans/Reviews/{residentId}");
        var review = await app.WithDbAsync(db => db.PlanReviews.Include(r => r.Ratings).SingleAsync());
        Assert.Equal(plan.PlanId, review.PlanId);
        Assert.Equal(residentId, review.ResidentId);
        Assert.Equal(ReviewType.Triggered, review.Type);
        Assert.Equal(ReviewTrigger.CourtChange, review.Trigger);
        Assert.Equal(heldOn, review.HeldOn);
        Assert.Equal(effectiveOn.AddDays(90), review.DueOn);
        Assert.Equal(heldOn.AddDays(90), review.NextDueOn);
        Assert.Equal(counselor.Id, review.RecordedById);
        Assert.Equal(
            [(plan.SchoolGoalId, GasLevel.More), (plan.SleepGoalId, GasLevel.MuchLess)],
            review.Ratings.Where(r => r.GoalId is not null).OrderBy(r => form.GoalIds.IndexOf(r.GoalId!.Value)).Select(r => (r.GoalId!.Value, r.Level!.Value)).ToList());
        Assert.Equal(
            [(form.ObjectiveIds[0], GoalStatus.Achieved), (form.ObjectiveIds[1], GoalStatus.PartiallyAchieved), (form.ObjectiveIds[2], GoalStatus.Deferred)],
            review.Ratings.Where(r => r.ObjectiveId is not null).OrderBy(r => form.ObjectiveIds.IndexOf(r.ObjectiveId!.Value)).Select(r => (r.ObjectiveId!.Value, r.Status!.Value)).ToList());
        var expected = GoalAttainment.TScore([(2m, GasLevel.More), (3m, GasLevel.MuchLess)]);
        Assert.Equal(expected, review.TScore);

        var list = await browser.GetAsync($"/Plans/Reviews/{residentId}");
        var html = await list.Content.ReadAsStringAsync();
        var page = await HtmlForms.ParseAsync(list);
        Assert.Equal(expected!.Value.ToString("0.0", CultureInfo.InvariantCulture), page.QuerySelector(".review .t-score")!.TextContent.Trim());
        Assert.Contains("Court change", page.QuerySelector(".review .trigger")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("late by 5 days", page.QuerySelector(".review .due-on")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Partially achieved", page.QuerySelector(".review .objective-statuses")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("−2 much less than expected", page.QuerySelector(".review .goal-levels")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task Reviews_are_listed_newest_first_and_the_last_next_due_date_sets_the_next_due_date(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var plan = await ReviewSeeding.CreateActivePlanAsync(app, residentId, counselor.Id);
        app.Clock.Advance(TimeSpan.FromDays(100));
        var browser = await app.SignInAsync(counselor);

        (await browser.SubmitFormAsync($"/Plans/Review/{plan.PlanId}", ReviewForm.Valid(app.Today.AddDays(-5), nextDueOn: app.Today.AddDays(10), "First review")))
            .AssertRedirectTo($"/Plans/Reviews/{residentId}");
        (await browser.SubmitFormAsync($"/Plans/Review/{plan.PlanId}", ReviewForm.Valid(app.Today, nextDueOn: app.Today.AddDays(60), "Second review")))
            .AssertRedirectTo($"/Plans/Reviews/{residentId}");

        var reviews = await app.WithDbAsync(db => db.PlanReviews.OrderBy(r => r.HeldOn).ToListAsync());
        Assert.Equal([app.Today.AddDays(10), app.Today.AddDays(60)], reviews.Select(r => r.NextDueOn));
        Assert.Equal(app.Today.AddDays(10), reviews[1].DueOn);
        var page = await browser.GetDocumentAsync($"/Plans/Reviews/{residentId}");
        var cards = page.QuerySelectorAll(".review").ToList();
        Assert.Equal(2, cards.Count);
        Assert.Contains("Second review", cards[0].QuerySelector(".decisions")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("on time", cards[0].QuerySelector(".due-on")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("late by 5 days", cards[1].QuerySelector(".due-on")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(app.Today.AddDays(60).ToString("yyyy-MM-dd"), cards[0].QuerySelector(".next-due")!.TextContent.Trim());
        Assert.Equal("50.0", cards[0].QuerySelector(".t-score")!.TextContent.Trim());
    }

    [Theory]
    [ProviderInlineData(PlanStatus.Draft)]
    [ProviderInlineData(PlanStatus.PendingApproval)]
    [ProviderInlineData(PlanStatus.Superseded)]
    public async Task A_plan_that_is_not_active_shows_a_notice_and_refuses_a_review(PlanStatus status, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var active = await ReviewSeeding.CreateActivePlanAsync(app, residentId, counselor.Id);
        var planId = status == PlanStatus.Superseded ? active.PlanId : await app.CreatePlanAsync(residentId, status, counselor.Id);
        Guid? newActive = status == PlanStatus.Superseded ? await app.CreatePlanAsync(residentId, PlanStatus.Active, counselor.Id) : null;
        var validForm = ReviewForm.Read(await browser.GetDocumentAsync($"/Plans/Review/{newActive ?? active.PlanId}"));

        var document = await browser.GetDocumentAsync($"/Plans/Review/{planId}");
        Assert.NotNull(document.QuerySelector("#not-active"));
        Assert.Null(document.QuerySelector("textarea[name='Input.Decisions']"));
        if (newActive is { } activeId)
        {
            Assert.Equal($"/Plans/Review/{activeId}", document.QuerySelector("#not-active a")!.GetAttribute("href"));
        }

        // The whole valid form of the active version, aimed at this one.
        var response = await browser.SubmitFormAsync(validForm.Document, $"/Plans/Review/{planId}", ReviewForm.Valid(app.Today, app.Today.AddDays(90), "Should not be saved"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("only the active plan is reviewed", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.PlanReviews.CountAsync()));
    }

    [Theory, Providers]
    public async Task A_double_submit_records_one_review_and_shows_the_conflict(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var plan = await ReviewSeeding.CreateActivePlanAsync(app, residentId, counselor.Id);
        var document = await browser.GetDocumentAsync($"/Plans/Review/{plan.PlanId}");
        var values = ReviewForm.Valid(app.Today, app.Today.AddDays(90), "Once only");

        (await browser.SubmitFormAsync(document, $"/Plans/Review/{plan.PlanId}", values)).AssertRedirectTo($"/Plans/Reviews/{residentId}");
        var second = await browser.SubmitFormAsync(document, $"/Plans/Review/{plan.PlanId}", values);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page = await HtmlForms.ParseAsync(second);
        Assert.NotNull(page.QuerySelector("#conflict"));
        Assert.Equal("Once only", page.QuerySelector<IHtmlTextAreaElement>("textarea[name='Input.Decisions']")!.Value);
        Assert.Equal(1, await app.WithDbAsync(db => db.PlanReviews.CountAsync()));
    }

    [Theory, Providers]
    public async Task Another_counselors_plan_and_reviews_answer_404_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (a, browserA) = await app.SignInNewAsync(Roles.Counselor);
        var b = await app.CreateStaffAsync(Roles.Counselor);
        var own = await app.CreateResidentAsync(a.Id);
        var others = await app.CreateResidentAsync(b.Id, "Other Example", "Other Q. Example");
        var ownPlan = await ReviewSeeding.CreateActivePlanAsync(app, own, a.Id);
        var othersPlan = await ReviewSeeding.CreateActivePlanAsync(app, others, b.Id);

        Assert.Equal(HttpStatusCode.NotFound, (await browserA.GetAsync($"/Plans/Review/{othersPlan.PlanId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browserA.GetAsync($"/Plans/Reviews/{others}")).StatusCode);
        var document = await browserA.GetDocumentAsync($"/Plans/Review/{ownPlan.PlanId}");
        var response = await browserA.SubmitFormAsync(document, $"/Plans/Review/{othersPlan.PlanId}", ReviewForm.Valid(app.Today, app.Today.AddDays(90), "Not mine"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.PlanReviews.CountAsync()));
        Assert.Equal(HttpStatusCode.OK, (await browserA.GetAsync($"/Plans/Reviews/{own}")).StatusCode);
    }

    [Theory, Providers]
    public async Task An_auditor_reads_the_reviews_but_cannot_record_one(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, counselorBrowser) = await app.SignInNewAsync(Roles.Counselor);
        var (auditorMember, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var plan = await ReviewSeeding.CreateActivePlanAsync(app, residentId, counselor.Id);
        (await counselorBrowser.SubmitFormAsync($"/Plans/Review/{plan.PlanId}", ReviewForm.Valid(app.Today, app.Today.AddDays(90), "Counselor's review")))
            .AssertRedirectTo($"/Plans/Reviews/{residentId}");
        var form = ReviewForm.Read(await counselorBrowser.GetDocumentAsync($"/Plans/Review/{plan.PlanId}"));

        var page = await auditor.GetDocumentAsync($"/Plans/Reviews/{residentId}");
        Assert.Contains("Counselor's review", page.QuerySelector(".review .decisions")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#record-review"));
        var reviewId = await app.WithDbAsync(db => db.PlanReviews.Select(r => r.Id).SingleAsync());
        Assert.True(
            await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.UserId == auditorMember.Id && e.Action == "view" && e.EntityType == nameof(PlanReview) && e.EntityKey == reviewId.ToString())),
            "the auditor's view of the review is not in the audit trail");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync($"/Plans/Review/{plan.PlanId}")).StatusCode);

        var fields = new Dictionary<string, string>(ReviewForm.Valid(app.Today, app.Today.AddDays(90), "Auditor's review"))
        {
            ["__RequestVerificationToken"] = await auditor.AntiforgeryTokenAsync($"/Plans/Reviews/{residentId}"),
            ["Input.Version"] = form.Version,
            ["Input.Goals[0].GoalId"] = form.GoalIds[0].ToString(),
            ["Input.Goals[1].GoalId"] = form.GoalIds[1].ToString(),
            ["Input.Objectives[0].ObjectiveId"] = form.ObjectiveIds[0].ToString(),
            ["Input.Objectives[1].ObjectiveId"] = form.ObjectiveIds[1].ToString(),
            ["Input.Objectives[2].ObjectiveId"] = form.ObjectiveIds[2].ToString(),
        };
        var response = await auditor.PostAsync($"/Plans/Review/{plan.PlanId}", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(["Counselor's review"], await app.WithDbAsync(db => db.PlanReviews.Select(r => r.Decisions).ToListAsync()));
    }
}

/// The §4 catalogue on the review form. A refused post re-renders the form (200) with the message next to the
/// field and saves nothing, so the cases share one app and one active plan.
public sealed class ReviewBadInputTests(ReviewFormHome home) : IClassFixture<ReviewFormHome>
{
    public static TheoryData<string, string, string, string> Cases() => new()
    {
        // field, value, where the message goes ("" = the summary), text the message contains
        { "Input.Goals[0].Level", "3", "Input.Goals[0].Level", "from −2 to +2" },
        { "Input.Goals[0].Level", "-3", "Input.Goals[0].Level", "from −2 to +2" },
        { "Input.Goals[0].Level", "x", "Input.Goals[0].Level", "from −2 to +2" },
        { "Input.Goals[0].Level", "", "Input.Goals[0].Level", "Choose the level" },
        { "Input.Objectives[0].Status", "999", "Input.Objectives[0].Status", "listed statuses" },
        { "Input.Objectives[0].Status", "Nope", "Input.Objectives[0].Status", "listed statuses" },
        { "Input.Objectives[0].ObjectiveId", "{other-objective}", "", "did not match" },
        { "Input.Objectives[0].ObjectiveId", "not-a-guid", "", "did not match" },
        { "Input.Goals[1].GoalId", "{other-goal}", "", "did not match" },
        { "Input.Goals[1].GoalId", "{unscaled-goal}", "", "did not match" },
        { "Input.HeldOn", "{today+1}", "Input.HeldOn", "future" },
        { "Input.HeldOn", "9999-12-31", "Input.HeldOn", "future" },
        { "Input.HeldOn", "0001-01-01", "Input.HeldOn", "before the plan took effect" },
        { "Input.HeldOn", "2026-13-01", "Input.HeldOn", "real date" },
        { "Input.HeldOn", "", "Input.HeldOn", "Enter the date" },
        { "Input.NextDueOn", "{today}", "Input.NextDueOn", "after this one" },
        { "Input.NextDueOn", "2026-02-30", "Input.NextDueOn", "real date" },
        { "Input.Type", "Nope", "Input.Type", "listed kinds" },
        { "Input.Type", "", "Input.Type", "Choose the kind" },
        { "Input.Trigger", "77", "Input.Trigger", "listed triggers" },
        { "Input.Decisions", "", "Input.Decisions", "Record what was decided" },
        { "Input.Decisions", "   ", "Input.Decisions", "Record what was decided" },
        { "Input.Decisions", "{too-long}", "Input.Decisions", "at most 4000" },
        { "Input.Decisions", "Keep going\u202Eexe.txt", "Input.Decisions", "U+202E" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_refused_with_a_message_and_nothing_is_saved(string field, string value, string errorField, string message)
    {
        var app = home.App;
        var values = ReviewForm.Valid(app.Today, app.Today.AddDays(90), "Decided");
        values["Input.Type"] = nameof(ReviewType.Triggered);
        values["Input.Trigger"] = nameof(ReviewTrigger.Hospitalisation);
        values[field] = value
            .Replace("{today+1}", app.Today.AddDays(1).ToString("yyyy-MM-dd"), StringComparison.Ordinal)
            .Replace("{today}", app.Today.ToString("yyyy-MM-dd"), StringComparison.Ordinal)
            .Replace("{other-objective}", home.OtherPlan.ObjectiveId.ToString(), StringComparison.Ordinal)
            .Replace("{other-goal}", home.OtherPlan.SchoolGoalId.ToString(), StringComparison.Ordinal)
            .Replace("{unscaled-goal}", home.Plan.UnscaledGoalId.ToString(), StringComparison.Ordinal)
            .Replace("{too-long}", new string('x', PlanReview.DecisionsMaxLength + 1), StringComparison.Ordinal);

        var response = await home.Counselor.SubmitFormAsync($"/Plans/Review/{home.Plan.PlanId}", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        var error = errorField.Length == 0 ? page.QuerySelector(".validation-summary-errors")?.TextContent : page.FieldError(errorField);
        Assert.True(error?.Contains(message, StringComparison.Ordinal) == true, $"{field}={value}: expected \"{message}\" at {errorField}, got \"{error}\"");
        Assert.Equal(0, await app.WithDbAsync(db => db.PlanReviews.CountAsync()));
        Assert.Equal(home.PlanVersion, await app.WithDbAsync(db => db.ServicePlans.Where(p => p.Id == home.Plan.PlanId).Select(p => p.Version).SingleAsync()));
    }

    [Fact]
    public async Task A_triggered_review_without_its_trigger_is_refused()
    {
        var values = ReviewForm.Valid(home.App.Today, home.App.Today.AddDays(90), "Decided");
        values["Input.Type"] = nameof(ReviewType.Triggered);
        values["Input.Trigger"] = "";

        var response = await home.Counselor.SubmitFormAsync($"/Plans/Review/{home.Plan.PlanId}", values);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("triggered", (await HtmlForms.ParseAsync(response)).FieldError("Input.Trigger"), StringComparison.Ordinal);
        Assert.Equal(0, await home.App.WithDbAsync(db => db.PlanReviews.CountAsync()));
    }

    [Fact]
    public async Task A_forged_row_is_rebuilt_from_the_plan_so_the_form_can_be_saved_again()
    {
        var values = ReviewForm.Valid(home.App.Today, home.App.Today.AddDays(90), "Decided");
        values["Input.Objectives[0].ObjectiveId"] = home.OtherPlan.ObjectiveId.ToString();

        var page = await HtmlForms.ParseAsync(await home.Counselor.SubmitFormAsync($"/Plans/Review/{home.Plan.PlanId}", values));

        var form = ReviewForm.Read(page);
        Assert.DoesNotContain(home.OtherPlan.ObjectiveId, form.ObjectiveIds);
        Assert.Equal(3, form.ObjectiveIds.Count);
        Assert.Equal([home.Plan.SchoolGoalId, home.Plan.SleepGoalId], form.GoalIds);
    }
}

public sealed class ReviewFormHome : IAsyncLifetime
{
    public SafeHomeApp App { get; private set; } = null!;

    public HttpClient Counselor { get; private set; } = null!;

    public SeededPlan Plan { get; private set; } = null!;

    public SeededPlan OtherPlan { get; private set; } = null!;

    public long PlanVersion { get; private set; }

    public async ValueTask InitializeAsync()
    {
        App = await SafeHomeApp.StartAsync();
        var (counselor, browser) = await App.SignInNewAsync(Roles.Counselor);
        Counselor = browser;
        var other = await App.CreateStaffAsync(Roles.Counselor);
        Plan = await ReviewSeeding.CreateActivePlanAsync(App, await App.CreateResidentAsync(counselor.Id), counselor.Id);
        OtherPlan = await ReviewSeeding.CreateActivePlanAsync(App, await App.CreateResidentAsync(other.Id, "Other Example", "Other Q. Example"), other.Id);
        PlanVersion = await App.WithDbAsync(db => db.ServicePlans.Where(p => p.Id == Plan.PlanId).Select(p => p.Version).SingleAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Counselor?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }
}

/// The review form as the page renders it: the row ids in order and the plan version.
internal sealed record ReviewForm(IHtmlDocument Document, List<Guid> GoalIds, List<Guid> ObjectiveIds, string Version)
{
    public static ReviewForm Read(IHtmlDocument document)
    {
        List<Guid> Ids(string list, string property) =>
            [.. document.QuerySelectorAll<IHtmlInputElement>($"input[name^='Input.{list}['][name$='].{property}']").Select(i => Guid.Parse(i.Value))];

        var version = document.QuerySelector<IHtmlInputElement>("input[name='Input.Version']")?.Value ?? string.Empty;
        return new ReviewForm(document, Ids("Goals", "GoalId"), Ids("Objectives", "ObjectiveId"), version);
    }

    /// A complete, valid answer for a plan seeded by <see cref="ReviewSeeding"/> (two scaled goals, three objectives).
    public static Dictionary<string, string> Valid(DateOnly heldOn, DateOnly nextDueOn, string decisions) => new()
    {
        ["Input.Type"] = nameof(ReviewType.Scheduled),
        ["Input.Trigger"] = "",
        ["Input.HeldOn"] = heldOn.ToString("yyyy-MM-dd"),
        ["Input.NextDueOn"] = nextDueOn.ToString("yyyy-MM-dd"),
        ["Input.Decisions"] = decisions,
        ["Input.Goals[0].Level"] = "0",
        ["Input.Goals[1].Level"] = "0",
        ["Input.Objectives[0].Status"] = nameof(GoalStatus.InProgress),
        ["Input.Objectives[1].Status"] = nameof(GoalStatus.InProgress),
        ["Input.Objectives[2].Status"] = nameof(GoalStatus.InProgress),
    };
}

public sealed record SeededPlan(Guid PlanId, Guid SchoolGoalId, Guid SleepGoalId, Guid UnscaledGoalId, Guid ObjectiveId);

/// An ACTIVE plan with more to review than the standard seed: the seeded education goal (scale, weight 2) and its
/// objective, a sleep goal (scale, weight 3) with an objective, and a goal without a scale with an objective.
/// Built through the domain's own workflow, approved today.
internal static class ReviewSeeding
{
    public static async Task<SeededPlan> CreateActivePlanAsync(SafeHomeApp app, Guid residentId, string counselorId)
    {
        var draftId = await app.CreatePlanAsync(residentId, PlanStatus.Draft, counselorId);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        return await app.WithDbAsync(async db =>
        {
            var plan = await db.ServicePlans
                .Include(p => p.Goals).ThenInclude(g => g.Objectives).ThenInclude(o => o.Interventions)
                .Include(p => p.Signatures).Include(p => p.Meeting)
                .AsSplitQuery()
                .SingleAsync(p => p.Id == draftId);
            var resident = await db.Residents.AsNoTracking().SingleAsync(r => r.Id == residentId);
            var age = Ages.YearsOn(resident.DateOfBirth, app.Today);
            var school = plan.Goals.Single();
            var sleep = plan.AddGoal(new GoalDetails(
                PlanDomain.PhysicalHealth, "Sleep through the night", null, GoalPriority.Medium, app.Today.AddMonths(3), GoalStatus.InProgress,
                3, "No nights", "One night a week", "Three nights a week", "Five nights a week", "Every night"));
            plan.AddObjective(sleep.Id, new ObjectiveDetails("Nights slept through", MetricType.Count, "0", null, "3 a week", null, null, ResponsibleParty.Youth, null, GoalStatus.InProgress));
            var friends = plan.AddGoal(new GoalDetails(
                PlanDomain.SocialSupport, "Make a friend", null, GoalPriority.Low, null, GoalStatus.NotStarted, null, null, null, null, null, null));
            plan.AddObjective(friends.Id, new ObjectiveDetails("Club meetings attended", MetricType.Count, "0", null, "4", null, null, ResponsibleParty.Youth, null, GoalStatus.NotStarted));
            plan.RecordMeeting(new MeetingDetails(app.Today, "Youth, counselor", MeetingModality.InPerson, null, null, null, RightsAcknowledged: true), app.Today, age);
            plan.SendToYouth();
            plan.ReadyForSignatures(age);
            plan.Sign(SignerRole.Youth, "Youth", null, SignatureMethod.ElectronicSignature, false, null, now);
            plan.Sign(SignerRole.Counselor, "Test Counselor", counselorId, SignatureMethod.ElectronicSignature, false, null, now);
            plan.Sign(SignerRole.PlacingCaseworker, "Invented Caseworker", null, SignatureMethod.WetSignatureScanned, false, null, now);
            plan.SubmitForApproval(app.Today);
            plan.Approve("seeded-director", null, app.Today, now);
            await db.SaveChangesAsync();
            return new SeededPlan(plan.Id, school.Id, sleep.Id, friends.Id, school.Objectives.Single().Id);
        });
    }

    /// A review recorded straight through the domain (for pages and jobs that only read reviews).
    public static Task RecordReviewAsync(SafeHomeApp app, Guid planId, DateOnly heldOn, DateOnly nextDueOn) => app.WithDbAsync(async db =>
    {
        var plan = await db.ServicePlans.Include(p => p.Goals).ThenInclude(g => g.Objectives).AsSplitQuery().SingleAsync(p => p.Id == planId);
        var details = new ReviewDetails(
            ReviewType.Scheduled, null, heldOn, "Keep going.", nextDueOn,
            [.. PlanReview.ReviewedGoals(plan).SelectMany(PlanReview.ReviewedObjectives).Select(o => (o.Id, GoalStatus.InProgress))],
            [.. PlanReview.ReviewedGoals(plan).Where(g => g.HasGasScale).Select(g => (g.Id, (GasLevel?)GasLevel.Expected))]);
        var dueOn = await DueItems.ReviewDueOnAsync(db, plan, new ReviewSchedule());
        db.PlanReviews.Add(PlanReview.Record(plan, details, dueOn, app.Today, null, app.Clock.GetUtcNow().UtcDateTime));
        return await db.SaveChangesAsync();
    });
}
