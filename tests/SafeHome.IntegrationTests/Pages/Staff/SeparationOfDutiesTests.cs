using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Pages.Account;

namespace SafeHome.IntegrationTests.Pages.Staff;

/// Issue 15 item 2: an admin manages accounts but cannot become a case reader. Case roles, and password links, MFA
/// resets and reactivations of accounts that hold one, take effect only when another program director confirms.
public sealed class SeparationOfDutiesTests
{
    private const string NewPassword = "juniper kettle orbit 6612";

    [Theory, Providers]
    public async Task An_admin_who_creates_a_director_and_uses_its_link_reads_no_resident_until_another_director_confirms(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var director = await app.CreateStaffAsync(Roles.ProgramDirector);
        var (admin, adminBrowser) = await app.SignInNewAsync(Roles.Admin);
        await app.CreateResidentAsync(null);

        var created = await adminBrowser.SubmitFormAsync("/Admin/Staff/Create", new()
        {
            ["Input.Email"] = "mallory.director@example.invalid",
            ["Input.DisplayName"] = "Mallory Director",
            ["Input.Role"] = Roles.ProgramDirector,
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var page = await HtmlForms.ParseAsync(created);
        Assert.NotNull(page.QuerySelector("#role-waits"));
        var link = new Uri(page.QuerySelector("#reset-link")!.GetAttribute("value")!);
        // Never in a cookie: the response sets no TempData cookie with a value (clearing an old one is fine).
        Assert.DoesNotContain(
            created.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [],
            c => c.Contains("TempData", StringComparison.OrdinalIgnoreCase) && !c.Contains("TempData=;", StringComparison.Ordinal));

        // The admin follows the link and signs in as the new director.
        await SetPasswordAsync(app, link, hasAuthenticator: false);
        var mallory = await app.SignInAsync(new StaffMember(string.Empty, "mallory.director@example.invalid", Roles.ProgramDirector), NewPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await mallory.GetAsync("/Residents")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mallory.GetAsync("/Reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await mallory.GetAsync("/Staff/Requests")).StatusCode);
        var home = await mallory.GetDocumentAsync("/");
        Assert.NotNull(home.QuerySelector("#no-case-role"));
        Assert.DoesNotContain("Residents in care", home.Body!.TextContent, StringComparison.Ordinal);

        // The request is on the directors' and auditors' lists, and in the history.
        var directorBrowser = await app.SignInAsync(director);
        Assert.NotNull((await directorBrowser.GetDocumentAsync("/")).QuerySelector("#account-changes-waiting"));
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        var auditorList = await auditor.GetDocumentAsync("/Staff/Requests");
        Assert.Contains("Mallory Director", auditorList.QuerySelector("#open-requests")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(auditorList.QuerySelectorAll("#open-requests form"));

        var confirmed = await directorBrowser.SubmitFormAsync("/Staff/Requests", new(), handler: "Confirm");
        confirmed.AssertRedirectTo("/Staff/Requests");

        // The confirmation ended Mallory's session; signing in again brings the role.
        (await mallory.GetAsync("/Residents")).AssertRedirectTo("/Account/Login");
        var again = await app.SignInAsync(new StaffMember(string.Empty, "mallory.director@example.invalid", Roles.ProgramDirector), NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/Residents")).StatusCode);

        var history = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(AccountChangeRequest)).Select(e => new { e.Action, e.UserId }).ToListAsync());
        Assert.Contains(history, e => e.Action == AuditActions.Insert && e.UserId == admin.Id);
        Assert.Contains(history, e => e.Action == AuditActions.Update && e.UserId == director.Id);
    }

    [Theory, Providers]
    public async Task Resetting_an_existing_directors_password_holds_the_role_until_another_director_confirms_after_the_password_is_set(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var confirmer = await app.CreateStaffAsync(Roles.ProgramDirector);
        var (target, targetSession) = await app.SignInNewAsync(Roles.ProgramDirector);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);

        var reset = await admin.SubmitFormAsync($"/Admin/Staff/Edit/{target.Id}", new(), handler: "ResetLink");
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var link = new Uri((await HtmlForms.ParseAsync(reset)).QuerySelector("#reset-link")!.GetAttribute("value")!);

        // The open session ends, and the role waits on the request.
        (await targetSession.GetAsync("/Residents")).AssertRedirectTo("/Account/Login");
        Assert.Empty(await RolesOfAsync(app, target.Id));

        // Confirming before the password is set from the link is refused: the requester could still use the link.
        var directorBrowser = await app.SignInAsync(confirmer);
        var early = await directorBrowser.SubmitFormAsync("/Staff/Requests", new(), handler: "Confirm");
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("has not been set from the link yet", (await HtmlForms.ParseAsync(early)).Body!.TextContent, StringComparison.Ordinal);

        // Whoever holds the link sets a password and signs in: no case content, and no deciding their own request.
        await SetPasswordAsync(app, link);
        var taken = await app.SignInAsync(target, NewPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await taken.GetAsync("/Residents")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await taken.GetAsync("/Staff/Requests")).StatusCode);

        var confirmed = await directorBrowser.SubmitFormAsync("/Staff/Requests", new(), handler: "Confirm");
        confirmed.AssertRedirectTo("/Staff/Requests");
        Assert.Equal([Roles.ProgramDirector], await RolesOfAsync(app, target.Id));
        var back = await app.SignInAsync(target, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/Residents")).StatusCode);

        // The link worked once.
        var reused = await app.CreateBrowser().SubmitFormAsync(link.PathAndQuery, new() { ["Input.Password"] = "another long passphrase 77", ["Input.ConfirmPassword"] = "another long passphrase 77" });
        Assert.Contains("not valid any more", (await HtmlForms.ParseAsync(reused)).Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task A_declined_password_reset_gives_the_role_back_and_removes_the_password_set_from_the_link(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var confirmer = await app.CreateStaffAsync(Roles.ProgramDirector);
        var target = await app.CreateStaffAsync(Roles.Counselor);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var reset = await admin.SubmitFormAsync($"/Admin/Staff/Edit/{target.Id}", new(), handler: "ResetLink");
        var link = new Uri((await HtmlForms.ParseAsync(reset)).QuerySelector("#reset-link")!.GetAttribute("value")!);
        await SetPasswordAsync(app, link);

        var directorBrowser = await app.SignInAsync(confirmer);
        (await directorBrowser.SubmitFormAsync("/Staff/Requests", new(), handler: "Decline")).AssertRedirectTo("/Staff/Requests");

        Assert.Equal([Roles.Counselor], await RolesOfAsync(app, target.Id));
        var refused = await app.CreateBrowser().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = target.Email, ["Input.Password"] = NewPassword });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var status = await app.WithDbAsync(db => db.AccountChangeRequests.AsNoTracking().Select(r => r.Status).SingleAsync());
        Assert.Equal(AccountChangeStatus.Declined, status);
    }

    [Theory, Providers]
    public async Task An_mfa_reset_of_a_director_happens_only_when_another_director_confirms_it(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var confirmer = await app.CreateStaffAsync(Roles.ProgramDirector);
        var target = await app.CreateStaffAsync(Roles.ProgramDirector);
        var keyBefore = await WithUsersAsync(app, async users =>
        {
            var user = (await users.FindByIdAsync(target.Id))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            return await users.GetAuthenticatorKeyAsync(user);
        });
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);

        (await admin.SubmitFormAsync($"/Admin/Staff/Edit/{target.Id}", new(), handler: "ResetMfa")).AssertRedirectTo("/Admin/Staff/Edit/");
        Assert.Equal((true, keyBefore), await MfaOfAsync(app, target.Id));
        Assert.NotNull((await admin.GetDocumentAsync($"/Admin/Staff/Edit/{target.Id}")).QuerySelector("#waiting"));

        var directorBrowser = await app.SignInAsync(confirmer);
        (await directorBrowser.SubmitFormAsync("/Staff/Requests", new(), handler: "Confirm")).AssertRedirectTo("/Staff/Requests");

        var (enabled, keyAfter) = await MfaOfAsync(app, target.Id);
        Assert.False(enabled);
        Assert.NotEqual(keyBefore, keyAfter);
        Assert.Contains(await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Select(e => e.Action).ToListAsync()), a => a == AuditActions.MfaReset);
    }

    [Theory, Providers]
    public async Task Reactivating_a_counselor_waits_for_a_director_and_an_admin_account_is_reactivated_at_once(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var confirmer = await app.CreateStaffAsync(Roles.ProgramDirector);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var otherAdmin = await app.CreateStaffAsync(Roles.Admin);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        foreach (var member in new[] { counselor, otherAdmin })
        {
            (await admin.SubmitFormAsync($"/Admin/Staff/Edit/{member.Id}", new(), handler: "Deactivate")).AssertRedirectTo("/Admin/Staff/Edit/");
            (await admin.SubmitFormAsync($"/Admin/Staff/Edit/{member.Id}", new(), handler: "Reactivate")).AssertRedirectTo("/Admin/Staff/Edit/");
        }

        Assert.False(await IsActiveAsync(app, counselor.Id));
        Assert.True(await IsActiveAsync(app, otherAdmin.Id));

        var directorBrowser = await app.SignInAsync(confirmer);
        (await directorBrowser.SubmitFormAsync("/Staff/Requests", new(), handler: "Confirm")).AssertRedirectTo("/Staff/Requests");
        Assert.True(await IsActiveAsync(app, counselor.Id));
    }

    [Theory, Providers]
    public async Task Changing_a_counselor_to_director_keeps_the_counselor_role_until_confirmed_and_blocks_other_changes_meanwhile(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var confirmer = await app.CreateStaffAsync(Roles.ProgramDirector);
        var (member, session) = await app.SignInNewAsync(Roles.Counselor);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);

        (await admin.SubmitFormAsync($"/Admin/Staff/Edit/{member.Id}", new() { ["Input.Role"] = Roles.ProgramDirector }, handler: "ChangeRole")).AssertRedirectTo("/Admin/Staff/Edit/");
        Assert.Equal([Roles.Counselor], await RolesOfAsync(app, member.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/Reports")).StatusCode);

        var blocked = await admin.SubmitFormAsync($"/Admin/Staff/Edit/{member.Id}", new(), handler: "ResetLink");
        Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);
        Assert.Null((await HtmlForms.ParseAsync(blocked)).QuerySelector("#reset-link"));

        var directorBrowser = await app.SignInAsync(confirmer);
        (await directorBrowser.SubmitFormAsync("/Staff/Requests", new(), handler: "Confirm")).AssertRedirectTo("/Staff/Requests");
        Assert.Equal([Roles.ProgramDirector], await RolesOfAsync(app, member.Id));
    }

    [Theory, Providers]
    public async Task The_requester_and_the_account_itself_cannot_decide_a_request(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (director, browser) = await app.SignInNewAsync(Roles.ProgramDirector);
        var other = await app.CreateStaffAsync(Roles.Counselor);
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var (ownRequest, aboutMe) = await app.WithDbAsync(async db =>
        {
            // A director who asked for a change (e.g. an account that was an admin then) and one about the director.
            var asked = new AccountChangeRequest(AccountChangeKind.GrantCaseRole, other.Id, Roles.Auditor, director.Id, now);
            var mine = new AccountChangeRequest(AccountChangeKind.GrantCaseRole, director.Id, Roles.Auditor, other.Id, now);
            db.AccountChangeRequests.AddRange(asked, mine);
            await db.SaveChangesAsync();
            return (asked.Id, mine.Id);
        });
        var token = await browser.AntiforgeryTokenAsync("/Staff/Requests");

        foreach (var id in new[] { ownRequest, aboutMe })
        {
            foreach (var handler in new[] { "Confirm", "Decline" })
            {
                var response = await browser.PostAsync($"/Staff/Requests?handler={handler}&id={id}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            }
        }

        Assert.All(await app.WithDbAsync(db => db.AccountChangeRequests.AsNoTracking().Select(r => r.Status).ToListAsync()), s => Assert.Equal(AccountChangeStatus.Open, s));
        Assert.Equal([Roles.Counselor], await RolesOfAsync(app, other.Id));
        Assert.Equal([Roles.ProgramDirector], await RolesOfAsync(app, director.Id));
        Assert.Empty((await browser.GetDocumentAsync("/Staff/Requests")).QuerySelectorAll("#open-requests form"));
    }

    [Theory, Providers]
    public async Task A_director_posting_a_role_change_for_themselves_is_refused(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (director, browser) = await app.SignInNewAsync(Roles.ProgramDirector);
        var token = await browser.AntiforgeryTokenAsync("/Staff/Requests");

        var response = await browser.PostAsync($"/Admin/Staff/Edit/{director.Id}?handler=ChangeRole", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Role", Roles.Admin)]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal([Roles.ProgramDirector], await RolesOfAsync(app, director.Id));
    }

    [Theory, Providers]
    public async Task The_create_page_says_the_first_director_is_made_at_the_console_while_none_exists(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        Assert.Contains("create-user", (await admin.GetDocumentAsync("/Admin/Staff/Create")).QuerySelector("#no-director")!.TextContent, StringComparison.Ordinal);

        await app.CreateStaffAsync(Roles.ProgramDirector);
        Assert.Null((await admin.GetDocumentAsync("/Admin/Staff/Create")).QuerySelector("#no-director"));
    }

    [Theory, Providers]
    public async Task An_expired_password_link_is_refused_with_a_clear_message(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var target = await app.CreateStaffAsync(Roles.Admin);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var reset = await admin.SubmitFormAsync($"/Admin/Staff/Edit/{target.Id}", new(), handler: "ResetLink");
        var link = new Uri((await HtmlForms.ParseAsync(reset)).QuerySelector("#reset-link")!.GetAttribute("value")!);

        app.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        var response = await app.CreateBrowser().SubmitFormAsync(link.PathAndQuery, new() { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ResetPasswordModel.InvalidLink, (await HtmlForms.ParseAsync(response)).Body!.TextContent, StringComparison.Ordinal);
    }

    /// The right new password signs in at once: an account with an authenticator goes on to its code step, a new
    /// one (no authenticator yet) into a session that can only enrol one.
    private static async Task SetPasswordAsync(SafeHomeApp app, Uri link, bool hasAuthenticator = true)
    {
        var browser = app.CreateBrowser();
        var set = await browser.SubmitFormAsync(link.PathAndQuery, new() { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });
        if (hasAuthenticator)
        {
            set.AssertRedirectTo("/Account/LoginWith2fa");
            return;
        }

        set.AssertRedirectTo("/");
        (await browser.GetAsync("/Residents/Index")).AssertRedirectTo(MfaEnrolment.EnrolPath);
    }

    private static async Task<T> WithUsersAsync<T>(SafeHomeApp app, Func<UserManager<SafeHomeUser>, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UserManager<SafeHomeUser>>());
    }

    private static Task<IList<string>> RolesOfAsync(SafeHomeApp app, string id) =>
        WithUsersAsync(app, async users => await users.GetRolesAsync((await users.FindByIdAsync(id))!));

    private static Task<(bool, string?)> MfaOfAsync(SafeHomeApp app, string id) =>
        WithUsersAsync(app, async users =>
        {
            var user = (await users.FindByIdAsync(id))!;
            return (await users.GetTwoFactorEnabledAsync(user), await users.GetAuthenticatorKeyAsync(user));
        });

    private static Task<bool> IsActiveAsync(SafeHomeApp app, string id) =>
        app.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.IsActive).SingleAsync());
}
