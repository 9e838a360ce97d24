using System.Net;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Plans;

/// Building a plan's content through the real forms (issue 3, item 1) and reading it back on the plan page: adding,
/// editing, ordering and discontinuing; the lock on versions that can no longer change; who may see and change what.
public sealed class ContentTests
{
    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd");

    [Theory, Providers]
    public async Task A_goal_objective_and_intervention_added_through_the_forms_are_stored_and_shown_on_the_plan(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id, "Planna Example");
        var planId = await app.CreatePlanAsync(residentId, PlanStatus.Draft, counselor.Id);

        var addGoal = await browser.SubmitFormAsync($"/Plans/Goal/{planId}", new()
        {
            ["Input.Domain"] = nameof(PlanDomain.MentalHealth),
            ["Input.YouthStatement"] = "I want to stop having nightmares",
            ["Input.SmartStatement"] = "Sleep through the night five nights a week by September",
            ["Input.Priority"] = nameof(GoalPriority.High),
            ["Input.TargetOn"] = Day(app.Today.AddMonths(3)),
            ["Input.Status"] = nameof(GoalStatus.NotStarted),
            ["Input.GasWeight"] = "6",
            ["Input.GasMuchLess"] = "Nightmares every night",
            ["Input.GasLess"] = "Nightmares most nights",
            ["Input.GasExpected"] = "Sleeps through five nights a week",
            ["Input.GasMore"] = "Sleeps through six nights a week",
            ["Input.GasMuchMore"] = "Sleeps through every night",
        });

        var goal = await app.WithDbAsync(db => db.PlanGoals.AsNoTracking().SingleAsync(g => g.PlanId == planId && g.Domain == PlanDomain.MentalHealth));
        addGoal.AssertRedirectTo($"/Plans/Details/{planId}#goal-{goal.LineageId}");
        Assert.Equal("I want to stop having nightmares", goal.YouthStatement);
        Assert.Equal("Sleep through the night five nights a week by September", goal.SmartStatement);
        Assert.Equal(GoalPriority.High, goal.Priority);
        Assert.Equal(app.Today.AddMonths(3), goal.TargetOn);
        Assert.Equal(GoalStatus.NotStarted, goal.Status);
        Assert.Equal(6, goal.GasWeight);
        Assert.Equal("Nightmares most nights", goal.GasLess);
        Assert.Equal("Sleeps through every night", goal.GasMuchMore);
        Assert.Equal(2, goal.SortOrder);

        var addObjective = await browser.SubmitFormAsync($"/Plans/Objective/{planId}?goalId={goal.Id}", new()
        {
            ["Input.Criterion"] = "Nights slept through, from the sleep diary",
            ["Input.MetricType"] = nameof(MetricType.Count),
            ["Input.Baseline"] = "1 night a week",
            ["Input.BaselineOn"] = Day(app.Today.AddDays(-3)),
            ["Input.Target"] = "5 nights a week",
            ["Input.TargetOn"] = Day(app.Today.AddMonths(2)),
            ["Input.MeasurementMethod"] = "Sleep diary checked weekly",
            ["Input.Responsible"] = nameof(ResponsibleParty.External),
            ["Input.ResponsibleName"] = "Invented Sleep Clinic",
            ["Input.Status"] = nameof(GoalStatus.InProgress),
        });

        var objective = await app.WithDbAsync(db => db.PlanObjectives.AsNoTracking().SingleAsync(o => o.GoalId == goal.Id));
        addObjective.AssertRedirectTo($"/Plans/Details/{planId}#objective-{objective.LineageId}");
        Assert.Equal("Nights slept through, from the sleep diary", objective.Criterion);
        Assert.Equal(MetricType.Count, objective.MetricType);
        Assert.Equal("1 night a week", objective.Baseline);
        Assert.Equal(app.Today.AddDays(-3), objective.BaselineOn);
        Assert.Equal("5 nights a week", objective.Target);
        Assert.Equal(app.Today.AddMonths(2), objective.TargetOn);
        Assert.Equal("Sleep diary checked weekly", objective.MeasurementMethod);
        Assert.Equal(ResponsibleParty.External, objective.Responsible);
        Assert.Equal("Invented Sleep Clinic", objective.ResponsibleName);
        Assert.Equal(GoalStatus.InProgress, objective.Status);

        var addIntervention = await browser.SubmitFormAsync($"/Plans/Intervention/{planId}?objectiveId={objective.Id}", new()
        {
            ["Input.Type"] = "Individual therapy",
            ["Input.Model"] = "TF-CBT",
            ["Input.Frequency"] = "Weekly",
            ["Input.Provider"] = "Invented Counseling Center",
            ["Input.ResponsibleStaff"] = "Clinical lead",
            ["Input.StartOn"] = Day(app.Today),
            ["Input.EndOn"] = Day(app.Today.AddMonths(4)),
        });

        var intervention = await app.WithDbAsync(db => db.Set<PlanIntervention>().AsNoTracking().SingleAsync(i => i.ObjectiveId == objective.Id));
        addIntervention.AssertRedirectTo($"/Plans/Details/{planId}#intervention-{intervention.LineageId}");
        Assert.Equal(("Individual therapy", "TF-CBT", "Weekly", "Invented Counseling Center", "Clinical lead"), (intervention.Type, intervention.Model, intervention.Frequency, intervention.Provider, intervention.ResponsibleStaff));
        Assert.Equal((app.Today, app.Today.AddMonths(4)), (intervention.StartOn!.Value, intervention.EndOn!.Value));

