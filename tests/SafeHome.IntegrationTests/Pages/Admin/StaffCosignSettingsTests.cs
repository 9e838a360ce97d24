using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Admin;

/// The co-signature settings on the staff page: whether a person's notes need a co-signature, and the counselor who
/// may give it besides the directors. Only an active counselor other than the person can be chosen.
public sealed class StaffCosignSettingsTests
{
    [Theory, Providers]
    public async Task An_admin_requires_a_co_signature_and_designates_a_supervisor_who_may_then_co_sign(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var supervisor = await app.CreateStaffAsync(Roles.Counselor);

        var response = await admin.SubmitFormAsync($"/Admin/Staff/Edit/{counselor.Id}", new()
        {
            ["Supervision.RequiresCosign"] = "true",
            ["Supervision.SupervisorId"] = supervisor.Id,
        }, handler: "Supervision");

        response.AssertRedirectTo($"/Admin/Staff/Edit/{counselor.Id}");
        var saved = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == counselor.Id));
        Assert.True(saved.RequiresCosign);
        Assert.Equal(supervisor.Id, saved.SupervisorId);
        var page = await admin.GetDocumentAsync($"/Admin/Staff/Edit/{counselor.Id}");
        Assert.NotNull(page.QuerySelector("input[name='Supervision.RequiresCosign'][type=checkbox][checked]"));
        Assert.Equal(supervisor.Id, page.QuerySelector("select[name='Supervision.SupervisorId'] option[selected]")!.GetAttribute("value"));

        // The designation is what lets the supervisor, not on the caseload, co-sign the counselor's notes.
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var noteId = await app.CreateNoteAsync(residentId, counselor.Id, NoteStatus.CosignPending);
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync(supervisor)).GetAsync($"/Notes/Cosign/{noteId}")).StatusCode);

        (await admin.SubmitFormAsync($"/Admin/Staff/Edit/{counselor.Id}", new() { ["Supervision.RequiresCosign"] = "false", ["Supervision.SupervisorId"] = "" }, handler: "Supervision"))
            .AssertRedirectTo($"/Admin/Staff/Edit/{counselor.Id}");
        var cleared = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == counselor.Id));
        Assert.Null(cleared.SupervisorId);
        Assert.False(cleared.RequiresCosign);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignInAsync(supervisor)).GetAsync($"/Notes/Cosign/{noteId}")).StatusCode);
    }

    [Theory, Providers]
    public async Task The_supervisor_list_holds_only_active_counselors_other_than_the_person(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var colleague = await app.CreateStaffAsync(Roles.Counselor);
        var inactive = await app.CreateStaffAsync(Roles.Counselor);
        var director = await app.CreateStaffAsync(Roles.ProgramDirector);
        var auditor = await app.CreateStaffAsync(Roles.Auditor);
        (await admin.SubmitFormAsync($"/Admin/Staff/Edit/{inactive.Id}", new(), handler: "Deactivate")).AssertRedirectTo("/Admin/Staff/Edit/");

        var page = await admin.GetDocumentAsync($"/Admin/Staff/Edit/{counselor.Id}");

        var options = page.QuerySelectorAll("select[name='Supervision.SupervisorId'] option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["", colleague.Id], options);
        Assert.DoesNotContain(director.Id, options);
        Assert.DoesNotContain(auditor.Id, options);
    }

    [Theory]
    [ProviderInlineData("self")]
    [ProviderInlineData("director")]
    [ProviderInlineData("auditor")]
    [ProviderInlineData("inactive")]
    [ProviderInlineData("unknown")]
    [ProviderInlineData("rtl")]
    [ProviderInlineData("long")]
    public async Task A_supervisor_outside_the_list_is_refused_next_to_the_field_and_nothing_changes(string who, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var inactive = await app.CreateStaffAsync(Roles.Counselor);
        (await admin.SubmitFormAsync($"/Admin/Staff/Edit/{inactive.Id}", new(), handler: "Deactivate")).AssertRedirectTo("/Admin/Staff/Edit/");
        var forged = who switch
        {
            "self" => counselor.Id,
            "director" => (await app.CreateStaffAsync(Roles.ProgramDirector)).Id,
            "auditor" => (await app.CreateStaffAsync(Roles.Auditor)).Id,
            "inactive" => inactive.Id,
            "unknown" => Guid.NewGuid().ToString(),
            "rtl" => "abc\u202Edef",
            _ => new string('x', 451),
        };
        var before = await SettingsAsync(app);

        var response = await admin.SubmitFormAsync($"/Admin/Staff/Edit/{counselor.Id}", new()
        {
            ["Supervision.RequiresCosign"] = "true",
            ["Supervision.SupervisorId"] = forged,
        }, handler: "Supervision");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull((await HtmlForms.ParseAsync(response)).FieldError("Supervision.SupervisorId"));
        Assert.Equal(before, await SettingsAsync(app));
    }

    [Theory, Providers]
    public async Task Changing_the_role_still_works_and_does_not_touch_the_co_signature_settings(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var supervisor = await app.CreateStaffAsync(Roles.Counselor);
        (await admin.SubmitFormAsync($"/Admin/Staff/Edit/{counselor.Id}", new() { ["Supervision.RequiresCosign"] = "true", ["Supervision.SupervisorId"] = supervisor.Id }, handler: "Supervision"))
            .AssertRedirectTo($"/Admin/Staff/Edit/{counselor.Id}");

        var refused = await admin.SubmitFormAsync($"/Admin/Staff/Edit/{counselor.Id}", new() { ["Input.Role"] = "SuperAdmin" }, handler: "ChangeRole");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HtmlForms.ParseAsync(refused);
        Assert.Equal(supervisor.Id, page.QuerySelector("select[name='Supervision.SupervisorId'] option[selected]")!.GetAttribute("value"));

        (await admin.SubmitFormAsync($"/Admin/Staff/Edit/{counselor.Id}", new() { ["Input.Role"] = Roles.ProgramDirector }, handler: "ChangeRole"))
            .AssertRedirectTo($"/Admin/Staff/Edit/{counselor.Id}");
        var saved = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == counselor.Id));
        Assert.Equal((true, supervisor.Id), (saved.RequiresCosign, saved.SupervisorId));
    }

    [Theory, Providers]
    public async Task Only_administrators_change_the_settings(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var token = await director.AntiforgeryTokenAsync("/Notes/Unsigned");
        var before = await SettingsAsync(app);

        var response = await director.PostAsync($"/Admin/Staff/Edit/{counselor.Id}?handler=Supervision", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", token), new("Supervision.RequiresCosign", "true")]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before, await SettingsAsync(app));
    }

    private static Task<string> SettingsAsync(SafeHomeApp app) => app.WithDbAsync(async db =>
        string.Join(";", await db.Users.AsNoTracking().OrderBy(u => u.Id).Select(u => $"{u.Id}:{u.RequiresCosign}:{u.SupervisorId}").ToListAsync()));
}
