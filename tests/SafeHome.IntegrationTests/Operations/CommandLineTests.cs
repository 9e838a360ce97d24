using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Infrastructure;

namespace SafeHome.IntegrationTests.Operations;

public sealed partial class CommandLineTests
{
    [Theory, Providers]
    public async Task Create_user_reads_the_password_from_standard_input_and_applies_the_policy(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var options = new Dictionary<string, string> { ["email"] = "cli.director@example.invalid", ["role"] = "programdirector" };

        var weak = await CommandLine.CreateUserAsync(app.Services, options, new StringReader("password12345678"), TextWriter.Null, TextWriter.Null);
        var unknownRole = await CommandLine.CreateUserAsync(app.Services, new Dictionary<string, string> { ["email"] = "x@example.invalid", ["role"] = "Owner" }, new StringReader(SafeHomeApp.Password), TextWriter.Null, TextWriter.Null);
        Assert.Equal(1, weak);
        Assert.Equal(2, unknownRole);
        Assert.Equal(0, await app.WithDbAsync(db => db.Users.CountAsync()));

        var output = new StringWriter();
        var created = await CommandLine.CreateUserAsync(app.Services, options, new StringReader(SafeHomeApp.Password + "\n"), output, TextWriter.Null);

        Assert.Equal(0, created);
        var lines = output.ToString().Trim().Split('\n', StringSplitOptions.TrimEntries);
        Assert.Equal("Created a Program director account for cli.director@example.invalid.", lines[0]);

        // The printed key and link are what an authenticator app needs: the sign-in below computes its code from them.
        var link = OtpLink().Match(lines[2]);
        Assert.True(link.Success, lines[2]);
        Assert.Equal("cli.director@example.invalid", link.Groups["email"].Value);
        Assert.Equal(link.Groups["secret"].Value, lines[1].Split(':')[^1].Trim());
        app.AuthenticatorKeys["cli.director@example.invalid"] = link.Groups["secret"].Value;
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SafeHomeUser>>();
        var user = await users.FindByEmailAsync("cli.director@example.invalid");
        Assert.Equal([Roles.ProgramDirector], await users.GetRolesAsync(user!));
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignInAsync(new StaffMember(user!.Id, user.Email!, Roles.ProgramDirector))).GetAsync("/Residents")).StatusCode);
    }

    [Theory]
    [ProviderInlineData(Roles.Admin, "Created an Admin account for")]
    [ProviderInlineData(Roles.Auditor, "Created an Auditor account for")]
    [ProviderInlineData(Roles.Counselor, "Created a Counselor account for")]
    public async Task Create_user_names_the_role_it_created(string role, string expected, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var output = new StringWriter();

        var exit = await CommandLine.CreateUserAsync(app.Services, new Dictionary<string, string> { ["email"] = "named@example.invalid", ["role"] = role }, new StringReader(SafeHomeApp.Password), output, TextWriter.Null);

        Assert.Equal(0, exit);
        Assert.StartsWith(expected, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Seed_demo_is_refused_in_production_before_touching_the_database()
    {
        var folder = Path.Combine(Path.GetTempPath(), "safehome-tests", Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", Args = [$"--Database:DataFolder={folder}"] });
        builder.AddSafeHome();
        await using var app = builder.Build();

        var exit = await CommandLine.RunAsync(app, CommandLine.Parse(["--seed-demo"]), TextReader.Null, TextWriter.Null, TextWriter.Null);

        Assert.Equal(2, exit);
        Assert.False(File.Exists(Path.Combine(folder, "safehome.db")) && new FileInfo(Path.Combine(folder, "safehome.db")).Length > 0);
    }

    [Theory, Providers]
    public async Task Seed_demo_prints_one_working_password_per_account_once_and_invents_residents(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var output = new StringWriter();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(output);
        }

        var accounts = DemoAccountLine().Matches(output.ToString());
        Assert.Equal(5, accounts.Count);
        var counselor = accounts.Single(m => m.Groups["email"].Value == "demo.counselor@example.invalid");
        var links = OtpLink().Matches(output.ToString());
        Assert.Equal(accounts.Select(a => a.Groups["email"].Value), links.Select(l => l.Groups["email"].Value));
        app.AuthenticatorKeys["demo.counselor@example.invalid"] = links.Single(l => l.Groups["email"].Value == "demo.counselor@example.invalid").Groups["secret"].Value;
        var browser = app.CreateBrowser();
        var password = await browser.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = "demo.counselor@example.invalid", ["Input.Password"] = counselor.Groups["password"].Value });
        password.AssertRedirectTo("/Account/LoginWith2fa");
        (await browser.SubmitFormAsync(password.Location(), new() { ["Input.Code"] = app.NextCode("demo.counselor@example.invalid") })).AssertRedirectTo("/");
        var caseload = (await browser.GetDocumentAsync("/Residents")).QuerySelectorAll("#residents tbody tr").Length;
        Assert.Equal(4, caseload);
        Assert.Equal(8, await app.WithDbAsync(db => db.Residents.CountAsync()));

        var second = new StringWriter();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(second);
        }

        Assert.Empty(DemoAccountLine().Matches(second.ToString()));
        Assert.Equal(8, await app.WithDbAsync(db => db.Residents.CountAsync()));
    }

    [GeneratedRegex(@"(?<email>demo\.[a-z0-9]+@example\.invalid)\s+(?<password>\S{15,})")]
    private static partial Regex DemoAccountLine();

    [GeneratedRegex(@"otpauth://totp/SafeHome:(?<email>[^?\s]+)\?secret=(?<secret>[A-Z2-7]+)&issuer=SafeHome")]
    private static partial Regex OtpLink();
}
