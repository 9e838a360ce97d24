using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Plans;

/// "What is due" for a counselor (their caseload) and a director (everyone), 100 days after the plans were
/// approved. Residents appear by preferred name only.
public sealed class DueTests
{
    private sealed record Home(
        SafeHomeApp App,
        StaffMember CounselorA,
        StaffMember CounselorB,
        Guid Missing,
        Guid Overdue,
        Guid OverduePlan,
        Guid Soon,
        Guid Pending,
        Guid PendingPlan,
        Guid Others);

    private static async Task<Home> SeedAsync(SafeHomeApp app)
    {
        var a = await app.CreateStaffAsync(Roles.Counselor);
        var b = await app.CreateStaffAsync(Roles.Counselor);
        var missing = await app.CreateResidentAsync(a.Id, "Mia Preferred", "Mia Legalname");
        var overdue = await app.CreateResidentAsync(a.Id, "Olive Preferred", "Olive Legalname");
        var soon = await app.CreateResidentAsync(a.Id, "Sam Preferred", "Sam Legalname");
        var pending = await app.CreateResidentAsync(a.Id, "Pat Preferred", "Pat Legalname");
        var discharged = await app.CreateResidentAsync(a.Id, "Dee Preferred", "Dee Legalname");
        var others = await app.CreateResidentAsync(b.Id, "Oscar Preferred", "Oscar Legalname");
        var overduePlan = await ReviewSeeding.CreateActivePlanAsync(app, overdue, a.Id);
        var soonPlan = await ReviewSeeding.CreateActivePlanAsync(app, soon, a.Id);
        var pendingPlan = await app.CreatePlanAsync(pending, PlanStatus.PendingApproval, a.Id);
        await app.WithDbAsync(async db =>
        {
            var resident = await db.Residents.Include(r => r.Stays).SingleAsync(r => r.Id == discharged);
            resident.Stays[0].Discharge(app.Today, DischargeType.Planned, DischargeReason.CompletedProgram, DischargeDestination.Reunification, app.Today);
            return await db.SaveChangesAsync();
        });

        app.Clock.Advance(TimeSpan.FromDays(100));
        await ReviewSeeding.RecordReviewAsync(app, soonPlan.PlanId, app.Today, app.Today.AddDays(5));
        return new Home(app, a, b, missing, overdue, overduePlan.PlanId, soon, pending, pendingPlan, others);
    }

