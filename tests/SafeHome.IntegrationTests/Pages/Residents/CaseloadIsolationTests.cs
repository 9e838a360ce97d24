using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Residents;

/// SECURITY.md Z4: a counselor reaching for a resident outside their caseload gets 404 (existence is not revealed)
/// by route id, query id or hidden-field id, and nothing changes.
public sealed class CaseloadIsolationTests
{
    [Theory]
    [ProviderInlineData("/Residents/Details/{0}")]
    [ProviderInlineData("/Residents/Edit/{0}")]
    [ProviderInlineData("/Residents/Discharge/{0}")]
    [ProviderInlineData("/Residents/Admit/{0}")]
    [ProviderInlineData("/Residents/Details?id={0}")]
    [ProviderInlineData("/Residents/Edit?id={0}")]
    public async Task Another_counselors_resident_answers_404_on_every_page(string pattern, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (a, browserA) = await app.SignInNewAsync(Roles.Counselor);
        var b = await app.CreateStaffAsync(Roles.Counselor);
        var own = await app.CreateResidentAsync(a.Id);
        var others = await app.CreateResidentAsync(b.Id, "Other Example", "Other Q. Example");

        Assert.Equal(HttpStatusCode.NotFound, (await browserA.GetAsync(string.Format(null, pattern, others))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browserA.GetAsync($"/Residents/Details/{own}")).StatusCode);
    }

    [Theory]
    [ProviderInlineData("Edit")]
    [ProviderInlineData("Discharge")]
    [ProviderInlineData("Admit")]
    public async Task Posting_a_form_of_your_own_resident_to_another_residents_route_changes_nothing(string page, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (a, browserA) = await app.SignInNewAsync(Roles.Counselor);
        var b = await app.CreateStaffAsync(Roles.Counselor);
        var own = await app.CreateResidentAsync(a.Id);
        var others = await app.CreateResidentAsync(b.Id, "Other Example", "Other Q. Example");
        var before = await SnapshotAsync(app);

        // A real form of the counselor's own resident (valid token, valid version), aimed at B's resident.
        var document = await browserA.GetDocumentAsync($"/Residents/{page}/{own}");
        var response = await browserA.SubmitFormAsync(document, $"/Residents/{page}/{others}", new()
        {
            ["Input.PreferredName"] = "Changed By A",
            ["Input.DischargedOn"] = app.Today.ToString("yyyy-MM-dd"),
        });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task A_forged_submission_id_naming_another_counselors_resident_creates_nothing_and_reveals_nothing(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browserA) = await app.SignInNewAsync(Roles.Counselor);
        var b = await app.CreateStaffAsync(Roles.Counselor);
        var others = await app.CreateResidentAsync(b.Id, "Other Example", "Other Q. Example");
        var before = await SnapshotAsync(app);

        var response = await browserA.SubmitFormAsync("/Residents/Intake", ValidIntake(app, others));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(before, await SnapshotAsync(app));
    }

    [Theory, Providers]
    public async Task A_counselor_intake_ignores_a_forged_primary_counselor_and_lands_on_their_own_caseload(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (a, browserA) = await app.SignInNewAsync(Roles.Counselor);
        var b = await app.CreateStaffAsync(Roles.Counselor);
        var fields = ValidIntake(app, null);
        fields["Input.PrimaryCounselorId"] = b.Id;

        var response = await browserA.SubmitFormAsync("/Residents/Intake", fields);

        response.AssertRedirectTo("/Residents/Details/");
        var counselors = await app.WithDbAsync(db => db.CaseloadAssignments.Select(c => c.CounselorId).ToListAsync());
        Assert.Equal(a.Id, Assert.Single(counselors));
    }

    [Theory, Providers]
    public async Task The_list_shows_a_counselor_exactly_their_caseload_and_a_director_everyone(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (a, browserA) = await app.SignInNewAsync(Roles.Counselor);
        var b = await app.CreateStaffAsync(Roles.Counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        await app.CreateResidentAsync(a.Id, "Mine Example");
        await app.CreateResidentAsync(b.Id, "Theirs Example");
        await app.CreateResidentAsync(null, "Unassigned Example");

        var counselorList = (await browserA.GetDocumentAsync("/Residents")).QuerySelector("#residents")!.TextContent;
        var directorList = (await director.GetDocumentAsync("/Residents")).QuerySelector("#residents")!.TextContent;

        Assert.Contains("Mine Example", counselorList, StringComparison.Ordinal);
        Assert.DoesNotContain("Theirs Example", counselorList, StringComparison.Ordinal);
        Assert.DoesNotContain("Unassigned Example", counselorList, StringComparison.Ordinal);
        Assert.Contains("Theirs Example", directorList, StringComparison.Ordinal);
        Assert.Contains("Unassigned Example", directorList, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task A_secondary_counselor_sees_the_resident_and_loses_it_when_unassigned(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var primary = await app.CreateStaffAsync(Roles.Counselor);
        var (secondary, secondaryBrowser) = await app.SignInNewAsync(Roles.Counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var resident = await app.CreateResidentAsync(primary.Id);

        var assign = await director.SubmitFormAsync($"/Residents/Caseload/{resident}", new()
        {
            ["Input.PrimaryCounselorId"] = primary.Id,
            ["Input.SecondaryCounselorIds"] = secondary.Id,
        });
        assign.AssertRedirectTo($"/Residents/Details/{resident}");
        Assert.Equal(HttpStatusCode.OK, (await secondaryBrowser.GetAsync($"/Residents/Details/{resident}")).StatusCode);

        var unassign = await director.SubmitFormAsync($"/Residents/Caseload/{resident}", new() { ["Input.PrimaryCounselorId"] = primary.Id, ["Input.SecondaryCounselorIds"] = string.Empty });
        unassign.AssertRedirectTo($"/Residents/Details/{resident}");
        Assert.Equal(HttpStatusCode.NotFound, (await secondaryBrowser.GetAsync($"/Residents/Details/{resident}")).StatusCode);
    }

    internal static Dictionary<string, string> ValidIntake(SafeHomeApp app, Guid? submissionId) => new()
    {
        ["Input.LegalName"] = "Intake Q. Example",
        ["Input.PreferredName"] = "Intake Example",
        ["Input.DateOfBirth"] = app.Today.AddYears(-15).ToString("yyyy-MM-dd"),
        ["Input.Stay.AdmittedOn"] = app.Today.ToString("yyyy-MM-dd"),
        ["Input.Stay.PlacingAgency"] = "Invented County Agency",
        ["Input.SubmissionId"] = (submissionId ?? Guid.NewGuid()).ToString(),
    };

    internal static Task<string> SnapshotAsync(SafeHomeApp app) => app.WithDbAsync(async db =>
    {
        var residents = await db.Residents.AsNoTracking().OrderBy(r => r.Id).Select(r => $"{r.Id}:{r.PreferredName}:{r.Version}").ToListAsync();
        var stays = await db.Stays.AsNoTracking().OrderBy(s => s.Id).Select(s => $"{s.Id}:{s.DischargedOn}:{s.Version}").ToListAsync();
        var assignments = await db.CaseloadAssignments.AsNoTracking().OrderBy(a => a.Id).Select(a => $"{a.ResidentId}:{a.CounselorId}:{a.IsPrimary}").ToListAsync();
        return string.Join("|", residents.Concat(stays).Concat(assignments));
    });
}
