using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Account;

public sealed class SetupTests
{
    [Theory, Providers]
    public async Task The_setup_link_creates_the_first_administrator_once_and_then_answers_404(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var link = await PrintedSetupLinkAsync(app);
        var token = link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var browser = app.CreateBrowser();

        var response = await browser.SubmitFormAsync(link, new()
        {
            ["Input.Email"] = "first.admin@example.invalid",
            ["Input.DisplayName"] = "First Admin",
            ["Input.Password"] = SafeHomeApp.Password,
            ["Input.ConfirmPassword"] = SafeHomeApp.Password,
        });

        // Signed in with the password just chosen: the next page is enrolling an authenticator, not "sign in".
        response.AssertRedirectTo("/");
        (await browser.GetAsync("/")).AssertRedirectTo("/Account/EnableAuthenticator");
        var enrol = await browser.GetAsync("/Account/EnableAuthenticator");
        Assert.Equal(HttpStatusCode.OK, enrol.StatusCode);
        Assert.Contains("first.admin@example.invalid", await enrol.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var admins = await app.WithDbAsync(async _ =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<UserManager<SafeHomeUser>>().GetUsersInRoleAsync(Roles.Admin);
        });
        Assert.Equal("first.admin@example.invalid", Assert.Single(admins).Email);
        var stranger = app.CreateBrowser();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Account/Setup?token={token}")).StatusCode);
        var fresh = app.Services.GetRequiredService<FirstRunSetup>().GetOrIssueToken();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Account/Setup?token={fresh}")).StatusCode);
    }

    /// The banner prints once the server has started; the link is the operator's only way in.
    private static async Task<string> PrintedSetupLinkAsync(SafeHomeApp app)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var match = System.Text.RegularExpressions.Regex.Match(app.OperatorOutput.ToString(), @"/Account/Setup\?token=[0-9a-f]{64}");
            if (match.Success)
            {
                return match.Value;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"No setup link was printed: {app.OperatorOutput}");
        return string.Empty;
    }

    [Theory]
    [ProviderInlineData("")]
    [ProviderInlineData("not-the-token")]
    public async Task A_wrong_or_missing_token_answers_404(string token, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        app.Services.GetRequiredService<FirstRunSetup>().GetOrIssueToken();

        var response = await app.CreateBrowser().GetAsync($"/Account/Setup?token={token}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory, Providers]
    public async Task A_weak_password_is_refused_next_to_the_field_and_no_account_is_created(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var token = app.Services.GetRequiredService<FirstRunSetup>().GetOrIssueToken();

        var response = await app.CreateBrowser().SubmitFormAsync($"/Account/Setup?token={token}", new()
        {
            ["Input.Email"] = "first.admin@example.invalid",
            ["Input.DisplayName"] = "First Admin",
            ["Input.Password"] = "short pass",
            ["Input.ConfirmPassword"] = "short pass",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HtmlForms.ParseAsync(response);
        Assert.Contains("at least 15 characters", page.FieldError("Input.Password"), StringComparison.Ordinal);
        Assert.Equal("first.admin@example.invalid", page.QuerySelector("#Input_Email")?.GetAttribute("value"));
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Users.Count())));
    }
}
