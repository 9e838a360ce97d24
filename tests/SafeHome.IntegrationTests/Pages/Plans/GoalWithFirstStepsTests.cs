using System.Net;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Plans;

// Adding a goal together with its first objective and first intervention in one form (issue 19 item 5): one save,
// one version; empty steps leave a goal alone as before; a step that cannot be added keeps the form as typed.
public sealed class GoalWithFirstStepsTests
{
    private static readonly Dictionary<string, string> GoalFields = new()
    {
        ["Input.Domain"] = nameof(PlanDomain.IndependentLivingLifeSkills),
        ["Input.YouthStatement"] = "I want to cook my own dinner",
    };

    private static readonly Dictionary<string, string> ObjectiveFields = new()
    {
        ["FirstObjective.Criterion"] = "Dinners cooked alone each week",
        ["FirstObjective.Target"] = "3 a week",
        ["FirstObjective.MetricType"] = nameof(MetricType.Count),
    };

    private static readonly Dictionary<string, string> InterventionFields = new()
    {
        ["FirstIntervention.Type"] = "Cooking lessons",
        ["FirstIntervention.Frequency"] = "Weekly",
    };

    // Later parts override earlier ones, so a case can blank one field of a step.
    private static Dictionary<string, string> Form(params Dictionary<string, string>[] parts) =>
        parts.SelectMany(p => p).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value);

    [Theory, Providers]
    public async Task A_goal_its_first_objective_and_first_intervention_are_added_in_one_save(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var planId = await app.CreatePlanAsync(await app.CreateResidentAsync(counselor.Id), PlanStatus.Draft, counselor.Id);
        var before = await ContentTests.LoadPlanAsync(app, planId);

        var response = await browser.SubmitFormAsync($"/Plans/Goal/{planId}", Form(GoalFields, ObjectiveFields, InterventionFields));

        var plan = await ContentTests.LoadPlanAsync(app, planId);
        var goal = plan.Goals.Single(g => g.YouthStatement == "I want to cook my own dinner");
        response.AssertRedirectTo($"/Plans/Details/{planId}#goal-{goal.LineageId}");
        Assert.Equal(before.Version + 1, plan.Version);
        Assert.Equal(before.Goals.Max(g => g.SortOrder) + 1, goal.SortOrder);
        var objective = Assert.Single(goal.Objectives);
        Assert.Equal(("Dinners cooked alone each week", "3 a week", MetricType.Count, 1), (objective.Criterion, objective.Target, objective.MetricType, objective.SortOrder));
        var intervention = Assert.Single(objective.Interventions);
        Assert.Equal(("Cooking lessons", "Weekly", 1), (intervention.Type, intervention.Frequency, intervention.SortOrder));

        var page = await browser.GetDocumentAsync($"/Plans/Details/{planId}");
        Assert.Contains("The goal is added with its first objective and intervention.", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var shown = page.QuerySelector($"#goal-{goal.LineageId}")!;
        Assert.NotNull(shown.QuerySelector($"#objective-{objective.LineageId} #intervention-{intervention.LineageId}"));
    }

    [Theory, Providers]
    public async Task A_goal_alone_is_added_as_before_when_the_first_steps_are_left_empty(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var planId = await app.CreatePlanAsync(await app.CreateResidentAsync(counselor.Id), PlanStatus.Draft, counselor.Id);
        var form = await browser.GetDocumentAsync($"/Plans/Goal/{planId}");
        Assert.NotNull(form.QuerySelector("#first-objective [name='FirstObjective.Criterion']"));
        Assert.NotNull(form.QuerySelector("#first-intervention [name='FirstIntervention.Type']"));

        var response = await browser.SubmitFormAsync(form, $"/Plans/Goal/{planId}", Form(GoalFields, new() { ["FirstObjective.Criterion"] = "  " }));

        var goal = (await ContentTests.LoadPlanAsync(app, planId)).Goals.Single(g => g.YouthStatement == "I want to cook my own dinner");
        response.AssertRedirectTo($"/Plans/Details/{planId}#goal-{goal.LineageId}");
        Assert.Empty(goal.Objectives);
        var page = await browser.GetDocumentAsync($"/Plans/Details/{planId}");
        Assert.Equal("The goal is added.", page.QuerySelector("[role=status]")!.TextContent.Trim());

        // Editing a goal has no first steps: none are shown, and posted ones are ignored.
        var editUrl = $"/Plans/Goal/{planId}?goalId={goal.Id}";
        Assert.Null((await browser.GetDocumentAsync(editUrl)).QuerySelector("#first-objective"));
        (await browser.SubmitFormAsync(editUrl, new() { ["FirstIntervention.Type"] = "Ignored" })).AssertRedirectTo($"/Plans/Details/{planId}#goal-{goal.LineageId}");
        Assert.Empty((await ContentTests.LoadPlanAsync(app, planId)).Goals.Single(g => g.Id == goal.Id).Objectives);
    }

    [Theory, Providers]
    public async Task An_intervention_without_an_objective_is_refused_beside_it_and_nothing_typed_is_lost(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var planId = await app.CreatePlanAsync(await app.CreateResidentAsync(counselor.Id), PlanStatus.Draft, counselor.Id);
        var before = await ContentTests.SnapshotAsync(app);

        var response = await browser.SubmitFormAsync($"/Plans/Goal/{planId}", Form(GoalFields, InterventionFields));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Equal("Add the first objective too, or leave the intervention empty.", page.FieldError("FirstIntervention"));
        Assert.NotNull(page.QuerySelector("#first-intervention [data-valmsg-for='FirstIntervention']"));
        Assert.Equal("I want to cook my own dinner", page.QuerySelector("#Input_YouthStatement")!.TextContent.Trim());
        Assert.Equal("Cooking lessons", page.QuerySelector("#FirstIntervention_Type")!.GetAttribute("value"));
        Assert.Equal("Weekly", page.QuerySelector("#FirstIntervention_Frequency")!.GetAttribute("value"));
        Assert.Equal(before, await ContentTests.SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task A_first_objective_without_its_target_is_refused_beside_the_target_and_the_goal_is_kept(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var planId = await app.CreatePlanAsync(await app.CreateResidentAsync(counselor.Id), PlanStatus.Draft, counselor.Id);
        var before = await ContentTests.SnapshotAsync(app);

        var response = await browser.SubmitFormAsync($"/Plans/Goal/{planId}", Form(GoalFields, ObjectiveFields, InterventionFields, new() { ["FirstObjective.Target"] = "" }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Equal("Enter the target.", page.FieldError("FirstObjective.Target"));
        Assert.Null(page.FieldError("Input.YouthStatement"));
        Assert.Null(page.FieldError("FirstIntervention"));
        Assert.Equal("I want to cook my own dinner", page.QuerySelector("#Input_YouthStatement")!.TextContent.Trim());
        Assert.Equal("Dinners cooked alone each week", page.QuerySelector("#FirstObjective_Criterion")!.TextContent.Trim());
        Assert.Equal("Cooking lessons", page.QuerySelector("#FirstIntervention_Type")!.GetAttribute("value"));
        Assert.Equal(before, await ContentTests.SnapshotAsync(app));
    }
}
