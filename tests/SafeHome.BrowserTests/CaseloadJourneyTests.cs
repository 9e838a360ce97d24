using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SafeHome.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace SafeHome.BrowserTests;

/// One journey through the real app in a real browser, from the first-run setup link to a counselor who sees only
/// their own caseload. Every step is typed and clicked through the pages, as staff would.
public sealed partial class CaseloadJourneyTests
{
    // All people here are invented; the example.invalid domain can never receive mail.
    private static readonly Person Admin = new("avery.admin@example.invalid", "Avery Admin", null, "orchid lantern voyage 42");
    private static readonly Person Director = new("dana.director@example.invalid", "Dana Director", "Program director", "granite meadow pencil 17");
    private static readonly Person Casey = new("casey.counselor@example.invalid", "Casey Counselor", "Counselor", "violet harbor teapot 93");
    private static readonly Person Corey = new("corey.counselor@example.invalid", "Corey Counselor", "Counselor", "copper falcon blanket 58");

    static CaseloadJourneyTests() =>
        // The first request to each page JIT-compiles its view: allow for a slow CI machine.
        SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task Director_admits_residents_and_each_counselor_sees_only_their_own_caseload()
    {
        await using var server = await SafeHomeServer.StartAsync(TestContext.Current.CancellationToken);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var pages = new List<IPage>();
        var signedIn = new Dictionary<Person, IPage>();

        try
        {
            // 1. The first administrator, from the one-time link printed at start-up.
            var admin = await NewPageAsync(browser, server, pages);
            await admin.GotoAsync(server.SetupLink.ToString());
            await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Create the first administrator" })).ToBeVisibleAsync();
            await Field(admin, "Email").FillAsync(Admin.Email);
            await Field(admin, "Display name").FillAsync(Admin.DisplayName);
            await Field(admin, "Password").FillAsync(Admin.Password);
            await Field(admin, "Confirm password").FillAsync(Admin.Password);
            await admin.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();

            // Signed in with it at once: the next step is the authenticator, not the sign-in page.
            await EnrolAsync(admin, Admin);

            // Signing in again goes through the code step: the code comes from the key read off the enrolment page.
            await admin.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await Expect(admin).ToHaveURLAsync(LoginUrl());
            await SignInAsync(admin, Admin);
            // Chromium keeps a Secure, __Host- cookie over plain http on the loopback address.
            var cookies = await admin.Context.CookiesAsync();
            Assert.Contains(cookies, c => c.Name == "__Host-SafeHome" && c.Secure && c.HttpOnly && c.SameSite == SameSiteAttribute.Strict);

            // 2. The first program director is made by the operator at the console, never through the admin pages.
            var (exitCode, verbOutput) = await server.RunVerbAsync(
                Director.Password, TestContext.Current.CancellationToken, "create-user", "--email", Director.Email, "--role", "ProgramDirector", "--name", Director.DisplayName);
            Assert.True(exitCode == 0, verbOutput);

            // The verb enrols the account and prints its key and otpauth link: the director's app takes the secret.
            var secret = Regex.Match(verbOutput, @"otpauth://totp/SafeHome:[^?\s]+\?secret=(?<secret>[A-Z2-7]+)&issuer=SafeHome");
            Assert.True(secret.Success, verbOutput);
            Authenticators[Director] = new AuthenticatorApp(secret.Groups["secret"].Value);
            var directorPage = await NewPageAsync(browser, server, pages);
            await directorPage.GotoAsync("/Account/Login");
            await SignInAsync(directorPage, Director);
            signedIn[Director] = directorPage;

            // 3. Counselor accounts, each with its password set from the link the administrator hands over; their
            // role waits until the director (not the administrator) confirms it.
            var own = new Dictionary<Person, IPage>();
            foreach (var person in new[] { Casey, Corey })
            {
                var link = await CreateStaffAsync(admin, person);
                own[person] = await NewPageAsync(browser, server, pages);
                await SetPasswordAsync(own[person], link, person);
            }

            await OpenProgramMenuAsync(directorPage);
            await directorPage.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Account changes" }).ClickAsync();
            foreach (var person in new[] { Casey, Corey })
            {
                var row = directorPage.Locator("#open-requests tbody tr", new() { HasText = person.DisplayName });
                await row.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
                await Expect(directorPage.Locator("div.alert-success[role=status]")).ToContainTextAsync("Confirmed");
            }

            // Confirming the role ended the session the password link started: they sign in again, with their code.
            foreach (var person in new[] { Casey, Corey })
            {
                await own[person].GotoAsync("/");
                await SignInAsync(own[person], person);
                signedIn[person] = own[person];
            }

            // 4. The director admits one resident to each counselor's caseload.
            var dob = DateOnly.FromDateTime(DateTime.Today).AddYears(-15).AddDays(-45);
            var sunny = await AdmitAsync(signedIn[Director], new Intake("Jordan Quill-Example", "Sunny", dob, "Northfield County Youth Services", Casey));
            var marlow = await AdmitAsync(signedIn[Director], new Intake("Riley Vantor-Sample", "Marlow", dob.AddMonths(-3), "Lakeside Family Court", Corey));

            // 5. Casey's caseload lists Sunny and not Marlow; Marlow's record answers "Not found".
            var casey = signedIn[Casey];
            await casey.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Residents", Exact = true }).ClickAsync();
            await Expect(casey.GetByRole(AriaRole.Heading, new() { Name = "My caseload" })).ToBeVisibleAsync();
            var rows = casey.Locator("#residents tbody tr");
            await Expect(rows).ToHaveCountAsync(1);
            await Expect(rows.First.GetByRole(AriaRole.Link, new() { Name = "Sunny", Exact = true })).ToBeVisibleAsync();
            await Expect(casey.Locator("#residents")).Not.ToContainTextAsync("Marlow");

            var refused = await casey.GotoAsync(marlow.ToString());
            Assert.NotNull(refused);
            Assert.Equal(404, refused.Status);
            await Expect(casey.GetByRole(AriaRole.Heading, new() { Name = "Not found" })).ToBeVisibleAsync();
            await Expect(casey.Locator("body")).Not.ToContainTextAsync("Marlow");
            await Expect(casey.Locator("body")).Not.ToContainTextAsync("Riley Vantor-Sample");

            // Casey's own resident still opens.
            var allowed = await casey.GotoAsync(sunny.ToString());
            Assert.Equal(200, allowed?.Status);
            await Expect(casey.GetByRole(AriaRole.Heading, new() { Name = "Sunny", Level = 1 })).ToBeVisibleAsync();
            await Expect(casey.Locator("#legal-name")).ToHaveTextAsync("Jordan Quill-Example");

            // 6. The director asks for last quarter's outcome report; the page polls the job's progress (plain fetch)
            // until the PDF is ready, without anyone reloading it.
            var director = signedIn[Director];
            await OpenProgramMenuAsync(director);
            await director.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Outcome reports" }).ClickAsync();
            await director.GetByRole(AriaRole.Link, new() { Name = "Request a report" }).ClickAsync();
            var polled = director.WaitForResponseAsync(r => r.Url.Contains("handler=Progress", StringComparison.Ordinal) && r.Status == 200, new() { Timeout = 90_000 });
            await director.GetByRole(AriaRole.Button, new() { Name = "Build the report" }).ClickAsync();
            await Expect(director.GetByRole(AriaRole.Heading, new() { NameRegex = ReportHeading() })).ToBeVisibleAsync();
            await polled;
            var download = director.GetByRole(AriaRole.Link, new() { Name = "Download the PDF" });
            await Expect(download).ToBeVisibleAsync(new() { Timeout = 90_000 });
            await Expect(director.Locator("#report-progress")).ToHaveAttributeAsync("aria-valuenow", "100");
            await Expect(director.Locator("#report-status")).ToHaveTextAsync("Ready");
            var file = await director.RunAndWaitForDownloadAsync(() => download.ClickAsync());
            await using var pdf = await file.CreateReadStreamAsync();
            var head = new byte[5];
            await pdf.ReadExactlyAsync(head, TestContext.Current.CancellationToken);
            Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(head));
            Assert.EndsWith("-v1.pdf", file.SuggestedFilename, StringComparison.Ordinal);
        }
        catch (Exception ex)
        {
            // Keep the original message first; add what the pages and the app looked like at that moment.
            throw new InvalidOperationException(ex.Message + Environment.NewLine + await DescribeFailureAsync(server, pages), ex);
        }
    }

    private static async Task<IPage> NewPageAsync(IBrowser browser, SafeHomeServer server, List<IPage> pages)
    {
        // A context per person: separate cookie jars, as on separate machines.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        pages.Add(page);
        return page;
    }

    /// The director's program-wide pages sit in the menu's "Program" group.
    private static Task OpenProgramMenuAsync(IPage page) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).Locator("summary", new() { HasText = "Program" }).ClickAsync();

    private static ILocator Field(IPage page, string label) => page.GetByLabel(label, new() { Exact = true });

    // Each person's authenticator app, holding the key they read off the enrolment page.
    private static readonly Dictionary<Person, AuthenticatorApp> Authenticators = [];

    private static async Task SignInAsync(IPage page, Person person)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Field(page, "Email").FillAsync(person.Email);
        await Field(page, "Password").FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (Authenticators.TryGetValue(person, out var app))
        {
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enter your code" })).ToBeVisibleAsync();
            await Field(page, "Code from your authenticator app").FillAsync(app.NextCode());
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page.Locator("main h1")).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        }
        else
        {
            await EnrolAsync(page, person);
        }
    }

    /// A new account sets up its authenticator before anything else opens.
    private static async Task EnrolAsync(IPage page, Person person)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up your authenticator" })).ToBeVisibleAsync();
        await Expect(page.Locator("#qr-code svg")).ToBeVisibleAsync();
        var app = new AuthenticatorApp((await page.Locator("#authenticator-key").TextContentAsync())!);
        await Field(page, "Code from the app").FillAsync(app.NextCode());
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        Authenticators[person] = app;
        await page.GetByRole(AriaRole.Link, new() { Name = "I have kept them; continue" }).ClickAsync();
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// Creates the account through Staff → Add a staff member and returns the password link shown on that response.
    private static async Task<string> CreateStaffAsync(IPage admin, Person person)
    {
        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Staff", Exact = true }).ClickAsync();
        await admin.GetByRole(AriaRole.Link, new() { Name = "Add a staff member" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Add a staff member" })).ToBeVisibleAsync();
        await Field(admin, "Email").FillAsync(person.Email);
        await Field(admin, "Display name").FillAsync(person.DisplayName);
        await Field(admin, "Role").SelectOptionAsync(new SelectOptionValue { Label = person.Role! });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = person.DisplayName, Level = 1 })).ToBeVisibleAsync();
        var link = admin.Locator("#reset-link");
        await Expect(link).ToHaveValueAsync(ResetPasswordUrl());

        // The link is hundreds of characters: the copy button puts all of it on the clipboard and says so.
        await admin.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await Expect(admin.Locator("#reset-link-copied")).ToHaveTextAsync("Copied.");
        Assert.Equal(await link.InputValueAsync(), await admin.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        return await link.InputValueAsync();
    }

    private static async Task SetPasswordAsync(IPage page, string link, Person person)
    {
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set your password" })).ToBeVisibleAsync();
        await Field(page, "New password").FillAsync(person.Password);
        await Field(page, "Confirm new password").FillAsync(person.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();

        // Signed in with the new password straight away; a new account's first stop is its authenticator.
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Your password is set");
        await EnrolAsync(page, person);
    }

    /// Fills the intake form as a program director and returns the new resident's overview address.
    private static async Task<Uri> AdmitAsync(IPage director, Intake intake)
    {
        await director.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "New intake" }).ClickAsync();
        await Expect(director.GetByRole(AriaRole.Heading, new() { Name = "New intake" })).ToBeVisibleAsync();
        await Field(director, "Legal name").FillAsync(intake.LegalName);
        await Field(director, "Preferred or chosen name").FillAsync(intake.PreferredName);
        await Field(director, "Date of birth").FillAsync(intake.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        // The admission date defaults to today.
        await Expect(Field(director, "Admission date")).ToHaveValueAsync(IsoDate());
        await Field(director, "Placing agency").FillAsync(intake.PlacingAgency);
        await Field(director, "Primary counselor").SelectOptionAsync(new SelectOptionValue { Label = intake.Counselor.DisplayName });
        await director.GetByRole(AriaRole.Button, new() { Name = "Admit resident" }).ClickAsync();

        await Expect(director).ToHaveURLAsync(ResidentOverviewUrl());
        await Expect(director.GetByRole(AriaRole.Heading, new() { Name = intake.PreferredName, Level = 1 })).ToBeVisibleAsync();
        await Expect(director.Locator("#counselors")).ToContainTextAsync($"{intake.Counselor.DisplayName} (primary)");
        return new Uri(director.Url);
    }

    private static async Task<string> DescribeFailureAsync(SafeHomeServer server, List<IPage> pages)
    {
        var lines = new List<string> { "Browser pages at the failure:" };
        var folder = Path.Combine(AppContext.BaseDirectory, "failures");
        Directory.CreateDirectory(folder);
        for (var i = 0; i < pages.Count; i++)
        {
            try
            {
                var shot = Path.Combine(folder, $"page-{i}.png");
                await pages[i].ScreenshotAsync(new() { Path = shot, FullPage = true });
                lines.Add($"  [{i}] {pages[i].Url} (screenshot {shot})");
            }
            catch (PlaywrightException ex)
            {
                lines.Add($"  [{i}] {pages[i].Url} (no screenshot: {ex.Message})");
            }
        }

        lines.Add("--- SafeHome output ---");
        lines.Add(server.Output);
        return string.Join(Environment.NewLine, lines);
    }

    [GeneratedRegex("/Account/Login(\\?|$)")]
    private static partial Regex LoginUrl();

    [GeneratedRegex("^http://127\\.0\\.0\\.1:\\d+/Account/ResetPassword\\?userId=[^&]+&token=.+$")]
    private static partial Regex ResetPasswordUrl();

    [GeneratedRegex("/Residents/Details/[0-9a-fA-F-]{36}$")]
    private static partial Regex ResidentOverviewUrl();

    [GeneratedRegex("^\\d{4}-\\d{2}-\\d{2}$")]
    private static partial Regex IsoDate();

    [GeneratedRegex("^Outcome report \\d{4} Q[1-4], version 1$")]
    private static partial Regex ReportHeading();

    private sealed record Person(string Email, string DisplayName, string? Role, string Password);

    private sealed record Intake(string LegalName, string PreferredName, DateOnly DateOfBirth, string PlacingAgency, Person Counselor);
}
