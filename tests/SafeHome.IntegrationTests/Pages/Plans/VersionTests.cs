using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Plans;

/// Plan versions (issue 3, items 3 and 6): starting, revising, superseding, comparing and the youth's printed copy.
public sealed partial class VersionTests
{
    [Theory, Providers]
    public async Task Start_creates_version_one_once_and_a_second_start_is_refused(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var index = await browser.GetDocumentAsync($"/Plans/Index/{residentId}");
        Assert.NotNull(index.QuerySelector("#no-plan"));

        var first = await browser.SubmitFormAsync(index, $"/Plans/Index/{residentId}", new(), handler: "Start");
        var again = await browser.SubmitFormAsync(index, $"/Plans/Index/{residentId}", new(), handler: "Start");

        var plan = await app.WithDbAsync(db => db.ServicePlans.AsNoTracking().SingleAsync());
        first.AssertRedirectTo($"/Plans/Details/{plan.Id}");
        Assert.Equal((residentId, 1, PlanStatus.Draft, counselor.Id, (Guid?)null), (plan.ResidentId, plan.VersionNumber, plan.Status, plan.CreatedById, plan.PreviousVersionId));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("already has a plan", (await HtmlForms.ParseAsync(again)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        var list = await browser.GetDocumentAsync($"/Plans/Index/{residentId}");
        Assert.Null(list.QuerySelector("form[action*='handler=Start']"));
        Assert.Equal("Draft", list.QuerySelector("#versions .version .status")!.TextContent.Trim());
    }

    [Theory, Providers]
    public async Task After_discharge_closes_the_plan_a_readmitted_resident_starts_a_new_numbered_plan(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var closedId = await app.CreatePlanAsync(residentId, PlanStatus.Active, counselor.Id);
        (await browser.SubmitFormAsync($"/Residents/Discharge/{residentId}", new() { ["Input.DischargedOn"] = app.Today.AddDays(-5).ToString("yyyy-MM-dd") })).AssertRedirectTo("/Residents/Details/");
        (await browser.SubmitFormAsync($"/Residents/Admit/{residentId}", new() { ["Input.Stay.AdmittedOn"] = app.Today.ToString("yyyy-MM-dd"), ["Input.Stay.PlacingAgency"] = "Invented County Agency" })).AssertRedirectTo("/Residents/Details/");

        var start = await browser.SubmitFormAsync($"/Plans/Index/{residentId}", new(), handler: "Start");

        start.AssertRedirectTo("/Plans/Details/");
        var plans = await app.WithDbAsync(db => db.ServicePlans.AsNoTracking().OrderBy(p => p.VersionNumber).ToListAsync());
        Assert.Equal([(closedId, 1, PlanStatus.Closed), (plans[1].Id, 2, PlanStatus.Draft)], plans.Select(p => (p.Id, p.VersionNumber, p.Status)));
    }

    [Theory, Providers]
    public async Task Revise_starts_the_next_draft_from_the_active_plan_and_is_refused_while_a_version_is_open(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var draftOnly = await app.CreateResidentAsync(counselor.Id, "Drafty Example", "Drafty Q. Example");
        await app.CreatePlanAsync(draftOnly, PlanStatus.PendingApproval, counselor.Id);
        var activeId = await app.CreatePlanAsync(residentId, PlanStatus.Active, counselor.Id);
        var before = await PlanPages.LoadAsync(app, activeId);

        var revise = await browser.SubmitFormAsync($"/Plans/Index/{residentId}", new(), handler: "Revise");

        var draft = await app.WithDbAsync(db => db.ServicePlans.AsNoTracking().Where(p => p.ResidentId == residentId && p.VersionNumber == 2).Select(p => new { p.Id, p.Status, p.PreviousVersionId }).SingleAsync());
        revise.AssertRedirectTo($"/Plans/Details/{draft.Id}");
        Assert.Equal((PlanStatus.Draft, (Guid?)activeId), (draft.Status, draft.PreviousVersionId));
        var copy = await PlanPages.LoadAsync(app, draft.Id);
        Assert.Equal(before.Goals.Select(g => g.LineageId), copy.Goals.Select(g => g.LineageId));
        Assert.Equal(before.YouthVision, copy.YouthVision);
        var active = await PlanPages.LoadAsync(app, activeId);
        Assert.Equal((PlanStatus.Active, before.Version), (active.Status, active.Version));

        // A second revision while version 2 is open, and a revision of a resident whose only plan waits for approval.
        var again = await PlanPages.PostAsync(app, browser, $"/Plans/Index/{residentId}", "Revise", null);
        var noActive = await PlanPages.PostAsync(app, browser, $"/Plans/Index/{draftOnly}", "Revise", null);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("version 2 is still open", (await HtmlForms.ParseAsync(again)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, noActive.StatusCode);
        Assert.Contains("Nothing was started", (await HtmlForms.ParseAsync(noActive)).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, await app.WithDbAsync(db => db.ServicePlans.CountAsync()));
    }

    [Theory, Providers]
    public async Task Approving_a_revision_supersedes_the_active_version_and_the_list_shows_both(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var (director, directorBrowser) = await app.SignInNewAsync(Roles.ProgramDirector);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var v1 = await app.CreatePlanAsync(residentId, PlanStatus.Active, counselor.Id);
        var v2 = await app.CreatePlanAsync(residentId, PlanStatus.PendingApproval, counselor.Id);

        var approvePage = await directorBrowser.GetDocumentAsync($"/Plans/Approve/{v2}");
        Assert.Contains("version 1 is superseded", approvePage.QuerySelector("form[action*='handler=Approve']")!.TextContent, StringComparison.Ordinal);
        (await directorBrowser.SubmitFormAsync(approvePage, $"/Plans/Approve/{v2}", new(), handler: "Approve")).AssertRedirectTo($"/Plans/Details/{v2}");

        var old = await PlanPages.LoadAsync(app, v1);
        var current = await PlanPages.LoadAsync(app, v2);
        Assert.Equal(PlanStatus.Superseded, old.Status);
        Assert.Equal((PlanStatus.Active, director.Id, app.Today), (current.Status, current.ApprovedById, current.EffectiveOn));
        Assert.Equal(1, await app.WithDbAsync(db => db.ServicePlans.CountAsync(p => p.Status == PlanStatus.Active)));

        var list = await browser.GetDocumentAsync($"/Plans/Index/{residentId}");
        var rows = list.QuerySelectorAll("#versions .version").Select(r => (Link: r.QuerySelector("a")!.GetAttribute("href"), Status: r.QuerySelector(".status")!.TextContent.Trim())).ToList();
        Assert.Equal([($"/Plans/Details/{v2}", "Active"), ($"/Plans/Details/{v1}", "Superseded")], rows);
        Assert.NotNull(list.QuerySelector("form[action*='handler=Revise']"));
    }

    [Theory, Providers]
    public async Task Compare_shows_an_edited_objectives_old_and_new_target_and_marks_added_and_unchanged_items(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var v1 = await app.CreatePlanAsync(residentId, PlanStatus.Active, counselor.Id);
        (await browser.SubmitFormAsync($"/Plans/Index/{residentId}", new(), handler: "Revise")).AssertRedirectTo("/Plans/Details/");
        var v2 = await app.WithDbAsync(db => db.ServicePlans.Where(p => p.VersionNumber == 2).Select(p => p.Id).SingleAsync());
        await app.WithDbAsync(async db =>
        {
            var plan = await db.ServicePlans.Include(p => p.Strengths).Include(p => p.Goals).ThenInclude(g => g.Objectives).AsSplitQuery().SingleAsync(p => p.Id == v2);
            var objective = plan.Goals.Single().Objectives.Single();
            plan.UpdateObjective(objective.Id, objective.Details with { Target = "95%" });
            plan.AddGoal(new GoalDetails(PlanDomain.FamilyRelationships, "See my little brother every week", null, GoalPriority.Medium, null, GoalStatus.NotStarted, null, null, null, null, null, null));
            plan.UpdateOverview("I want to finish school, feel safe and see my brother.", plan.StageOfChange, null, plan.TargetOn);
            return await db.SaveChangesAsync();
        });

        var index = await browser.GetDocumentAsync($"/Plans/Index/{residentId}");
        Assert.NotNull(index.QuerySelector("#compare-form"));
        var response = await browser.GetAsync($"/Plans/Compare/{residentId}?from={v1}&to={v2}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        var objective = page.QuerySelector(".diff-item[data-kind='objective']")!;
        Assert.Contains("changed", objective.QuerySelector(".change")!.TextContent, StringComparison.Ordinal);
        var target = objective.QuerySelectorAll("tr.changed").Single(r => r.QuerySelector("th")!.TextContent.StartsWith("Target ", StringComparison.Ordinal));
        Assert.Equal("90%", target.QuerySelector("td.old del")!.TextContent);
        Assert.Equal("95%", target.QuerySelector("td.new ins")!.TextContent);
        Assert.Contains("changed", target.TextContent, StringComparison.Ordinal);
        Assert.Single(objective.QuerySelectorAll("tr.changed"));

        var goals = page.QuerySelectorAll("#goals > .diff-item").Select(g => (g.QuerySelector("h3")!.TextContent, g.QuerySelector(".change")!.TextContent)).ToList();
        Assert.Equal(2, goals.Count);
        Assert.Contains("Go to school every day", goals[0].Item1, StringComparison.Ordinal);
        Assert.Equal("changed", goals[0].Item2);
        Assert.Contains("See my little brother every week", goals[1].Item1, StringComparison.Ordinal);
        Assert.Equal("added", goals[1].Item2);
        Assert.Equal("unchanged", page.QuerySelector(".diff-item[data-kind='intervention'] .change")!.TextContent);
        Assert.Equal("unchanged", page.QuerySelector("#strengths .diff-item .change")!.TextContent);
        var vision = page.QuerySelectorAll("#overview tr.changed").Single(r => r.QuerySelector("th")!.TextContent.Contains("vision", StringComparison.Ordinal));
        Assert.Equal("I want to finish school and feel safe.", vision.QuerySelector("del")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("#overview tr.changed"), r => r.QuerySelector("th")!.TextContent.StartsWith("Status", StringComparison.Ordinal));

        // Reversed, the same goal shows as removed.
        var reversed = await browser.GetDocumentAsync($"/Plans/Compare/{residentId}?from={v2}&to={v1}");
        Assert.Contains(reversed.QuerySelectorAll("#goals > .diff-item"), g => g.QuerySelector(".change")!.TextContent == "removed" && g.TextContent.Contains("little brother", StringComparison.Ordinal));
    }

    [Theory, Providers]
    public async Task Compare_answers_404_for_plan_ids_of_another_resident_or_malformed_ids(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var otherResident = await app.CreateResidentAsync(counselor.Id, "Other Example", "Other Q. Example");
        var own = await app.CreatePlanAsync(residentId, PlanStatus.Draft, counselor.Id);
        var others = await app.CreatePlanAsync(otherResident, PlanStatus.Draft, counselor.Id);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Plans/Compare/{residentId}?from={own}&to={own}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/Plans/Compare/{residentId}")).StatusCode);
        foreach (var query in new[] { $"from={own}&to={others}", $"from={others}&to={own}", $"from={others}", $"from=not-a-guid&to={own}", $"from={Guid.NewGuid()}&to={own}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/Plans/Compare/{residentId}?{query}")).StatusCode);
        }
    }

    [Theory, Providers]
    public async Task The_youths_copy_has_their_words_and_no_ids_legal_name_staff_notes_or_navigation(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var residentId = await app.CreateResidentAsync(counselor.Id, "Robin Example", "Roberta Legalname Example");
        var id = await app.CreatePlanAsync(residentId, PlanStatus.PendingApproval, counselor.Id);
        (await director.SubmitFormAsync($"/Plans/Approve/{id}", new() { ["Input.ReturnComments"] = "Staff only: check the court date." }, handler: "Return"))
            .AssertRedirectTo($"/Plans/Details/{id}");
        await app.WithDbAsync(async db =>
        {
            var plan = await db.ServicePlans.Include(p => p.Goals).ThenInclude(g => g.Objectives).AsSplitQuery().SingleAsync(p => p.Id == id);
            var dropped = plan.AddGoal(new GoalDetails(PlanDomain.EmploymentVocational, "Get a weekend job", null, GoalPriority.Low, null, GoalStatus.NotStarted, null, null, null, null, null, null));
            plan.DiscontinueGoal(dropped.Id, "Internal: waiting on work permit");
            return await db.SaveChangesAsync();
        });

        var response = await browser.GetAsync($"/Plans/Print/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var page = await HtmlForms.ParseAsync(response);
        Assert.DoesNotMatch(Guids(), html);
        Assert.DoesNotContain("Roberta Legalname Example", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Staff only", html, StringComparison.Ordinal);
        Assert.DoesNotContain("work permit", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Get a weekend job", html, StringComparison.Ordinal);
        Assert.Equal("Service plan", page.Title);
        Assert.Empty(page.QuerySelectorAll("nav, form, header nav, footer"));
        Assert.Equal("Robin Example", page.QuerySelector("#youth-name")!.TextContent);
        Assert.Contains("I want to finish school and feel safe.", page.QuerySelector("#vision")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Loves drawing and music", page.QuerySelector("#strengths")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Go to school every day", page.QuerySelector(".goal h3")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("90%", page.QuerySelector(".goal .objective")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tutoring", page.QuerySelector(".goal .objective")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("I want more art time.", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.QuerySelectorAll("#signatures tr").Length);
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guids();
}
