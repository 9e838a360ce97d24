using Microsoft.Playwright;
using SafeHome.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SafeHome.BrowserTests;

/// Issue 19 item 5: on the plan page a counselor writes the youth's vision, one strength and a goal with its first
/// objective and intervention in at most 12 steps. A step is a page load, a field filled, a choice made or a click
/// (a click that loads a page is one step). The test counts them as it takes them.
public sealed class PlanInFewStepsTests
{
    private const int MostSteps = 12;

    static PlanInFewStepsTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task Vision_strength_goal_objective_and_intervention_take_at_most_twelve_steps_on_the_plan_page()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var server = await SafeHomeServer.StartAsync(cancellation, seedDemo: true);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        // Setting up: a resident of the demo counselor with a new, empty draft plan.
        await EveryPageTests.SignInAsync(page, server, "demo.counselor@example.invalid");
        await page.GotoAsync("/Residents");
        await page.Locator("#residents tbody tr a").First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Service plan" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the first plan" }).ClickAsync();
        await Expect(page.Locator("#plan-status")).ToHaveTextAsync("Draft");
        var planUrl = page.Url;

        var steps = 0;
        async Task Step(Func<Task> action)
        {
            steps++;
            await action();
        }

        await Step(() => page.GotoAsync(planUrl));
        await Step(() => page.Locator("#vision-YouthVision").FillAsync("I want to finish school and have my own room with plants."));
        await Step(() => page.GetByRole(AriaRole.Button, new() { Name = "Save the vision" }).ClickAsync());
        await Step(() => page.Locator("#strength-Text").FillAsync("Keeps going when school gets hard"));
        await Step(() => page.GetByRole(AriaRole.Button, new() { Name = "Add the strength" }).ClickAsync());
        await Step(() => page.Locator("#goal-Domain").SelectOptionAsync(new SelectOptionValue { Label = "Education" }));
        await Step(() => page.Locator("#goal-YouthStatement").FillAsync("Go to school every day this term."));
        await Step(() => page.Locator("#goal-objective-Criterion").FillAsync("School days attended each week"));
        await Step(() => page.Locator("#goal-objective-Target").FillAsync("4 of 5 days"));
        await Step(() => page.Locator("#goal-intervention-Type").FillAsync("Weekly tutoring"));
        await Step(() => page.GetByRole(AriaRole.Button, new() { Name = "Add the goal" }).ClickAsync());

        Assert.True(steps <= MostSteps, $"{steps} steps");
        await Expect(page.Locator("#youth-vision")).ToContainTextAsync("my own room with plants");
        await Expect(page.Locator(".strength-text")).ToHaveTextAsync("Keeps going when school gets hard");
        var goal = page.Locator("article.goal");
        await Expect(goal).ToHaveCountAsync(1);
        await Expect(goal.Locator(".youth-statement")).ToContainTextAsync("Go to school every day this term.");
        await Expect(goal.Locator(".objective .criterion")).ToHaveTextAsync("School days attended each week");
        await Expect(goal.Locator(".objective .target")).ToContainTextAsync("4 of 5 days");
        await Expect(goal.Locator(".intervention .type")).ToHaveTextAsync("Weekly tutoring");

        // Inline under the goal, without leaving the plan page: a second objective, and an edit of the intervention.
        await goal.Locator("summary.add-objective").ClickAsync();
        await goal.Locator("[id^='add-objective-'][id$='-Criterion']").FillAsync("Homework handed in");
        await goal.Locator("[id^='add-objective-'][id$='-Target']").FillAsync("Every week");
        await goal.GetByRole(AriaRole.Button, new() { Name = "Add the objective" }).ClickAsync();
        await Expect(page.Locator("article.goal .objective")).ToHaveCountAsync(2);
        await page.Locator("article.goal summary.inline-edit-intervention").ClickAsync();
        await page.Locator("article.goal [id^='intervention-'][id$='-Frequency']").FillAsync("Tuesdays after school");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the intervention" }).ClickAsync();
        await Expect(page.Locator("article.goal .intervention")).ToContainTextAsync("Tuesdays after school");
    }
}