    private static List<(string Name, string DueOn, string When)> Rows(IHtmlDocument page, string section) =>
        [.. page.QuerySelectorAll($"#{section} tr.due-row").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).Select(c => (c[0], c[1], c[2]))];

    [Theory, Providers]
    public async Task A_counselor_sees_what_is_due_on_their_caseload_only(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var home = await SeedAsync(app);
        var browser = await app.SignInAsync(home.CounselorA);
        var admittedOn = app.Today.AddDays(-100).AddYears(-1);

        var response = await browser.GetAsync("/Plans/Due");
        var html = await response.Content.ReadAsStringAsync();
        var page = await HtmlForms.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var missingDue = admittedOn.AddDays(30);
        var missingDays = app.Today.DayNumber - missingDue.DayNumber;
        Assert.Equal(
            [("Mia Preferred", missingDue.ToString("yyyy-MM-dd"), $"{missingDays} days overdue"), ("Pat Preferred", missingDue.ToString("yyyy-MM-dd"), $"{missingDays} days overdue")],
            Rows(page, "plans-missing").OrderBy(r => r.Name));
        Assert.Equal([("Olive Preferred", app.Today.AddDays(-10).ToString("yyyy-MM-dd"), "10 days overdue")], Rows(page, "reviews-overdue"));
        Assert.Equal([("Sam Preferred", app.Today.AddDays(5).ToString("yyyy-MM-dd"), "in 5 days")], Rows(page, "reviews-due-soon"));
        Assert.Equal([("Pat Preferred", app.Today.AddDays(-100).ToString("yyyy-MM-dd"), "waiting 100 days")], Rows(page, "awaiting-approval"));

        Assert.NotNull(page.QuerySelector($"#reviews-overdue a[href='/Plans/Review/{home.OverduePlan}']"));
        Assert.NotNull(page.QuerySelector($"#plans-missing a[href='/Residents/Details/{home.Missing}']"));
        Assert.Null(page.QuerySelector("#awaiting-approval a[href^='/Plans/Approve']"));
        Assert.DoesNotContain("Oscar", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Dee Preferred", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Legalname", html, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task A_director_sees_everyone_and_another_counselor_only_their_own(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var home = await SeedAsync(app);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var counselorB = await app.SignInAsync(home.CounselorB);

        var page = await director.GetDocumentAsync("/Plans/Due");
        var html = page.DocumentElement.OuterHtml;
        Assert.Equal(["Mia Preferred", "Oscar Preferred", "Pat Preferred"], Rows(page, "plans-missing").Select(r => r.Name).Order());
        Assert.Equal(["Olive Preferred"], Rows(page, "reviews-overdue").Select(r => r.Name));
        Assert.Equal(["Sam Preferred"], Rows(page, "reviews-due-soon").Select(r => r.Name));
        Assert.Equal(["Pat Preferred"], Rows(page, "awaiting-approval").Select(r => r.Name));
        Assert.Null(page.QuerySelector("a[href^='/Plans/Review/']"));
        Assert.NotNull(page.QuerySelector($"#reviews-overdue a[href='/Plans/Reviews/{home.Overdue}']"));
        Assert.DoesNotContain("Dee Preferred", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Legalname", html, StringComparison.Ordinal);

        var other = await counselorB.GetDocumentAsync("/Plans/Due");
        Assert.Equal(["Oscar Preferred"], Rows(other, "plans-missing").Select(r => r.Name));
        Assert.All(other.QuerySelectorAll("tr.due-row"), r => Assert.Contains("Oscar Preferred", r.TextContent, StringComparison.Ordinal));
    }

    [Theory, Providers]
    public async Task A_long_section_shows_the_earliest_first_and_all_of_it_on_request(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        // One admission a day, named against the order of admission, so the page's order can only come from the
        // due dates: the first admitted (the longest overdue) is "Invented 30".
        var count = DueModelRows + 5;
        for (var i = count; i >= 1; i--)
        {
            await app.CreateResidentAsync(counselor.Id, $"Invented {i:00}", $"Invented {i:00} Legalname");
            app.Clock.Advance(TimeSpan.FromDays(1));
        }

        var browser = await app.SignInAsync(counselor);
        var page = await browser.GetDocumentAsync("/Plans/Due");
        var expected = Enumerable.Range(1, count).Reverse().Select(i => $"Invented {i:00}").ToList();

        Assert.Equal(expected.Take(DueModelRows), Rows(page, "plans-missing").Select(r => r.Name));
        Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#plans-missing-heading .badge")!.TextContent);
        var more = page.QuerySelector("#plans-missing .due-more a")!;
        Assert.Equal($"Show all {count}", more.TextContent);

        var whole = await browser.GetDocumentAsync(more.GetAttribute("href")!);
        Assert.Equal(expected, Rows(whole, "plans-missing").Select(r => r.Name));
        Assert.Null(whole.QuerySelector("#plans-missing .due-more"));
        var back = whole.QuerySelector("#plans-missing a[href$='#plans-missing']:not([href*='all='])");
        Assert.NotNull(back);
        Assert.Equal(DueModelRows, Rows(await browser.GetDocumentAsync(back.GetAttribute("href")!), "plans-missing").Count);

        // Any other value of the query shows every section capped, never an error.
        Assert.Equal(DueModelRows, Rows(await browser.GetDocumentAsync("/Plans/Due?all=%3Cscript%3E"), "plans-missing").Count);
    }

    private const int DueModelRows = SafeHome.Web.Pages.Plans.DueModel.RowsPerSection;
}
