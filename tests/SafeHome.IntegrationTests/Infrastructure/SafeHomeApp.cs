using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using SafeHome.Data;
using SafeHome.Domain.Residents;
using SafeHome.Web.Infrastructure;

namespace SafeHome.IntegrationTests.Infrastructure;

/// The real app on a real SQLite file of its own (fresh per instance, schema built by Migrate()), with a fake
/// clock and every log line captured, so each test starts from nothing and can look at what was logged.
public sealed class SafeHomeApp : WebApplicationFactory<Program>
{
    public const string Password = "violet harbor lantern 2049";

    private readonly string _folder;
    private readonly string _environment;
    private readonly string? _postgres;
    private readonly bool _keepFolder;

    /// <param name="postgres">A PostgreSQL connection string to run on instead of SQLite (see <see cref="PostgresCluster"/>).</param>
    /// <param name="folder">A data folder shared with another instance (a restart of the same installation); the
    /// caller deletes it.</param>
    public SafeHomeApp(string environment = "Development", LogLevel minimumLogLevel = LogLevel.Information, string? postgres = null, string? folder = null)
    {
        _environment = environment;
        _postgres = postgres;
        _keepFolder = folder is not null;
        _folder = folder ?? Path.Combine(Path.GetTempPath(), "safehome-tests", Guid.NewGuid().ToString("N"));
        MinimumLogLevel = minimumLogLevel;
        Directory.CreateDirectory(_folder);
    }

    /// Settings applied after the test defaults, e.g. to run the job server.
    public Dictionary<string, string?> Settings { get; } = [];

    /// Service replacements applied last.
    public Action<IServiceCollection>? ConfigureTestServices { get; init; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 6, 15, 15, 0, 0, TimeSpan.Zero));

    public LogLevel MinimumLogLevel { get; }

    public ConcurrentQueue<string> Logs { get; } = new();

    /// What the app printed for the operator (the setup link).
    public StringWriter OperatorOutput { get; } = new();

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        builder.UseSetting("Database:DataFolder", _folder);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        if (_postgres is not null)
        {
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("Database:ConnectionString", _postgres);
        }

        // Tests run jobs by calling them; a background server per test host would only add threads and noise.
        builder.UseSetting("Jobs:RunServer", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.SetMinimumLevel(MinimumLogLevel);
            logging.AddProvider(new CapturingLoggerProvider(Logs));

            // Category levels from appsettings.json would otherwise hold framework logs back from the capture.
            logging.AddFilter<CapturingLoggerProvider>(null, MinimumLogLevel);
        });
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<OperatorConsole>();
            services.AddSingleton(new OperatorConsole(OperatorOutput));
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            ConfigureTestServices?.Invoke(services);
        });
    }

    public async Task InitializeAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>().Database.MigrateAsync();
        await CommandLine.EnsureRolesAsync(Services);
    }

    public static async Task<SafeHomeApp> StartAsync(string environment = "Development", LogLevel minimumLogLevel = LogLevel.Information, string? postgres = null)
    {
        var app = new SafeHomeApp(environment, minimumLogLevel, postgres);
        await app.InitializeAsync();
        return app;
    }

    /// A browser-like client: https (the auth cookie is __Host- and Secure), cookies kept, redirects not followed.
    public HttpClient CreateBrowser() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    public async Task<T> WithDbAsync<T>(Func<SafeHomeDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>());
    }

    public async Task<StaffMember> CreateStaffAsync(string role, string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}.{Guid.NewGuid().ToString("N")[..8]}@example.invalid";
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, $"Test {role}", role, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<SafeHomeUser>>().FindByEmailAsync(email);
        return new StaffMember(user!.Id, email, role);
    }

    /// A signed-in browser for a new staff member of the given role.
    public async Task<(StaffMember Member, HttpClient Browser)> SignInNewAsync(string role)
    {
        var member = await CreateStaffAsync(role);
        return (member, await SignInAsync(member));
    }

    public async Task<HttpClient> SignInAsync(StaffMember member)
    {
        var browser = CreateBrowser();
        var response = await browser.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = member.Email, ["Input.Password"] = Password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    // ---- Separation of duties and fresh sign-in (issue 15): helpers for accounts whose password is not the default.

    /// Signs in with a password other than <see cref="Password"/>, e.g. one set from a password link.
    public async Task<HttpClient> SignInAsync(StaffMember member, string password)
    {
        ArgumentNullException.ThrowIfNull(member);
        var browser = CreateBrowser();
        var response = await browser.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = member.Email, ["Input.Password"] = password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    // ---- End of the issue 15 helpers.

    /// A resident admitted a year ago, on the given counselor's caseload (or none).
    public async Task<Guid> CreateResidentAsync(string? counselorId, string preferredName = "Testa Example", string legalName = "Testa Q. Example")
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        return await WithDbAsync(async db =>
        {
            var resident = Resident.Create(
                new ResidentDetails(legalName, preferredName, "she/her", Today.AddYears(-15), Sex.Female, null, "English", false, null, CustodyStatus.Dependency, "CASE-0001"),
                Today,
                now);
            resident.Admit(Today.AddYears(-1), ReferralSource.ChildWelfare, "Invented County Agency", null, AdmissionAgeRange.Default, Today);
            if (counselorId is not null)
            {
                resident.AssignCaseload(counselorId, [], now);
            }

            db.Residents.Add(resident);
            await db.SaveChangesAsync();
            return resident.Id;
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (_keepFolder)
            {
                return;
            }

            try
            {
                Directory.Delete(_folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open on this machine is cleaned with the temp folder.
            }
        }
    }
}

public sealed record StaffMember(string Id, string Email, string Role);
