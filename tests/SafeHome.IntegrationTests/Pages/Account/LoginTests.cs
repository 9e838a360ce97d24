using System.Net;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Pages.Account;
using Microsoft.EntityFrameworkCore;

namespace SafeHome.IntegrationTests.Pages.Account;

public sealed class LoginTests
{
    [Theory, Providers]
    public async Task Unknown_user_wrong_password_and_locked_account_get_the_same_answer(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var member = await app.CreateStaffAsync(Roles.Counselor);

        var unknown = await Body(app, "nobody@example.invalid", SafeHomeApp.Password);
        var wrong = await Body(app, member.Email, "wrong password but long enough");

        Assert.Equal(unknown, wrong);
        Assert.Contains(LoginModel.Failure, System.Net.WebUtility.HtmlDecode(unknown), StringComparison.Ordinal);
    }

    [Theory, Providers]
    public async Task Five_failures_lock_the_account_even_against_the_right_password(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var member = await app.CreateStaffAsync(Roles.Counselor);
        for (var i = 0; i < 5; i++)
        {
            await Body(app, member.Email, "wrong password but long enough");
        }

        var locked = await app.CreateBrowser().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = member.Email, ["Input.Password"] = SafeHomeApp.Password });

        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains(LoginModel.Failure, System.Net.WebUtility.HtmlDecode(await locked.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.LockedOut && e.EntityKey == member.Id)));
        var stored = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == member.Id));
        Assert.InRange(stored.LockoutEnd!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Theory, Providers]
    public async Task A_session_ends_after_fifteen_idle_minutes(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Counselor);

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Residents")).StatusCode);
        app.Clock.Advance(TimeSpan.FromMinutes(16));

        (await browser.GetAsync("/Residents")).AssertRedirectTo("/Account/Login");
    }

    [Theory, Providers]
    public async Task A_busy_session_still_ends_twelve_hours_after_sign_in(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Counselor);

        for (var minutes = 0; minutes < 12 * 60 - 10; minutes += 10)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(11));
        (await browser.GetAsync("/")).AssertRedirectTo("/Account/Login");
    }

    [Theory, Providers]
    public async Task Signing_out_invalidates_every_cookie_issued_before_it_server_side(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (member, browser) = await app.SignInNewAsync(Roles.Counselor);
        var copied = await app.SignInAsync(member); // a second cookie, standing in for a stolen copy

        (await browser.SubmitFormAsync("/Account/Logout", new())).AssertRedirectTo("/Account/Login");

        (await copied.GetAsync("/Residents")).AssertRedirectTo("/Account/Login");
        (await browser.GetAsync("/Residents")).AssertRedirectTo("/Account/Login");
    }

    [Theory, Providers]
    public async Task A_return_url_to_another_host_is_ignored(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var member = await app.CreateStaffAsync(Roles.Counselor);

        var response = await app.PasswordAndCodeAsync(app.CreateBrowser(), member, "/Account/Login?returnUrl=https%3A%2F%2Fevil.example%2F");

        Assert.Equal("/", response.Location());
    }

    private static async Task<string> Body(SafeHomeApp app, string email, string password)
    {
        var response = await app.CreateBrowser().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        return page.QuerySelector(".validation-summary-errors")?.TextContent.Trim() ?? string.Empty;
    }
}
