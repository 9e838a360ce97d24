using System.Net;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Pages.Account;

namespace SafeHome.IntegrationTests.Pages.Account;

/// SECURITY.md A3–A5 from outside: a password alone opens nothing, a code works once, recovery codes work once, and
/// wrong codes count toward the same lockout as wrong passwords.
public sealed class MfaTests
{
    [Theory, Providers]
    public async Task A_password_alone_gives_no_session_and_no_case_access_and_a_valid_code_lets_the_person_in(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var member = await app.CreateStaffAsync(Roles.Counselor);
        var browser = app.CreateBrowser();

        var password = await browser.SubmitFormAsync("/Account/Login?returnUrl=%2FResidents", new() { ["Input.Email"] = member.Email, ["Input.Password"] = SafeHomeApp.Password });

        password.AssertRedirectTo("/Account/LoginWith2fa");
        Assert.DoesNotContain(password.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-SafeHome=", StringComparison.Ordinal));
        (await browser.GetAsync("/Residents")).AssertRedirectTo("/Account/Login");

        var code = await browser.SubmitFormAsync(password.Location(), new() { ["Input.Code"] = app.NextCode(member.Email) });

        Assert.Equal("/Residents", code.Location());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Residents")).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.LoginSucceeded && e.EntityKey == member.Id)));
    }

    [Theory, Providers]
    public async Task The_same_code_a_second_time_is_refused_and_recorded_as_a_replay(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var member = await app.CreateStaffAsync(Roles.Auditor);
        var code = app.NextCode(member.Email);
        var first = app.CreateBrowser();
        var password = await first.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = member.Email, ["Input.Password"] = SafeHomeApp.Password });
        (await first.SubmitFormAsync(password.Location(), new() { ["Input.Code"] = code })).AssertRedirectTo("/");

        // Someone who watched the code being typed tries it within the same 30 seconds, with the password.
        var second = app.CreateBrowser();
        var again = await second.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = member.Email, ["Input.Password"] = SafeHomeApp.Password });
        var replay = await second.SubmitFormAsync(again.Location(), new() { ["Input.Code"] = code });

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(LoginWith2faModel.CodeFailure, (await HtmlForms.ParseAsync(replay)).FieldError("Input.Code"));
        (await second.GetAsync("/Audit")).AssertRedirectTo("/Account/Login");
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.MfaReplay && e.EntityKey == member.Id)));
    }

    [Theory, Providers]
    public async Task A_new_account_reaches_only_enrolment_and_sign_out_until_it_enrols_and_its_recovery_codes_work_once_each(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var member = await app.CreateStaffAsync(Roles.Counselor, enrolled: false);
        var browser = app.CreateBrowser();
        (await browser.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = member.Email, ["Input.Password"] = SafeHomeApp.Password })).AssertRedirectTo("/");

        foreach (var path in new[] { "/", "/Residents", "/Notes/Unsigned", "/Admin/Staff", "/Audit" })
        {
            (await browser.GetAsync(path)).AssertRedirectTo("/Account/EnableAuthenticator");
        }

        var enrol = await browser.GetDocumentAsync("/Account/EnableAuthenticator");
        Assert.NotNull(enrol.QuerySelector("#qr-code svg"));
        Assert.DoesNotContain(enrol.QuerySelectorAll("script[src]"), s => !s.GetAttribute("src")!.StartsWith('/'));
        var key = enrol.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
        app.AuthenticatorKeys[member.Email] = key;
        var wrong = await browser.SubmitFormAsync(enrol, "/Account/EnableAuthenticator", new() { ["Input.Code"] = WrongCode(app, member.Email) });
        Assert.NotNull((await HtmlForms.ParseAsync(wrong)).FieldError("Input.Code"));
        (await browser.GetAsync("/Residents")).AssertRedirectTo("/Account/EnableAuthenticator");

        var done = await HtmlForms.ParseAsync(await browser.SubmitFormAsync("/Account/EnableAuthenticator", new() { ["Input.Code"] = app.NextCode(member.Email) }));
        var codes = done.QuerySelectorAll("#recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Distinct().Count());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Residents")).StatusCode);

        // Only hashes are kept.
        var stored = await app.WithDbAsync(db => db.UserTokens.Where(t => t.UserId == member.Id).Select(t => t.Value).ToListAsync());
        Assert.DoesNotContain(stored, v => codes.Any(c => v != null && v.Contains(c, StringComparison.OrdinalIgnoreCase)));

        var recovered = await RecoverAsync(app, member, codes[3]);
        Assert.True(recovered.StatusCode == HttpStatusCode.Redirect, (await HtmlForms.ParseAsync(recovered)).QuerySelector("main")?.TextContent);
        var reused = await RecoverAsync(app, member, codes[3]);
        Assert.Equal(LoginWith2faModel.RecoveryFailure, (await HtmlForms.ParseAsync(reused)).FieldError("Input.RecoveryCode"));
        Assert.Equal(HttpStatusCode.Redirect, (await RecoverAsync(app, member, codes[7].ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal))).StatusCode);
    }

    [Theory, Providers]
    public async Task Failures_at_the_password_and_the_code_steps_count_together_toward_lockout(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var member = await app.CreateStaffAsync(Roles.ProgramDirector);
        for (var i = 0; i < 3; i++)
        {
            await app.CreateBrowser().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = member.Email, ["Input.Password"] = "a wrong but long passphrase" });
        }

        var browser = app.CreateBrowser();
        var password = await browser.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = member.Email, ["Input.Password"] = SafeHomeApp.Password });
        (await browser.SubmitFormAsync(password.Location(), new() { ["Input.Code"] = WrongCode(app, member.Email) })).EnsureSuccessStatusCode();
        (await browser.SubmitFormAsync(password.Location(), new() { ["Input.RecoveryCode"] = "AAAAA-BBBBB" })).EnsureSuccessStatusCode();

        // Five failures: the right password and the right code are now refused alike.
        var locked = await app.CreateBrowser().SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = member.Email, ["Input.Password"] = SafeHomeApp.Password });
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains(LoginModel.Failure, System.Net.WebUtility.HtmlDecode(await locked.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var lastChance = await browser.SubmitFormAsync(password.Location(), new() { ["Input.Code"] = app.NextCode(member.Email) });
        Assert.Equal(HttpStatusCode.OK, lastChance.StatusCode);
        (await browser.GetAsync("/Residents")).AssertRedirectTo("/Account/Login");
    }

    // A well-formed code that no step in the server's window would accept.
    private static string WrongCode(SafeHomeApp app, string email)
    {
        var totp = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(app.AuthenticatorKeys[email]));
        var now = app.Clock.GetUtcNow().UtcDateTime;
        var valid = new[] { -30, 0, 30 }.Select(s => totp.ComputeTotp(now.AddSeconds(s))).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !valid.Contains(c));
    }

    private static async Task<HttpResponseMessage> RecoverAsync(SafeHomeApp app, StaffMember member, string recoveryCode)
    {
        var browser = app.CreateBrowser();
        var password = await browser.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = member.Email, ["Input.Password"] = SafeHomeApp.Password });
        password.AssertRedirectTo("/Account/LoginWith2fa");
        return await browser.SubmitFormAsync(password.Location(), new() { ["Input.RecoveryCode"] = recoveryCode });
    }
}
