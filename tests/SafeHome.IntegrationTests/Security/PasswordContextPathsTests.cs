using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Infrastructure;

namespace SafeHome.IntegrationTests.Security;

/// Issue 15 item 5 (SECURITY.md A2): every way a password is chosen (create-user, the first-run setup page and a
/// password link) refuses the same context passwords: "safe home", the configured program name, the email.
public sealed class PasswordContextPathsTests
{
    private const string ProgramName = "Lantern House Program";
    private const string Email = "orla.testperson@example.invalid";
    private const string ContextMessage = "name, email or the program's name";
    private const string Good = "violet goats hum beside the crooked mill";

    public static TheoryData<string> ContextPasswords => new()
    {
        "safehome-program",
        "Orla.Testperson-2026!",
        "Lantern House Program 2026",
    };

    [Theory]
    [MemberData(nameof(ContextPasswords))]
    public async Task Create_user_refuses_it(string password)
    {
        var folder = OperatorVerbs.NewFolder();
        try
        {
            string[] settings = [$"--Database:DataFolder={folder}", "--environment=Development", "--Jobs:RunServer=false", $"--Reports:ProgramName={ProgramName}"];
            Assert.Equal(0, await OperatorVerbs.RunAsync([.. settings, "migrate"]));
            var error = new StringWriter();

            var exit = await OperatorVerbs.RunAsync([.. settings, "create-user", "--email", Email, "--role", Roles.Counselor], password, error: error);

            Assert.Equal(1, exit);
            Assert.Contains(ContextMessage, error.ToString(), StringComparison.Ordinal);
            Assert.Equal(0, await OperatorVerbs.RunAsync([.. settings, "create-user", "--email", "other." + Email, "--role", Roles.Counselor], Good));
        }
        finally
        {
            OperatorVerbs.DeleteFolder(folder);
        }
    }

    [Theory]
    [MemberData(nameof(ContextPasswords))]
    public async Task The_setup_page_refuses_it(string password)
    {
        await using var app = await StartAsync();
        var token = app.Services.GetRequiredService<FirstRunSetup>().GetOrIssueToken();

        var response = await app.CreateBrowser().SubmitFormAsync($"/Account/Setup?token={token}", new()
        {
            ["Input.Email"] = Email,
            ["Input.DisplayName"] = "Orla Testperson",
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(ContextMessage, (await HtmlForms.ParseAsync(response)).FieldError("Input.Password"), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(ContextPasswords))]
    public async Task A_password_link_refuses_it(string password)
    {
        await using var app = await StartAsync();
        var member = await app.CreateStaffAsync(Roles.Counselor, Email);
        var before = await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.PasswordHash).SingleAsync());
        var link = await app.PasswordLinkAsync(member);

        var response = await app.CreateBrowser().SubmitFormAsync(link, new() { ["Input.Password"] = password, ["Input.ConfirmPassword"] = password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        var message = page.FieldError("Input.Password") ?? page.QuerySelector(".validation-summary-errors")?.TextContent;
        Assert.Contains(ContextMessage, message, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.PasswordHash).SingleAsync()));

        // The same link still works for a password that says nothing about the account.
        (await app.CreateBrowser().SubmitFormAsync(link, new() { ["Input.Password"] = Good, ["Input.ConfirmPassword"] = Good })).AssertRedirectTo("/Account/Login");
    }

    private static async Task<SafeHomeApp> StartAsync()
    {
        var app = new SafeHomeApp();
        app.Settings["Reports:ProgramName"] = ProgramName;
        await app.InitializeAsync();
        return app;
    }
}