        var page = await browser.GetDocumentAsync($"/Plans/Details/{planId}");
        var shown = page.QuerySelector($"#goal-{goal.LineageId}")!;
        Assert.Same(shown, page.QuerySelector("#domain-MentalHealth")!.QuerySelector($"#goal-{goal.LineageId}"));
        Assert.Contains("I want to stop having nightmares", shown.QuerySelector(".youth-statement")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Sleep through the night five nights a week", shown.QuerySelector(".smart-statement")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("6", shown.QuerySelector(".gas-weight")!.TextContent.Trim());
        Assert.Equal(
            ["Sleeps through every night", "Sleeps through six nights a week", "Sleeps through five nights a week", "Nightmares most nights", "Nightmares every night"],
            shown.QuerySelectorAll(".gas tbody td").Select(td => td.TextContent.Trim()));
        var shownObjective = shown.QuerySelector($"#objective-{objective.LineageId}")!;
        Assert.Contains("1 night a week on " + Day(app.Today.AddDays(-3)), shownObjective.QuerySelector(".baseline")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("5 nights a week by " + Day(app.Today.AddMonths(2)), shownObjective.QuerySelector(".target")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Invented Sleep Clinic", shownObjective.QuerySelector(".responsible")!.TextContent, StringComparison.Ordinal);
        var shownIntervention = shownObjective.QuerySelector($"#intervention-{intervention.LineageId}")!.TextContent;
        Assert.Contains("TF-CBT", shownIntervention, StringComparison.Ordinal);
        Assert.Contains("Invented Counseling Center", shownIntervention, StringComparison.Ordinal);
        Assert.Contains($"{Day(app.Today)} to {Day(app.Today.AddMonths(4))}", shownIntervention, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task The_plan_page_shows_the_header_vision_strengths_meeting_signatures_and_return_comments(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id, "Headera Example");
        var planId = await app.CreatePlanAsync(residentId, PlanStatus.PendingApproval, counselor.Id);
        await app.WithDbAsync(async db =>
        {
            var plan = await db.ServicePlans.Include(p => p.Signatures).SingleAsync(p => p.Id == planId);
            plan.Return("Add a safety goal.\nAsk the youth about school.", app.Clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });

        var page = await browser.GetDocumentAsync($"/Plans/Details/{planId}");

        Assert.Equal("Service plan · SafeHome", page.Title);
        Assert.Contains("Headera Example", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", page.QuerySelector("#version-number")!.TextContent.Trim());
        Assert.Equal("Returned for revision", page.QuerySelector("#plan-status")!.TextContent.Trim());
        Assert.Equal(Day(app.Today.AddMonths(6)), page.QuerySelector("#target-on")!.TextContent.Trim());
        Assert.Equal("“I want to finish school and feel safe.”", page.QuerySelector("#youth-vision")!.TextContent.Trim());
        Assert.Equal("Preparation", page.QuerySelector("#stage-of-change")!.TextContent.Trim());
        Assert.Equal("Loves drawing and music", page.QuerySelector("#strengths-Youth .strength-text")!.TextContent.Trim());
        var returned = page.QuerySelector("#return-comments")!;
        Assert.Contains("alert-warning", returned.ClassList);
        Assert.Contains("Add a safety goal.", returned.TextContent, StringComparison.Ordinal);
        Assert.Contains("Ask the youth about school.", returned.TextContent, StringComparison.Ordinal);
        Assert.Contains("Youth, counselor, caseworker", page.QuerySelector("#meeting")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("I want more art time.", page.QuerySelector("#meeting")!.TextContent, StringComparison.Ordinal);

        // A returned plan voids its signatures: none are current, so none are shown as signing this version.
        Assert.Empty(page.QuerySelectorAll("#signatures .signature"));

        // Returned is editable again; the counselor gets the edit links and the workflow, not approval.
        Assert.NotNull(page.QuerySelector("#add-goal"));
        Assert.NotNull(page.QuerySelector("#workflow-link"));
        Assert.Null(page.QuerySelector("#approve-link"));
        Assert.Null(page.QuerySelector("#review-link"));
    }

    [Theory, Providers]
    public async Task Each_role_sees_the_links_that_fit_the_versions_status_and_only_counselors_get_edit_controls(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, counselorBrowser) = await app.SignInNewAsync(Roles.Counselor);
        var director = (await app.SignInNewAsync(Roles.ProgramDirector)).Browser;
        var auditor = (await app.SignInNewAsync(Roles.Auditor)).Browser;
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var pending = await app.CreatePlanAsync(residentId, PlanStatus.PendingApproval, counselor.Id);

        var forCounselor = await counselorBrowser.GetDocumentAsync($"/Plans/Details/{pending}");
        var forDirector = await director.GetDocumentAsync($"/Plans/Details/{pending}");
        var forAuditor = await auditor.GetDocumentAsync($"/Plans/Details/{pending}");

        Assert.Equal(3, new[] { forCounselor, forDirector, forAuditor }.Count(d => d.QuerySelector("#signatures .signature") is not null));
        Assert.Equal(3, forCounselor.QuerySelectorAll("#signatures .signature").Length);
        foreach (var page in new[] { forCounselor, forDirector, forAuditor })
        {
            // Waiting for approval is not editable: nobody gets edit, move or discontinue controls.
            Assert.Null(page.QuerySelector("#add-goal"));
            Assert.Null(page.QuerySelector("#edit-overview"));
            Assert.Empty(page.QuerySelectorAll("#goals form, #goals a.edit-goal"));
            Assert.NotNull(page.QuerySelector("#versions-link"));
            Assert.NotNull(page.QuerySelector("#print-link"));
            Assert.NotNull(page.QuerySelector("#reviews-link"));
        }

        Assert.NotNull(forCounselor.QuerySelector("#workflow-link"));
        Assert.Null(forCounselor.QuerySelector("#approve-link"));
        Assert.NotNull(forDirector.QuerySelector("#approve-link"));
        Assert.Null(forDirector.QuerySelector("#workflow-link"));
        Assert.Null(forAuditor.QuerySelector("#approve-link"));
        Assert.Null(forAuditor.QuerySelector("#workflow-link"));

        var draftResident = await app.CreateResidentAsync(counselor.Id);
        var draft = await app.CreatePlanAsync(draftResident, PlanStatus.Draft, counselor.Id);
        var draftForCounselor = await counselorBrowser.GetDocumentAsync($"/Plans/Details/{draft}");
        var draftForDirector = await director.GetDocumentAsync($"/Plans/Details/{draft}");
        var draftForAuditor = await auditor.GetDocumentAsync($"/Plans/Details/{draft}");
        Assert.NotNull(draftForCounselor.QuerySelector("#add-goal"));
        Assert.NotNull(draftForCounselor.QuerySelector("#edit-overview"));
        Assert.NotNull(draftForCounselor.QuerySelector("#goals a.edit-goal"));
        foreach (var page in new[] { draftForDirector, draftForAuditor })
        {
            Assert.Null(page.QuerySelector("#add-goal"));
            Assert.Null(page.QuerySelector("#goals a.edit-goal"));
            Assert.Empty(page.QuerySelectorAll("#goals form"));
        }

        var activeResident = await app.CreateResidentAsync(counselor.Id);
        var active = await app.CreatePlanAsync(activeResident, PlanStatus.Active, counselor.Id);
        Assert.NotNull((await counselorBrowser.GetDocumentAsync($"/Plans/Details/{active}")).QuerySelector("#review-link"));
        Assert.Null((await director.GetDocumentAsync($"/Plans/Details/{active}")).QuerySelector("#review-link"));
    }

    [Theory, Providers]
    public async Task Editing_the_overview_a_strength_a_goal_an_objective_and_an_intervention_stores_the_new_values(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var planId = await app.CreatePlanAsync(residentId, PlanStatus.Draft, counselor.Id);
        var seeded = await LoadPlanAsync(app, planId);
        var goal = seeded.Goals.Single();
        var objective = goal.Objectives.Single();
        var intervention = objective.Interventions.Single();
        var strength = seeded.Strengths.Single();

        (await browser.SubmitFormAsync($"/Plans/Overview/{planId}", new()
        {
            ["Input.YouthVision"] = "I want my own apartment.\nAnd a dog.",
            ["Input.StageOfChange"] = nameof(StageOfChange.Action),
            ["Input.EffectiveOn"] = Day(app.Today.AddDays(7)),
            ["Input.TargetOn"] = Day(app.Today.AddMonths(9)),
        })).AssertRedirectTo($"/Plans/Details/{planId}#overview");
        (await browser.SubmitFormAsync($"/Plans/Strength/{planId}?strengthId={strength.Id}", new()
        {
            ["Input.Source"] = nameof(StrengthSource.Community),
            ["Input.Text"] = "Youth group leader",
        })).AssertRedirectTo($"/Plans/Details/{planId}#strengths");
        (await browser.SubmitFormAsync($"/Plans/Strength/{planId}", new()
        {
            ["Input.Source"] = nameof(StrengthSource.Family),
            ["Input.Text"] = "Grandmother calls every Sunday",
        })).AssertRedirectTo($"/Plans/Details/{planId}#strengths");
        (await browser.SubmitFormAsync($"/Plans/Goal/{planId}?goalId={goal.Id}", new()
        {
            ["Input.YouthStatement"] = "Go to school most days",
            ["Input.Status"] = nameof(GoalStatus.PartiallyAchieved),
            ["Input.GasWeight"] = "",
            ["Input.GasMuchLess"] = "",
            ["Input.GasLess"] = "",
            ["Input.GasExpected"] = "",
            ["Input.GasMore"] = "",
            ["Input.GasMuchMore"] = "",
        })).AssertRedirectTo($"/Plans/Details/{planId}#goal-{goal.LineageId}");
        (await browser.SubmitFormAsync($"/Plans/Objective/{planId}?objectiveId={objective.Id}", new()
        {
            ["Input.Target"] = "95%",
            ["Input.TargetOn"] = Day(app.Today.AddMonths(5)),
        })).AssertRedirectTo($"/Plans/Details/{planId}#objective-{objective.LineageId}");
        (await browser.SubmitFormAsync($"/Plans/Intervention/{planId}?objectiveId={objective.Id}&interventionId={intervention.Id}", new()
        {
            ["Input.Frequency"] = "Three times a week",
            ["Input.EndOn"] = Day(app.Today.AddMonths(6)),
        })).AssertRedirectTo($"/Plans/Details/{planId}#intervention-{intervention.LineageId}");

        var saved = await LoadPlanAsync(app, planId);
        Assert.Equal("I want my own apartment.\nAnd a dog.", saved.YouthVision);
        Assert.Equal(StageOfChange.Action, saved.StageOfChange);
        Assert.Equal(app.Today.AddDays(7), saved.EffectiveOn);
        Assert.Equal(app.Today.AddMonths(9), saved.TargetOn);
        Assert.Equal(
            [(StrengthSource.Community, "Youth group leader"), (StrengthSource.Family, "Grandmother calls every Sunday")],
            saved.Strengths.OrderBy(s => s.SortOrder).Select(s => (s.Source, s.Text)));
        var savedGoal = saved.Goals.Single();
        Assert.Equal("Go to school most days", savedGoal.YouthStatement);
        Assert.Equal("Attend 90% of school days by the target date", savedGoal.SmartStatement);
        Assert.Equal(GoalStatus.PartiallyAchieved, savedGoal.Status);
        Assert.False(savedGoal.HasGasScale);
        Assert.Null(savedGoal.GasExpected);
        var savedObjective = savedGoal.Objectives.Single();
        Assert.Equal(("95%", app.Today.AddMonths(5), "40%"), (savedObjective.Target, savedObjective.TargetOn!.Value, savedObjective.Baseline!));
        var savedIntervention = savedObjective.Interventions.Single();
        Assert.Equal(("Three times a week", app.Today.AddMonths(6), "Tutoring"), (savedIntervention.Frequency!, savedIntervention.EndOn!.Value, savedIntervention.Type));

        // The lines of the vision are kept as lines on the plan page.
        var page = await browser.GetAsync($"/Plans/Details/{planId}");
        Assert.Contains("I want my own apartment.<br />And a dog.", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task A_strength_can_be_removed_from_a_draft(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var planId = await app.CreatePlanAsync(residentId, PlanStatus.Draft, counselor.Id);
        var strength = (await LoadPlanAsync(app, planId)).Strengths.Single();

        var response = await browser.SubmitFormAsync($"/Plans/Strength/{planId}?strengthId={strength.Id}", [], handler: "Remove");

        response.AssertRedirectTo($"/Plans/Details/{planId}#strengths");
        Assert.Empty((await LoadPlanAsync(app, planId)).Strengths);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(PlanStrength) && e.Action == "delete")));
    }

    [Theory, Providers]
    public async Task Moving_goals_objectives_and_interventions_changes_their_order_and_the_plan_page_follows(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var planId = await app.CreatePlanAsync(residentId, PlanStatus.Draft, counselor.Id);
        var seeded = await LoadPlanAsync(app, planId);
        var school = seeded.Goals.Single();
        var attendance = school.Objectives.Single();
        var tutoring = attendance.Interventions.Single();

        // Plan order: school (Education), therapy (Mental health), reading (Education).
        await AddGoalAsync(browser, planId, PlanDomain.MentalHealth, "See a therapist");
        await AddGoalAsync(browser, planId, PlanDomain.Education, "Read a book a month");
        (await browser.SubmitFormAsync($"/Plans/Objective/{planId}?goalId={school.Id}", new() { ["Input.Criterion"] = "Homework handed in", ["Input.Target"] = "All of it" }))
            .AssertRedirectTo($"/Plans/Details/{planId}");
        (await browser.SubmitFormAsync($"/Plans/Intervention/{planId}?objectiveId={attendance.Id}", new() { ["Input.Type"] = "Rides to school" }))
            .AssertRedirectTo($"/Plans/Details/{planId}");
        var before = await LoadPlanAsync(app, planId);
        var reading = before.Goals.Single(g => g.YouthStatement == "Read a book a month");
        var homework = before.Goals.Single(g => g.Id == school.Id).Objectives.Single(o => o.Criterion == "Homework handed in");
        Assert.Equal(["Go to school every day", "Read a book a month"], GoalsShown(await browser.GetDocumentAsync($"/Plans/Details/{planId}"), "Education"));

        // The plan page shows goals by domain, so moving "reading" up passes "school", not the therapy goal.
        (await SubmitFromPlanPageAsync(browser, planId, $"goalId={reading.Id}", "MoveUp")).AssertRedirectTo($"/Plans/Details/{planId}#goal-{reading.LineageId}");
        (await SubmitFromPlanPageAsync(browser, planId, $"objectiveId={homework.Id}", "MoveUp")).AssertRedirectTo($"/Plans/Details/{planId}#objective-{homework.LineageId}");
        (await SubmitFromPlanPageAsync(browser, planId, $"interventionId={tutoring.Id}", "MoveDown")).AssertRedirectTo($"/Plans/Details/{planId}#intervention-{tutoring.LineageId}");

        var after = await LoadPlanAsync(app, planId);
        var goals = after.Goals.OrderBy(g => g.SortOrder).Select(g => g.YouthStatement).ToList();
        Assert.True(goals.IndexOf("Read a book a month") < goals.IndexOf("Go to school every day"), string.Join(", ", goals));
        Assert.Equal([1, 2, 3], after.Goals.OrderBy(g => g.SortOrder).Select(g => g.SortOrder));
        Assert.Equal(["Homework handed in", "School days attended"], after.Goals.Single(g => g.Id == school.Id).Objectives.OrderBy(o => o.SortOrder).Select(o => o.Criterion));
        Assert.Equal(["Rides to school", "Tutoring"], after.AllObjectives.Single(o => o.Id == attendance.Id).Interventions.OrderBy(i => i.SortOrder).Select(i => i.Type));

        var page = await browser.GetDocumentAsync($"/Plans/Details/{planId}");
        Assert.Equal(["Read a book a month", "Go to school every day"], GoalsShown(page, "Education"));
        var schoolCard = page.QuerySelector($"#goal-{school.LineageId}")!;
        Assert.Equal(["Homework handed in", "School days attended"], schoolCard.QuerySelectorAll(".objective .criterion").Select(e => e.TextContent.Trim()));
        Assert.Equal(["Rides to school", "Tutoring"], schoolCard.QuerySelectorAll($"#objective-{attendance.LineageId} .intervention .type").Select(e => e.TextContent.Trim()));

        // Moving the first goal of a domain up changes nothing, and the edit page's own buttons work too.
        (await browser.SubmitFormAsync($"/Plans/Goal/{planId}?goalId={reading.Id}", [], handler: "MoveUp")).AssertRedirectTo($"/Plans/Details/{planId}");
        Assert.Equal(goals, (await LoadPlanAsync(app, planId)).Goals.OrderBy(g => g.SortOrder).Select(g => g.YouthStatement));
        (await browser.SubmitFormAsync($"/Plans/Goal/{planId}?goalId={reading.Id}", [], handler: "MoveDown")).AssertRedirectTo($"/Plans/Details/{planId}");
        Assert.Equal(["Go to school every day", "Read a book a month"], GoalsShown(await browser.GetDocumentAsync($"/Plans/Details/{planId}"), "Education"));
    }

    [Theory, Providers]
    public async Task Discontinuing_with_a_reason_keeps_each_item_visible_and_marked_with_its_reason(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var planId = await app.CreatePlanAsync(residentId, PlanStatus.Draft, counselor.Id);
        var goal = (await LoadPlanAsync(app, planId)).Goals.Single();
        var objective = goal.Objectives.Single();
        var intervention = objective.Interventions.Single();

        (await browser.SubmitFormAsync($"/Plans/Intervention/{planId}?interventionId={intervention.Id}", new() { ["Input.DiscontinuedReason"] = "The tutor moved away" }, handler: "Discontinue"))
            .AssertRedirectTo($"/Plans/Details/{planId}#intervention-{intervention.LineageId}");
        (await browser.SubmitFormAsync($"/Plans/Objective/{planId}?objectiveId={objective.Id}", new() { ["Input.DiscontinuedReason"] = "Attendance is tracked by the school now" }, handler: "Discontinue"))
            .AssertRedirectTo($"/Plans/Details/{planId}#objective-{objective.LineageId}");
        (await browser.SubmitFormAsync($"/Plans/Goal/{planId}?goalId={goal.Id}", new() { ["Input.DiscontinuedReason"] = "The youth finished the school year early" }, handler: "Discontinue"))
            .AssertRedirectTo($"/Plans/Details/{planId}#goal-{goal.LineageId}");

        var saved = await LoadPlanAsync(app, planId);
        var savedGoal = saved.Goals.Single();
        Assert.Equal((GoalStatus.Discontinued, "The youth finished the school year early"), (savedGoal.Status, savedGoal.DiscontinuedReason));
        Assert.Equal("Go to school every day", savedGoal.YouthStatement);
        Assert.Equal(2, savedGoal.GasWeight);
        var savedObjective = savedGoal.Objectives.Single();
        Assert.Equal((GoalStatus.Discontinued, "Attendance is tracked by the school now"), (savedObjective.Status, savedObjective.DiscontinuedReason));
        Assert.Equal("The tutor moved away", savedObjective.Interventions.Single().DiscontinuedReason);

        var page = await browser.GetDocumentAsync($"/Plans/Details/{planId}");
        var card = page.QuerySelector($"#goal-{goal.LineageId}")!;
        Assert.Contains("discontinued", card.ClassList);
        Assert.Equal("Discontinued", card.QuerySelector(".status")!.TextContent.Trim());
        Assert.Contains("The youth finished the school year early", card.QuerySelector(".discontinued-reason")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Go to school every day", card.QuerySelector(".youth-statement")!.TextContent, StringComparison.Ordinal);
        var shownObjective = card.QuerySelector($"#objective-{objective.LineageId}")!;
        Assert.Contains("discontinued", shownObjective.ClassList);
        Assert.Contains("Attendance is tracked by the school now", shownObjective.QuerySelector(".discontinued-reason")!.TextContent, StringComparison.Ordinal);
        var shownIntervention = card.QuerySelector($"#intervention-{intervention.LineageId}")!;
        Assert.Contains("discontinued", shownIntervention.ClassList);
        Assert.Contains("The tutor moved away", shownIntervention.TextContent, StringComparison.Ordinal);

        // Discontinued items are kept as they were: no edit links, and their edit pages say why instead of a form.
        Assert.Null(card.QuerySelector("a.edit-goal"));
        Assert.Null(card.QuerySelector(".add-objective"));
        Assert.Null(card.QuerySelector(".inline-edit-objective"));
        Assert.Null(card.QuerySelector(".inline-edit-intervention"));
        var editPage = await browser.GetDocumentAsync($"/Plans/Goal/{planId}?goalId={goal.Id}");
        Assert.Null(editPage.QuerySelector("#goal-form"));
        Assert.Contains("The youth finished the school year early", editPage.QuerySelector("#discontinued")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [ProviderInlineData("Goal", "goalId")]
    [ProviderInlineData("Objective", "objectiveId")]
    [ProviderInlineData("Intervention", "interventionId")]
    public async Task Discontinuing_without_a_reason_shows_a_message_next_to_the_reason_and_changes_nothing(string page, string key, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var planId = await app.CreatePlanAsync(residentId, PlanStatus.Draft, counselor.Id);
        var plan = await LoadPlanAsync(app, planId);
        var itemId = ItemIds(plan)[key];
        var before = await SnapshotAsync(app);

        var response = await browser.SubmitFormAsync($"/Plans/{page}/{planId}?{key}={itemId}", new() { ["Input.DiscontinuedReason"] = "   " }, handler: "Discontinue");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await HtmlForms.ParseAsync(response);
        Assert.Contains("Say why", document.FieldError("Input.DiscontinuedReason"), StringComparison.Ordinal);

        // The edit form above still shows the saved item, not blanks, and carries no messages of its own.
        var saved = page switch
        {
            "Goal" => plan.Goals[0].YouthStatement,
            "Objective" => plan.Goals[0].Objectives[0].Criterion,
            _ => plan.Goals[0].Objectives[0].Interventions[0].Type,
        };
        Assert.Contains(saved, document.QuerySelector("form[id$='-form']")!.InnerHtml, StringComparison.Ordinal);
        Assert.Single(document.QuerySelectorAll(".field-validation-error"), e => e.TextContent.Trim().Length > 0);
        Assert.Equal(before, await SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task A_counselor_trying_to_edit_an_active_version_is_refused_on_every_form_and_nothing_changes(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var planId = await app.CreatePlanAsync(residentId, PlanStatus.Active, counselor.Id);
        var plan = await LoadPlanAsync(app, planId);
        var ids = ItemIds(plan);
        var before = await SnapshotAsync(app);

        foreach (var url in EditPageUrls(planId, ids))
        {
            var page = await browser.GetDocumentAsync(url);
            Assert.True(page.QuerySelector("#not-editable") is not null, $"no notice on {url}");
            Assert.Empty(page.QuerySelectorAll("main form[method=post]"));
        }

        // Complete, valid-looking forms with the current version: only the version's status stands in the way.
        var token = await browser.AntiforgeryTokenAsync($"/Plans/Details/{planId}");
        foreach (var (url, fields) in ValidPosts(planId, ids, plan.Version, app.Today))
        {
            var response = await browser.PostAsync(url, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {(int)response.StatusCode}");
            var page = await HtmlForms.ParseAsync(response);
            var summary = page.QuerySelector(".validation-summary-errors")?.TextContent ?? string.Empty;
            Assert.True(summary.Contains("This version is active", StringComparison.Ordinal) && summary.Contains("Revise the plan", StringComparison.Ordinal), $"{url}: {summary}");
            Assert.NotNull(page.QuerySelector("#not-editable"));
        }

        Assert.Equal(before, await SnapshotAsync(app));
        Assert.Null((await browser.GetDocumentAsync($"/Plans/Details/{planId}")).QuerySelector("#add-goal"));
    }

    [Theory, Providers]
    public async Task Another_counselor_gets_404_on_the_plan_page_and_on_every_content_page_and_changes_nothing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var owner = await app.CreateStaffAsync(Roles.Counselor);
        var (_, other) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(owner.Id);
        var planId = await app.CreatePlanAsync(residentId, PlanStatus.Draft, owner.Id);
        var plan = await LoadPlanAsync(app, planId);
        var ids = ItemIds(plan);
        var before = await SnapshotAsync(app);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Plans/Details/{planId}")).StatusCode);
        foreach (var url in EditPageUrls(planId, ids).Append($"/Plans/Objective/{planId}").Append($"/Plans/Intervention/{planId}"))
        {
            Assert.True((await other.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, $"GET {url}");
        }

        var token = await other.AntiforgeryTokenAsync("/Residents");
        foreach (var (url, fields) in ValidPosts(planId, ids, plan.Version, app.Today))
        {
            var response = await other.PostAsync(url, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {url} answered {(int)response.StatusCode}");
        }

        Assert.Equal(before, await SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task An_auditor_reads_the_plan_page_but_every_post_is_refused_and_changes_nothing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, counselorBrowser) = await app.SignInNewAsync(Roles.Counselor);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var planId = await app.CreatePlanAsync(residentId, PlanStatus.Draft, counselor.Id);
        var plan = await LoadPlanAsync(app, planId);
        var ids = ItemIds(plan);
        var before = await SnapshotAsync(app);

        var page = await auditor.GetDocumentAsync($"/Plans/Details/{planId}");
        Assert.Contains("Go to school every day", page.QuerySelector($"#goal-{plan.Goals[0].LineageId}")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#add-goal"));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(ServicePlan) && e.EntityKey == planId.ToString() && e.Action == "view")));

        // The auditor cannot open the forms; it posts what a counselor's forms would send, with its own token.
        var token = await auditor.AntiforgeryTokenAsync($"/Plans/Details/{planId}");
        foreach (var (url, fields) in ValidPosts(planId, ids, plan.Version, app.Today))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync(url)).StatusCode);
            var response = await auditor.PostAsync(url, new FormUrlEncodedContent([.. fields, new("__RequestVerificationToken", token)]));
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"POST {url} answered {(int)response.StatusCode}");
        }

        Assert.Equal(before, await SnapshotAsync(app));

        // The same posts from the counselor are accepted, so the refusals above were about the auditor.
        var counselorToken = await counselorBrowser.AntiforgeryTokenAsync($"/Plans/Details/{planId}");
        var (goalUrl, goalFields) = ValidPosts(planId, ids, plan.Version, app.Today).First(p => p.Url.StartsWith($"/Plans/Goal/{planId}?goalId=", StringComparison.Ordinal) && !p.Url.Contains("handler", StringComparison.Ordinal));
        (await counselorBrowser.PostAsync(goalUrl, new FormUrlEncodedContent([.. goalFields, new("__RequestVerificationToken", counselorToken)]))).AssertRedirectTo($"/Plans/Details/{planId}");
    }

    [Theory, Providers]
    public async Task An_item_id_that_is_not_part_of_this_version_answers_404_and_changes_nothing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var planId = await app.CreatePlanAsync(residentId, PlanStatus.Draft, counselor.Id);
        var otherResident = await app.CreateResidentAsync(counselor.Id);
        var otherPlanId = await app.CreatePlanAsync(otherResident, PlanStatus.Draft, counselor.Id);
        var plan = await LoadPlanAsync(app, planId);
        var mine = ItemIds(plan);
        var others = ItemIds(await LoadPlanAsync(app, otherPlanId));
        var secondGoalId = await AddGoalAsync(browser, planId, PlanDomain.Safety, "Feel safe at night");
        var version = (await LoadPlanAsync(app, planId)).Version;
        var before = await SnapshotAsync(app);

        // Items of another plan of the same counselor, random ids, and a child under the wrong parent.
        string[] forged =
        [
            $"/Plans/Goal/{planId}?goalId={others["goalId"]}",
            $"/Plans/Goal/{planId}?goalId={Guid.NewGuid()}",
            $"/Plans/Strength/{planId}?strengthId={others["strengthId"]}",
            $"/Plans/Objective/{planId}?goalId={others["goalId"]}",
            $"/Plans/Objective/{planId}?objectiveId={others["objectiveId"]}",
            $"/Plans/Objective/{planId}?goalId={secondGoalId}&objectiveId={mine["objectiveId"]}",
            $"/Plans/Intervention/{planId}?objectiveId={others["objectiveId"]}",
            $"/Plans/Intervention/{planId}?interventionId={Guid.NewGuid()}",
            $"/Plans/Intervention/{planId}?objectiveId={Guid.NewGuid()}&interventionId={mine["interventionId"]}",
        ];
        var token = await browser.AntiforgeryTokenAsync($"/Plans/Details/{planId}");
        foreach (var url in forged)
        {
            Assert.True((await browser.GetAsync(url)).StatusCode == HttpStatusCode.NotFound, $"GET {url}");
            var page = url.Split('/')[2];
            foreach (var handler in page == "Strength" ? new[] { "", "Remove" } : ["", "Discontinue", "MoveUp", "MoveDown"])
            {
                var target = handler.Length == 0 ? url : $"{url}&handler={handler}";
                var fields = ValidFields(page, version, app.Today).Append(new("__RequestVerificationToken", token));
                var response = await browser.PostAsync(target, new FormUrlEncodedContent(fields));
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"POST {target} answered {(int)response.StatusCode}");
            }
        }

        Assert.Equal(before, await SnapshotAsync(app));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Plans/Details/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Plans/Details/{residentId}")).StatusCode);
    }

    [Theory, Providers]
    public async Task Two_edits_from_the_same_version_the_second_gets_the_conflict_and_keeps_its_typing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var planId = await app.CreatePlanAsync(residentId, PlanStatus.Draft, counselor.Id);
        var goal = (await LoadPlanAsync(app, planId)).Goals.Single();
        var url = $"/Plans/Goal/{planId}?goalId={goal.Id}";
        var firstTab = await browser.GetDocumentAsync(url);
        var secondTab = await browser.GetDocumentAsync(url);

        var winner = await browser.SubmitFormAsync(firstTab, url, new() { ["Input.YouthStatement"] = "First wording" });
        var loser = await browser.SubmitFormAsync(secondTab, url, new() { ["Input.YouthStatement"] = "Second wording", ["Input.SmartStatement"] = "Typed in the second tab" });

        winner.AssertRedirectTo($"/Plans/Details/{planId}");
        Assert.Equal(HttpStatusCode.OK, loser.StatusCode);
        var page = await HtmlForms.ParseAsync(loser);
        var conflict = page.QuerySelector("#conflict")!.TextContent;
        Assert.Contains("First wording", conflict, StringComparison.Ordinal);
        Assert.Contains("Second wording", conflict, StringComparison.Ordinal);
        Assert.Equal("Second wording", page.QuerySelector("#Input_YouthStatement")!.TextContent.Trim());
        Assert.Equal("Typed in the second tab", page.QuerySelector("#Input_SmartStatement")!.TextContent.Trim());
        var saved = await LoadPlanAsync(app, planId);
        Assert.Equal("First wording", saved.Goals.Single().YouthStatement);
        Assert.Equal("Attend 90% of school days by the target date", saved.Goals.Single().SmartStatement);

        // The re-rendered form carries the current version, so saving again after review succeeds.
        (await browser.SubmitFormAsync(page, url, [])).AssertRedirectTo($"/Plans/Details/{planId}");
        Assert.Equal("Second wording", (await LoadPlanAsync(app, planId)).Goals.Single().YouthStatement);
    }

    [Theory, Providers]
    public async Task Any_change_to_the_plan_makes_a_form_opened_before_it_stale(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var planId = await app.CreatePlanAsync(residentId, PlanStatus.Draft, counselor.Id);
        var goal = (await LoadPlanAsync(app, planId)).Goals.Single();
        var objectiveUrl = $"/Plans/Objective/{planId}?goalId={goal.Id}";
        var staleObjective = await browser.GetDocumentAsync(objectiveUrl);

        (await browser.SubmitFormAsync($"/Plans/Overview/{planId}", new() { ["Input.YouthVision"] = "Changed in another tab" })).AssertRedirectTo($"/Plans/Details/{planId}");
        var late = await browser.SubmitFormAsync(staleObjective, objectiveUrl, new() { ["Input.Criterion"] = "Typed before the change", ["Input.Target"] = "3 a week" });

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var page = await HtmlForms.ParseAsync(late);
        Assert.NotNull(page.QuerySelector("#conflict"));
        Assert.Equal("Typed before the change", page.QuerySelector("#Input_Criterion")!.TextContent.Trim());
        Assert.Equal("3 a week", page.QuerySelector("#Input_Target")!.GetAttribute("value"));
        Assert.Single((await LoadPlanAsync(app, planId)).Goals.Single().Objectives);

        // A move button on a plan page opened before the change is stale too, and moves nothing.
        var objective = goal.Objectives.Single();
        (await browser.SubmitFormAsync($"/Plans/Objective/{planId}?goalId={goal.Id}", new() { ["Input.Criterion"] = "Second", ["Input.Target"] = "1" })).AssertRedirectTo($"/Plans/Details/{planId}");
        var refreshed = await browser.GetDocumentAsync($"/Plans/Details/{planId}");
        var second = (await LoadPlanAsync(app, planId)).Goals.Single().Objectives.Single(o => o.Criterion == "Second");
        (await browser.SubmitFormAsync($"/Plans/Overview/{planId}", new() { ["Input.YouthVision"] = "Changed again" })).AssertRedirectTo($"/Plans/Details/{planId}");
        var staleMove = await SubmitFromPlanPageAsync(browser, refreshed, $"objectiveId={second.Id}", "MoveUp");
        Assert.Equal(HttpStatusCode.OK, staleMove.StatusCode);
        Assert.NotNull((await HtmlForms.ParseAsync(staleMove)).QuerySelector("#conflict"));
        Assert.Equal(1, (await LoadPlanAsync(app, planId)).AllObjectives.Single(o => o.Id == objective.Id).SortOrder);
    }

    internal static async Task<Guid> AddGoalAsync(HttpClient browser, Guid planId, PlanDomain domain, string statement)
    {
        var response = await browser.SubmitFormAsync($"/Plans/Goal/{planId}", new()
        {
            ["Input.Domain"] = domain.ToString(),
            ["Input.YouthStatement"] = statement,
        });
        response.AssertRedirectTo($"/Plans/Details/{planId}#goal-");
        return Guid.Parse(response.Location()[(response.Location().IndexOf("#goal-", StringComparison.Ordinal) + 6)..]);
    }

    private static List<string> GoalsShown(IHtmlDocument page, string domain) =>
        [.. page.QuerySelectorAll($"#domain-{domain} .goal .youth-statement").Select(e => e.TextContent.Trim().Trim('“', '”'))];

    private static async Task<HttpResponseMessage> SubmitFromPlanPageAsync(HttpClient browser, Guid planId, string item, string handler) =>
        await SubmitFromPlanPageAsync(browser, await browser.GetDocumentAsync($"/Plans/Details/{planId}"), item, handler);

    /// Posts the one small form on the plan page whose action names the item and the handler (the move buttons).
    private static async Task<HttpResponseMessage> SubmitFromPlanPageAsync(HttpClient browser, IHtmlDocument page, string item, string handler)
    {
        var form = page.QuerySelectorAll("form[method=post]").OfType<IHtmlFormElement>().Single(f =>
            f.GetAttribute("action") is { } action && action.Contains(item, StringComparison.Ordinal) && action.Contains($"handler={handler}", StringComparison.Ordinal));
        return await browser.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(HtmlForms.FieldsOf(form)));
    }

    internal static Task<ServicePlan> LoadPlanAsync(SafeHomeApp app, Guid planId) => app.WithDbAsync(db => db.ServicePlans.AsNoTracking()
        .Include(p => p.Strengths)
        .Include(p => p.Goals).ThenInclude(g => g.Objectives).ThenInclude(o => o.Interventions)
        .Include(p => p.Signatures)
        .Include(p => p.Meeting)
        .AsSplitQuery()
        .SingleAsync(p => p.Id == planId));

    /// Every stored value of every plan, strength, goal, objective and intervention, so any change at all shows up.
    internal static Task<string> SnapshotAsync(SafeHomeApp app) => app.WithDbAsync(async db =>
    {
        var plans = await db.ServicePlans.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
        var strengths = await db.Set<PlanStrength>().AsNoTracking().OrderBy(s => s.Id).ToListAsync();
        var goals = await db.PlanGoals.AsNoTracking().OrderBy(g => g.Id).ToListAsync();
        var objectives = await db.PlanObjectives.AsNoTracking().OrderBy(o => o.Id).ToListAsync();
        var interventions = await db.Set<PlanIntervention>().AsNoTracking().OrderBy(i => i.Id).ToListAsync();
        return JsonSerializer.Serialize(new { plans, strengths, goals, objectives, interventions });
    });

    internal static Dictionary<string, Guid> ItemIds(ServicePlan plan) => new()
    {
        ["strengthId"] = plan.Strengths[0].Id,
        ["goalId"] = plan.Goals[0].Id,
        ["objectiveId"] = plan.Goals[0].Objectives[0].Id,
        ["interventionId"] = plan.Goals[0].Objectives[0].Interventions[0].Id,
    };

    private static IEnumerable<string> EditPageUrls(Guid planId, Dictionary<string, Guid> ids) =>
    [
        $"/Plans/Overview/{planId}",
        $"/Plans/Strength/{planId}",
        $"/Plans/Strength/{planId}?strengthId={ids["strengthId"]}",
        $"/Plans/Goal/{planId}",
        $"/Plans/Goal/{planId}?goalId={ids["goalId"]}",
        $"/Plans/Objective/{planId}?goalId={ids["goalId"]}",
        $"/Plans/Objective/{planId}?objectiveId={ids["objectiveId"]}",
        $"/Plans/Intervention/{planId}?objectiveId={ids["objectiveId"]}",
        $"/Plans/Intervention/{planId}?interventionId={ids["interventionId"]}",
    ];

    /// Every POST handler of the content pages, each with a form that would be accepted on an editable version.
    internal static IEnumerable<(string Url, List<KeyValuePair<string, string>> Fields)> ValidPosts(Guid planId, Dictionary<string, Guid> ids, long version, DateOnly today)
    {
        yield return ($"/Plans/Overview/{planId}", ValidFields("Overview", version, today));
        yield return ($"/Plans/Strength/{planId}", ValidFields("Strength", version, today));
        yield return ($"/Plans/Strength/{planId}?strengthId={ids["strengthId"]}", ValidFields("Strength", version, today));
        yield return ($"/Plans/Strength/{planId}?strengthId={ids["strengthId"]}&handler=Remove", ValidFields("Strength", version, today));
        yield return ($"/Plans/Goal/{planId}", ValidFields("Goal", version, today));
        yield return ($"/Plans/Objective/{planId}?goalId={ids["goalId"]}", ValidFields("Objective", version, today));
        yield return ($"/Plans/Intervention/{planId}?objectiveId={ids["objectiveId"]}", ValidFields("Intervention", version, today));
        foreach (var (page, key) in new[] { ("Goal", "goalId"), ("Objective", "objectiveId"), ("Intervention", "interventionId") })
        {
            var url = $"/Plans/{page}/{planId}?{key}={ids[key]}";
            yield return (url, ValidFields(page, version, today));
            yield return ($"{url}&handler=Discontinue", ValidFields(page, version, today));
            yield return ($"{url}&handler=MoveUp", ValidFields(page, version, today));
            yield return ($"{url}&handler=MoveDown", ValidFields(page, version, today));
        }
    }

    internal static List<KeyValuePair<string, string>> ValidFields(string page, long version, DateOnly today)
    {
        Dictionary<string, string> fields = page switch
        {
            "Overview" => new() { ["Input.YouthVision"] = "Forged vision", ["Input.StageOfChange"] = "Action", ["Input.TargetOn"] = Day(today.AddMonths(1)) },
            "Strength" => new() { ["Input.Source"] = "Family", ["Input.Text"] = "Forged strength" },
            "Goal" => new() { ["Input.Domain"] = "Safety", ["Input.YouthStatement"] = "Forged goal", ["Input.Priority"] = "Low", ["Input.Status"] = "InProgress" },
            "Objective" => new() { ["Input.Criterion"] = "Forged objective", ["Input.Target"] = "1", ["Input.MetricType"] = "Count", ["Input.Responsible"] = "Youth", ["Input.Status"] = "InProgress" },
            _ => new() { ["Input.Type"] = "Forged intervention" },
        };
        fields["Input.DiscontinuedReason"] = "Forged reason";
        fields["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return [.. fields];
    }
}
