using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Residents;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Education;

/// Recording an education status through the real form: stored as typed, listed newest first, and refused next to
/// its field when a rule is broken, with nothing saved.
public sealed class RecordTests
{
    // The fake clock stands at 2026-06-15 15:00 UTC; residents were born 2011-06-15 and admitted 2025-06-15.
    internal static Dictionary<string, string> Values(string status = nameof(EducationStatus.EnrolledInSchool), string started = "2025-09-02", string ended = "") => new()
    {
        ["Input.Status"] = status,
        ["Input.StartedOn"] = started,
        ["Input.EndedOn"] = ended,
    };

    [Theory, Providers]
    public async Task A_status_is_stored_as_typed_and_the_history_lists_it_newest_first(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);

        var first = await browser.SubmitFormAsync($"/Education/Record/{residentId}", Values(ended: "2026-01-30"));
        var second = await browser.SubmitFormAsync($"/Education/Record/{residentId}", Values(nameof(EducationStatus.EnrolledInGedProgram), "2026-02-02"));

        first.AssertRedirectTo($"/Education/{residentId}");
        second.AssertRedirectTo($"/Education/{residentId}");
        var stored = await app.WithDbAsync(db => db.EducationRecords.AsNoTracking().OrderBy(e => e.StartedOn).ToListAsync());
        Assert.Equal(
            (residentId, EducationStatus.EnrolledInSchool, new DateOnly(2025, 9, 2), (DateOnly?)new DateOnly(2026, 1, 30), counselor.Id, new DateTime(2026, 6, 15, 15, 0, 0)),
            (stored[0].ResidentId, stored[0].Status, stored[0].StartedOn, stored[0].EndedOn, stored[0].RecordedById, stored[0].RecordedAtUtc));
        Assert.Equal((EducationStatus.EnrolledInGedProgram, (DateOnly?)null), (stored[1].Status, stored[1].EndedOn));

