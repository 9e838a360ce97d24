using Microsoft.Playwright;
using SafeHome.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SafeHome.BrowserTests;

/// Issue 18, typing survives, in Chromium with the idle timeout shortened by setting: the page keeps the typing as a
/// draft without a click, warns before the session ends and can renew it, and a note saved after the session ended
/// is back in the form, exactly as typed, once the person has signed in again. Nothing goes into browser storage.
public sealed class TypingSurvivesTests
{
    private const int IdleSeconds = 40;

    static TypingSurvivesTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task A_note_typed_past_the_idle_timeout_is_kept_warned_about_and_back_after_signing_in()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var server = await SafeHomeServer.StartAsync(cancellation, seedDemo: true, new Dictionary<string, string>
        {
            ["Session:IdleTimeout"] = $"00:00:{IdleSeconds}",
            ["Drafts:AutosaveSeconds"] = "2",
        });
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        const string Email = "demo.counselor@example.invalid";

        await EveryPageTests.SignInAsync(page, server, Email);
        await page.GotoAsync("/Residents");
        await page.Locator("#residents tbody tr a").First.ClickAsync();
        await page.Locator("#write-note").ClickAsync();
        var words = page.Locator("#Input_InterventionsUsed");
        const string First = "Sat with the lantern by the north window; “calmer now”, she said.";
        await words.FillAsync(First);

        // Kept without a click, and the page says so quietly.
        await Expect(page.Locator("[data-autosave-status]")).ToContainTextAsync("Draft saved at");

        // Half the (shortened) timeout later the warning is up; "Stay signed in" renews the session and hides it.
        var warning = page.Locator("#session-warning");
        await Expect(warning).ToBeVisibleAsync(new() { Timeout = IdleSeconds * 1000 });
        await Expect(warning).ToContainTextAsync("signs you out at");
        await warning.GetByRole(AriaRole.Button, new() { Name = "Stay signed in" }).ClickAsync();
        await Expect(warning).ToBeHiddenAsync();
        await page.GotoAsync(page.Url);
        Assert.Equal(First, await words.InputValueAsync());
        await Expect(page.Locator("#draft-restored")).ToBeVisibleAsync();

        // The session ends; more is typed after it ended (the autosave can no longer reach the server) and saved.
        await Expect(warning).ToContainTextAsync("You were signed out", new() { Timeout = (IdleSeconds + 10) * 1000 });
        const string Second = " Then we planned Saturday's walk.";
        await words.FocusAsync();
        await page.Keyboard.PressAsync("Control+End");
        await words.PressSequentiallyAsync(Second);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();

        // Sign in again: the whole text is back in the form, not saved yet, and nothing was put in browser storage.
        await Expect(page.Locator("#typing-kept")).ToBeVisibleAsync();
        var (password, key) = server.DemoAccounts[Email];
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Code from your authenticator app", new() { Exact = true }).FillAsync(new AuthenticatorApp(key).NextCode());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.Locator("#draft-restored")).ToContainTextAsync("Your session ended");
        Assert.Equal(First + Second, await words.InputValueAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));

        // Saved from there, it is the note.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("saved");
        Assert.Equal(First + Second, await page.Locator("#Input_InterventionsUsed").InputValueAsync());
    }
}
