using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Residents;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Education;

/// Ending a status that still holds, from the history page: the last day is saved, impossible days are refused next to
/// the row's date, a diploma offers no end, and only the resident's counselors and directors may end one.
public sealed class EndTests
{
    private static async Task<(Guid ResidentId, Guid RecordId)> SeedAsync(SafeHomeApp app, string counselorId, EducationStatus status = EducationStatus.EnrolledInSchool)
    {
        var residentId = await app.CreateResidentAsync(counselorId);
        var recordId = await app.WithDbAsync(async db =>
        {
            var record = new EducationRecord(residentId, status, new DateOnly(2025, 9, 2), null, app.Today, counselorId, app.Clock.GetUtcNow().UtcDateTime);
            db.EducationRecords.Add(record);
            await db.SaveChangesAsync();
            return record.Id;
        });
        return (residentId, recordId);
    }

    [Theory, Providers]
    public async Task Ending_a_current_status_saves_its_last_day(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var (residentId, recordId) = await SeedAsync(app, counselor.Id);

        var response = await browser.SubmitFormAsync($"/Education/Index/{residentId}", new() { ["End.EndedOn"] = "2026-06-12" }, "End");

        response.AssertRedirectTo($"/Education/{residentId}");
        Assert.Equal(new DateOnly(2026, 6, 12), await app.WithDbAsync(db => db.EducationRecords.Where(e => e.Id == recordId).Select(e => e.EndedOn).SingleAsync()));
        var page = await browser.GetDocumentAsync($"/Education/Index/{residentId}");
        Assert.Equal("2026-06-12", page.QuerySelector(".ended-on")!.TextContent.Trim());
        Assert.Null(page.QuerySelector(".end-form"));
    }

    [Theory]
    [ProviderInlineData("", "Enter the last day")]
    [ProviderInlineData("2026-13-01", "year-month-day")]
    [ProviderInlineData("tomorrow", "year-month-day")]
    [ProviderInlineData("2026-06-16", "future")]
    [ProviderInlineData("9999-12-31", "future")]
    [ProviderInlineData("2025-09-01", "on or after the start date")]
    [ProviderInlineData("2026-06-10\u202E", "year-month-day")]
    public async Task An_impossible_last_day_is_refused_next_to_the_date_and_nothing_changes(string value, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var (residentId, recordId) = await SeedAsync(app, counselor.Id);

        var response = await browser.SubmitFormAsync($"/Education/Index/{residentId}", new() { ["End.EndedOn"] = value }, "End");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, (await HtmlForms.ParseAsync(response)).FieldError("End.EndedOn") ?? "", StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.EducationRecords.Where(e => e.Id == recordId).Select(e => e.EndedOn).SingleAsync()));
    }

    [Theory, Providers]
    public async Task A_diploma_offers_no_end_and_a_forged_end_is_refused(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var (residentId, recordId) = await SeedAsync(app, counselor.Id, EducationStatus.DiplomaOrGed);
        var (_, schoolId) = await SeedAsync(app, counselor.Id);

        var page = await browser.GetDocumentAsync($"/Education/Index/{residentId}");
        Assert.Null(page.QuerySelector(".end-form"));
        var values = new Dictionary<string, string>
        {
            ["End.RecordId"] = recordId.ToString(),
            ["End.EndedOn"] = "2026-06-12",
            ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync($"/Education/Record/{residentId}"),
        };
        var response = await browser.PostAsync($"/Education/Index/{residentId}?handler=End", new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("does not end", (await HtmlForms.ParseAsync(response)).FieldError("End.EndedOn") ?? "", StringComparison.Ordinal);

        // Another resident's record under this resident's route answers 404.
        values["End.RecordId"] = schoolId.ToString();
        Assert.Equal(HttpStatusCode.NotFound, (await browser.PostAsync($"/Education/Index/{residentId}?handler=End", new FormUrlEncodedContent(values))).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.EducationRecords.AnyAsync(e => e.EndedOn != null)));
    }

    [Theory, Providers]
    public async Task Another_caseload_gets_404_and_an_auditor_403_with_nothing_changed(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var owner = await app.CreateStaffAsync(Roles.Counselor);
        var (residentId, recordId) = await SeedAsync(app, owner.Id);
        var (_, outsider) = await app.SignInNewAsync(Roles.Counselor);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var url = $"/Education/Index/{residentId}?handler=End";

        var values = new Dictionary<string, string> { ["End.RecordId"] = recordId.ToString(), ["End.EndedOn"] = "2026-06-12" };
        values["__RequestVerificationToken"] = await outsider.AntiforgeryTokenAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync(url, new FormUrlEncodedContent(values))).StatusCode);
        Assert.Null((await auditor.GetDocumentAsync($"/Education/Index/{residentId}")).QuerySelector(".end-form"));
        values["__RequestVerificationToken"] = await auditor.AntiforgeryTokenAsync($"/Education/Index/{residentId}");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.PostAsync(url, new FormUrlEncodedContent(values))).StatusCode);

        Assert.Null(await app.WithDbAsync(db => db.EducationRecords.Where(e => e.Id == recordId).Select(e => e.EndedOn).SingleAsync()));
    }
}