        var page = await browser.GetDocumentAsync($"/Education/Index/{residentId}");
        var rows = page.QuerySelectorAll("#education tbody tr").ToList();
        Assert.Equal(["Enrolled in a GED program", "Enrolled in school"], rows.Select(r => r.QuerySelector(".status")!.TextContent.Trim()));
        Assert.Equal(["Current", "2026-01-30"], rows.Select(r => r.QuerySelector(".ended-on")!.TextContent.Trim()));
        Assert.NotNull(page.QuerySelector("#record-education"));
    }

    [Theory, Providers]
    public async Task The_overview_links_to_the_education_history(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);

        var overview = await browser.GetDocumentAsync($"/Residents/Details/{residentId}");

        Assert.Equal($"/Education/{residentId}", overview.QuerySelector("#education-link")?.GetAttribute("href"));
    }

    [Theory]
    [ProviderInlineData(nameof(EducationStatus.DiplomaOrGed), "2025-06-01", "2026-01-01", "Input.EndedOn", "does not end")]
    [ProviderInlineData(nameof(EducationStatus.EnrolledInSchool), "2024-09-01", "2025-06-14", "Input.EndedOn", "before the first admission")]
    [ProviderInlineData(nameof(EducationStatus.EnrolledInSchool), "2026-01-10", "2026-01-09", "Input.EndedOn", "on or after the start date")]
    [ProviderInlineData(nameof(EducationStatus.EnrolledInSchool), "2026-06-16", "", "Input.StartedOn", "future")]
    [ProviderInlineData(nameof(EducationStatus.NotEnrolled), "2026-01-10", "2026-06-16", "Input.EndedOn", "future")]
    [ProviderInlineData(nameof(EducationStatus.EnrolledInSchool), "2011-06-15", "", "Input.StartedOn", "after the date of birth")]
    public async Task Broken_rules_are_refused_next_to_the_field_with_the_input_kept_and_nothing_saved(string status, string started, string ended, string field, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);

        var response = await browser.SubmitFormAsync($"/Education/Record/{residentId}", Values(status, started, ended));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains(expected, page.FieldError(field) ?? "", StringComparison.Ordinal);
        Assert.Equal(started, page.QuerySelector("input[name='Input.StartedOn']")!.GetAttribute("value"));
        Assert.Equal(status, page.QuerySelector("input[name='Input.Status'][checked]")?.GetAttribute("value"));
        await AssertNothingSavedAsync(app);
    }

    [Theory, Providers]
    public async Task A_double_submit_records_one_status(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var form = await browser.GetDocumentAsync($"/Education/Record/{residentId}");

        var first = await browser.SubmitFormAsync(form, $"/Education/Record/{residentId}", Values());
        var second = await browser.SubmitFormAsync(form, $"/Education/Record/{residentId}", Values());

        first.AssertRedirectTo($"/Education/{residentId}");
        second.AssertRedirectTo($"/Education/{residentId}");
        Assert.Equal(1, await app.WithDbAsync(db => db.EducationRecords.CountAsync()));
    }

    [Theory, Providers]
    public async Task A_submission_id_of_another_residents_record_answers_404_and_saves_nothing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var otherResidentId = await app.CreateResidentAsync(counselor.Id, "Invented Other");
        (await browser.SubmitFormAsync($"/Education/Record/{otherResidentId}", Values())).AssertRedirectTo($"/Education/{otherResidentId}");
        var otherId = await app.WithDbAsync(db => db.EducationRecords.Select(e => e.Id).SingleAsync());

        var values = Values(nameof(EducationStatus.NotEnrolled));
        values["Input.SubmissionId"] = otherId.ToString();
        var response = await browser.SubmitFormAsync($"/Education/Record/{residentId}", values);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var records = await app.WithDbAsync(db => db.EducationRecords.AsNoTracking().ToListAsync());
        Assert.Equal((otherResidentId, EducationStatus.EnrolledInSchool), (Assert.Single(records).ResidentId, records[0].Status));
    }

    [Theory, Providers]
    public async Task Another_caseload_gets_404_an_admin_403_and_an_auditor_reads_but_posting_a_complete_form_gets_403_with_nothing_saved(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var owner = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(owner.Id);
        var (_, outsider) = await app.SignInNewAsync(Roles.Counselor);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var url = $"/Education/Record/{residentId}";
        var index = $"/Education/Index/{residentId}";

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(index)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(url)).StatusCode);
        var outsiderValues = Values();
        outsiderValues["__RequestVerificationToken"] = await outsider.AntiforgeryTokenAsync("/Account/Login");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync(url, new FormUrlEncodedContent(outsiderValues))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(index)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(url)).StatusCode);

        var auditorIndex = await auditor.GetDocumentAsync(index);
        Assert.Null(auditorIndex.QuerySelector("#record-education"));
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync(url)).StatusCode);
        var values = Values();
        values["Input.SubmissionId"] = Guid.CreateVersion7().ToString();
        values["__RequestVerificationToken"] = await auditor.AntiforgeryTokenAsync(index);
        var response = await auditor.PostAsync(url, new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await AssertNothingSavedAsync(app);
    }

    [Theory, Providers]
    public async Task Opening_the_history_and_the_form_is_recorded_as_a_view_of_the_resident(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (counselor, browser) = await app.SignInNewAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);

        await browser.GetDocumentAsync($"/Education/Index/{residentId}");
        await browser.GetDocumentAsync($"/Education/Record/{residentId}");

        var views = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == AuditActions.View && e.ResidentId == residentId && e.UserId == counselor.Id)
            .Select(e => e.EntityType).ToListAsync());
        Assert.Contains("EducationRecordList", views);
        Assert.Contains("EducationRecordForm", views);
    }

    internal static async Task AssertNothingSavedAsync(SafeHomeApp app) =>
        Assert.False(await app.WithDbAsync(db => db.EducationRecords.AnyAsync()));
}
