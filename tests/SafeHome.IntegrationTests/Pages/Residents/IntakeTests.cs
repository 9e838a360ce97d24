using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Residents;

public sealed class IntakeTests
{
    [Theory, Providers]
    public async Task A_director_admits_a_resident_and_assigns_the_primary_counselor(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var (counselor, counselorBrowser) = await app.SignInNewAsync(Roles.Counselor);
        var fields = CaseloadIsolationTests.ValidIntake(app, null);
        fields["Input.PrimaryCounselorId"] = counselor.Id;
        fields["Input.LegalName"] = "  Jose\u0301 Q. Example ";

        var response = await director.SubmitFormAsync("/Residents/Intake", fields);

        response.AssertRedirectTo("/Residents/Details/");
        var resident = await app.WithDbAsync(db => db.Residents.Include(r => r.Stays).Include(r => r.Assignments).AsNoTracking().SingleAsync());
        Assert.Equal("Jos\u00E9 Q. Example", resident.LegalName);
        Assert.Equal(app.Today, Assert.Single(resident.Stays).AdmittedOn);
        var assignment = Assert.Single(resident.Assignments);
        Assert.Equal(counselor.Id, assignment.CounselorId);
        Assert.True(assignment.IsPrimary);
        var overview = await counselorBrowser.GetDocumentAsync(response.Location());
        Assert.Equal("Jos\u00E9 Q. Example", overview.QuerySelector("#legal-name")!.TextContent);
        Assert.Equal("Resident overview · SafeHome", overview.Title);
    }

    [Theory, Providers]
    public async Task A_double_submitted_intake_creates_one_resident(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Counselor);
        var form = await browser.GetDocumentAsync("/Residents/Intake");
        var fields = CaseloadIsolationTests.ValidIntake(app, null);
        fields.Remove("Input.SubmissionId");

        var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => browser.SubmitFormAsync(form, "/Residents/Intake", fields)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Single(responses.Select(r => r.Location()).Distinct());
        Assert.Equal(1, await app.WithDbAsync(db => db.Residents.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Stays.CountAsync()));
    }

    [Theory, Providers]
    public async Task Age_at_admission_follows_the_configured_range(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Counselor);
        var fields = CaseloadIsolationTests.ValidIntake(app, null);
        fields["Input.DateOfBirth"] = app.Today.AddYears(-22).ToString("yyyy-MM-dd");

        var response = await browser.SubmitFormAsync("/Residents/Intake", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("ages 10 to 21", page.FieldError("Input.Stay.AdmittedOn"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Residents.CountAsync()));
    }

    [Theory, Providers]
    public async Task Discharge_then_readmission_keeps_both_stays_and_refuses_an_overlap(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var id = await app.CreateResidentAsync(counselor.Id);
        var planId = await app.CreatePlanAsync(id, Domain.Plans.PlanStatus.Active, counselor.Id);
        var dischargeDay = app.Today.AddDays(-10);

        var early = await browser.SubmitFormAsync($"/Residents/Discharge/{id}", new() { ["Input.DischargedOn"] = app.Today.AddYears(-2).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("on or after the admission date", (await HtmlForms.ParseAsync(early)).FieldError("Input.DischargedOn"), StringComparison.Ordinal);

        (await browser.SubmitFormAsync($"/Residents/Discharge/{id}", new() { ["Input.DischargedOn"] = dischargeDay.ToString("yyyy-MM-dd") })).AssertRedirectTo($"/Residents/Details/{id}");
        var plan = await app.WithDbAsync(db => db.ServicePlans.AsNoTracking().SingleAsync(p => p.Id == planId));
        Assert.Equal(Domain.Plans.PlanStatus.Closed, plan.Status);
        Assert.NotNull(plan.ClosedAtUtc);

        var overlap = await browser.SubmitFormAsync($"/Residents/Admit/{id}", new()
        {
            ["Input.Stay.AdmittedOn"] = dischargeDay.AddDays(-1).ToString("yyyy-MM-dd"),
            ["Input.Stay.PlacingAgency"] = "Invented County Agency",
        });
        Assert.Equal(HttpStatusCode.OK, overlap.StatusCode);
        Assert.Contains("overlap", (await HtmlForms.ParseAsync(overlap)).FieldError("Input.Stay.AdmittedOn"), StringComparison.Ordinal);

        (await browser.SubmitFormAsync($"/Residents/Admit/{id}", new()
        {
            ["Input.Stay.AdmittedOn"] = dischargeDay.ToString("yyyy-MM-dd"),
            ["Input.Stay.PlacingAgency"] = "Invented County Agency",
        })).AssertRedirectTo($"/Residents/Details/{id}");

        var stays = await app.WithDbAsync(db => db.Stays.AsNoTracking().OrderBy(s => s.AdmittedOn).ToListAsync());
        Assert.Equal(2, stays.Count);
        Assert.Equal(dischargeDay, stays[0].DischargedOn);
        Assert.Null(stays[1].DischargedOn);
    }

    [Theory, Providers]
    public async Task Searching_the_list_matches_part_of_a_preferred_name_and_treats_wildcards_as_text(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        await app.CreateResidentAsync(null, "Aster Example");
        await app.CreateResidentAsync(null, "Birch Example");
        await app.CreateResidentAsync(null, "100% Example");

        var aster = await director.SubmitFormAsync("/Residents", new() { ["q"] = "ster" });
        var percent = await director.SubmitFormAsync("/Residents", new() { ["q"] = "%" });

        var asterList = (await HtmlForms.ParseAsync(aster)).QuerySelector("#residents")!.TextContent;
        Assert.Contains("Aster Example", asterList, StringComparison.Ordinal);
        Assert.DoesNotContain("Birch Example", asterList, StringComparison.Ordinal);
        var percentList = (await HtmlForms.ParseAsync(percent)).QuerySelector("#residents")!.TextContent;
        Assert.Contains("100% Example", percentList, StringComparison.Ordinal);
        Assert.DoesNotContain("Aster Example", percentList, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task The_list_pages_through_many_residents(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        for (var i = 0; i < 25; i++)
        {
            await app.CreateResidentAsync(null, $"Paged {i:00} Example");
        }

        var first = await director.GetDocumentAsync("/Residents");
        var second = await HtmlForms.ParseAsync(await director.SubmitFormAsync("/Residents", new() { ["p"] = "2" }));

        Assert.Equal(20, first.QuerySelectorAll("#residents tbody tr").Length);
        Assert.Equal(5, second.QuerySelectorAll("#residents tbody tr").Length);
        Assert.Contains("Paged 24 Example", second.QuerySelector("#residents")!.TextContent, StringComparison.Ordinal);
    }
}
