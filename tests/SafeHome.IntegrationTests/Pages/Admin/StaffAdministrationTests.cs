using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Admin;

public sealed class StaffAdministrationTests
{
    [Theory, Providers]
    public async Task An_admin_creates_an_account_whose_owner_sets_a_password_through_the_shown_link(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var director = await app.CreateStaffAsync(Roles.ProgramDirector);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);

        var created = await admin.SubmitFormAsync("/Admin/Staff/Create", new()
        {
            ["Input.Email"] = "new.counselor@example.invalid",
            ["Input.DisplayName"] = "New Counselor",
            ["Input.Role"] = Roles.Counselor,
        });

        // The link is on this response only: nothing carries it to another page.
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var link = new Uri((await HtmlForms.ParseAsync(created)).QuerySelector("#reset-link")!.GetAttribute("value")!);
        var member = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == "new.counselor@example.invalid"));
        Assert.Null((await admin.GetDocumentAsync($"/Admin/Staff/Edit/{member.Id}")).QuerySelector("#reset-link"));

        var newcomer = app.CreateBrowser();
        var set = await newcomer.SubmitFormAsync(link.PathAndQuery, new() { ["Input.Password"] = SafeHomeApp.Password, ["Input.ConfirmPassword"] = SafeHomeApp.Password });
        // Signed in with the new password at once, into a session that can only enrol an authenticator.
        set.AssertRedirectTo("/");
        (await newcomer.GetAsync("/Residents")).AssertRedirectTo("/Account/EnableAuthenticator");
        (await (await app.SignInAsync(director)).SubmitFormAsync("/Staff/Requests", new(), handler: "Confirm")).AssertRedirectTo("/Staff/Requests");
        var signedIn = await app.SignInAsync(new StaffMember(string.Empty, "new.counselor@example.invalid", Roles.Counselor));
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/Residents")).StatusCode);

        // The link works once.
        var again = await newcomer.SubmitFormAsync(link.PathAndQuery, new() { ["Input.Password"] = "another long passphrase 77", ["Input.ConfirmPassword"] = "another long passphrase 77" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("not valid any more", (await HtmlForms.ParseAsync(again)).Body!.TextContent, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task Deactivating_ends_an_open_session_and_blocks_sign_in_until_reactivated(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var (counselor, session) = await app.SignInNewAsync(Roles.Counselor);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/Residents")).StatusCode);

        (await admin.SubmitFormAsync($"/Admin/Staff/Edit/{counselor.Id}", new(), handler: "Deactivate")).AssertRedirectTo("/Admin/Staff/Edit/");

        (await session.GetAsync("/Residents")).AssertRedirectTo("/Account/Login");
        var refused = await app.CreateBrowser().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = counselor.Email, ["Input.Password"] = SafeHomeApp.Password });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);

        // Reactivating a counselor waits for a program director's confirmation (separation of duties).
        (await admin.SubmitFormAsync($"/Admin/Staff/Edit/{counselor.Id}", new(), handler: "Reactivate")).AssertRedirectTo("/Admin/Staff/Edit/");
        var director = await app.SignInAsync(await app.CreateStaffAsync(Roles.ProgramDirector));
        (await director.SubmitFormAsync("/Staff/Requests", new(), handler: "Confirm")).AssertRedirectTo("/Staff/Requests");
        var again = await app.SignInAsync(counselor);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/Residents")).StatusCode);
    }

    [Theory, Providers]
    public async Task A_role_change_takes_effect_on_the_open_session_at_once(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var (member, session) = await app.SignInNewAsync(Roles.ProgramDirector);
        Assert.Equal(HttpStatusCode.OK, (await session.GetAsync("/Residents/Intake")).StatusCode);

        // Taking a case role away never waits for anyone.
        (await admin.SubmitFormAsync($"/Admin/Staff/Edit/{member.Id}", new() { ["Input.Role"] = Roles.Admin }, handler: "ChangeRole")).AssertRedirectTo("/Admin/Staff/Edit/");

        (await session.GetAsync("/Residents/Intake")).AssertRedirectTo("/Account/Login");
        var asAdmin = await app.SignInAsync(member);
        Assert.Equal(HttpStatusCode.Forbidden, (await asAdmin.GetAsync("/Residents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await asAdmin.GetAsync("/Admin/Staff")).StatusCode);
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SafeHomeUser>>();
        Assert.Equal([Roles.Admin], await users.GetRolesAsync((await users.FindByIdAsync(member.Id))!));
    }

    [Theory, Providers]
    public async Task An_admin_cannot_change_their_own_role_or_deactivate_themselves(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (admin, browser) = await app.SignInNewAsync(Roles.Admin);
        var token = await browser.AntiforgeryTokenAsync($"/Admin/Staff/Edit/{admin.Id}");

        var role = await browser.PostAsync($"/Admin/Staff/Edit/{admin.Id}?handler=ChangeRole", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Role", Roles.Counselor)]));
        var deactivate = await browser.PostAsync($"/Admin/Staff/Edit/{admin.Id}?handler=Deactivate", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        Assert.Equal(HttpStatusCode.OK, role.StatusCode);
        Assert.Contains("cannot change your own role", (await HtmlForms.ParseAsync(role)).FieldError("Input.Role"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, deactivate.StatusCode);
        Assert.Contains("cannot change your own role or deactivate yourself", await deactivate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == admin.Id));
        Assert.True(stored.IsActive);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Admin/Staff")).StatusCode);
    }

    [Theory, Providers]
    public async Task The_staff_list_is_searchable(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        await app.CreateStaffAsync(Roles.Counselor, "findme.counselor@example.invalid");
        await app.CreateStaffAsync(Roles.Auditor, "other.auditor@example.invalid");

        var page = await admin.GetDocumentAsync("/Admin/Staff?q=findme");

        var text = page.QuerySelector("table")!.TextContent;
        Assert.Contains("findme.counselor@example.invalid", text, StringComparison.Ordinal);
        Assert.DoesNotContain("other.auditor@example.invalid", text, StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task Admins_cannot_open_residents(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, admin) = await app.SignInNewAsync(Roles.Admin);
        var resident = await app.CreateResidentAsync(null);

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/Residents/Details/{resident}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/Residents")).StatusCode);
        Assert.DoesNotContain("Testa", await (await admin.GetAsync("/")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
