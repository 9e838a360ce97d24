using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Pages.Account;

namespace SafeHome.IntegrationTests.Pages.Account;

/// Issue 15 item 3 and SECURITY.md Z7: role changes, MFA resets, password links, reactivation, the audit CSV extract
/// and report regeneration need the person's password within the last five minutes.
public sealed class RecentSignInTests
{
    [Theory, Providers]
    public async Task A_role_change_six_minutes_after_sign_in_asks_for_the_password_and_goes_through_after_it(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var target = await app.CreateStaffAsync(Roles.Counselor);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var edit = $"/Admin/Staff/Edit/{target.Id}";

        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var asked = await admin.SubmitFormAsync(edit, new() { ["Input.Role"] = Roles.Admin }, handler: "ChangeRole");

        asked.AssertRedirectTo("/Account/Confirm?returnUrl=");
        Assert.Equal(edit, Uri.UnescapeDataString(asked.Location()[(asked.Location().IndexOf('=', StringComparison.Ordinal) + 1)..]));
        Assert.Equal([Roles.Counselor], await RolesOfAsync(app, target.Id));

        var wrong = await admin.SubmitFormAsync(asked.Location(), new() { ["Input.Password"] = "not the right password at all" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal(ConfirmModel.WrongPassword, (await HtmlForms.ParseAsync(wrong)).FieldError("Input.Password"));

        var confirmed = await admin.SubmitFormAsync(asked.Location(), new() { ["Input.Password"] = SafeHomeApp.Password });
        confirmed.AssertRedirectTo(edit);
        (await admin.SubmitFormAsync(edit, new() { ["Input.Role"] = Roles.Admin }, handler: "ChangeRole")).AssertRedirectTo(edit);
        Assert.Equal([Roles.Admin], await RolesOfAsync(app, target.Id));

        // The window is five minutes from the confirmation, not from each action.
        app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        (await admin.SubmitFormAsync(edit, new(), handler: "ResetLink")).AssertRedirectTo("/Account/Confirm");
        var actions = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(e => e.Action).ToListAsync());
        Assert.Contains(AuditActions.ReauthenticationFailed, actions);
        Assert.Contains(AuditActions.Reauthenticated, actions);
    }

    [Theory, Providers]
    public async Task Each_sensitive_admin_action_needs_a_recent_password_and_changes_nothing_without_it(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var target = await app.CreateStaffAsync(Roles.Admin);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        (await admin.SubmitFormAsync($"/Admin/Staff/Edit/{target.Id}", new(), handler: "Deactivate")).AssertRedirectTo("/Admin/Staff/Edit/");
        var edit = await admin.GetDocumentAsync($"/Admin/Staff/Edit/{target.Id}");
        app.Clock.Advance(TimeSpan.FromMinutes(6));

        foreach (var handler in new[] { "Reactivate", "ResetLink", "ResetMfa" })
        {
            (await admin.SubmitFormAsync(edit, $"/Admin/Staff/Edit/{target.Id}", new(), handler)).AssertRedirectTo("/Account/Confirm");
        }

        (await admin.GetAsync("/Admin/Staff/Create")).AssertRedirectTo("/Account/Confirm");
        Assert.False(await app.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Id == target.Id).Select(u => u.IsActive).SingleAsync()));
        Assert.DoesNotContain(AuditActions.PasswordLinkIssued, await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(e => e.Action).ToListAsync()));
    }

    [Theory, Providers]
    public async Task The_audit_extract_and_report_regeneration_need_a_recent_password(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var resident = await app.CreateResidentAsync(null);
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var csv = $"/Audit/Resident/{resident}?handler=Csv";
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync(csv)).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var asked = await auditor.GetAsync(csv);
        asked.AssertRedirectTo("/Account/Confirm");
        var back = await auditor.SubmitFormAsync(asked.Location(), new() { ["Input.Password"] = SafeHomeApp.Password });
        back.AssertRedirectTo(csv);
        Assert.Equal("text/csv", (await auditor.GetAsync(back.Location())).Content.Headers.ContentType!.MediaType);

        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var runId = Guid.NewGuid();
        var token = await director.AntiforgeryTokenAsync("/Reports/Request");
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var regenerate = await director.PostAsync($"/Reports/Request?handler=Regenerate&id={runId}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        regenerate.AssertRedirectTo("/Account/Confirm");
        Assert.Equal($"/Reports/Run/{runId}", Uri.UnescapeDataString(regenerate.Location()[(regenerate.Location().IndexOf('=', StringComparison.Ordinal) + 1)..]));
    }

    [Theory, Providers]
    public async Task Confirming_goes_back_only_to_a_local_address(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);

        var response = await admin.SubmitFormAsync("/Account/Confirm?returnUrl=https%3A%2F%2Fevil.example%2F", new() { ["Input.Password"] = SafeHomeApp.Password });

        Assert.Equal("/", response.Location());
    }

    [Theory, Providers]
    public async Task Confirming_the_password_does_not_extend_the_absolute_session_lifetime(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        for (var i = 0; i < 12 * 6; i++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            var response = await admin.SubmitFormAsync("/Account/Confirm", new() { ["Input.Password"] = SafeHomeApp.Password });
            if (i < (12 * 6) - 1)
            {
                response.AssertRedirectTo("/");
            }
        }

        app.Clock.Advance(TimeSpan.FromMinutes(1));
        (await admin.GetAsync("/Admin/Staff")).AssertRedirectTo("/Account/Login");
    }

    private static async Task<IList<string>> RolesOfAsync(SafeHomeApp app, string id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SafeHomeUser>>();
        return await users.GetRolesAsync((await users.FindByIdAsync(id))!);
    }
}
