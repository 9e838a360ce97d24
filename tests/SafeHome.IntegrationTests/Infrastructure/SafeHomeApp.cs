using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
        if (postgres is null && folder is null)
        {
            StartFromMigratedSchema(_folder);
        }
    }

    // Every fresh SQLite app starts from a copy of one database migrated once per test run, instead of running every
    // migration again (each one a durable commit). The copy is the schema and the migrations' seed rows only: nothing
    // the app writes (audit entries, keys, roles) is in it, so each app still seals its own chain with its own key.
    // Startup still runs Migrate(), which finds nothing pending. Tests of migrating itself use their own folders.
    private static readonly Lazy<string> MigratedSchema = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "safehome-tests", "schema-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = PrivateFiles.CreateFile(Path.Combine(folder, "safehome.db"));
        var options = new DbContextOptionsBuilder<SafeHomeDbContext>();
        DatabaseServiceCollectionExtensions.Configure(options, DatabaseProvider.Sqlite, $"Data Source={path};Pooling=False");
        using var db = new SafeHomeDbContext(options.Options);
        db.Database.Migrate();
        return path;
    });

    private static void StartFromMigratedSchema(string folder)
    {
        using var source = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={MigratedSchema.Value};Mode=ReadOnly;Pooling=False");
        using var target = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={PrivateFiles.CreateFile(Path.Combine(folder, "safehome.db"))};Pooling=False");
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }

    /// Settings applied after the test defaults, e.g. to run the job server.
    public Dictionary<string, string?> Settings { get; } = [];

    /// Another install path for the same installation (a reinstall, another node's layout); null keeps the project's.
    public string? ContentRoot { get; init; }

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
        if (ContentRoot is not null)
        {
            builder.UseContentRoot(ContentRoot);
        }

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

            // Every test host would otherwise build the design-time model and diff it against the migrations at start-up
            // (a tenth of the suite's CPU); CI's `has-pending-model-changes` step checks both migration sets once.
            services.ConfigureDbContext<SafeHomeDbContext>(o => o.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning)));
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

    /// The app on a fresh database of <paramref name="provider"/> (see <see cref="ProvidersAttribute"/>); a PostgreSQL
    /// database made for it is dropped with it.
    public static async Task<SafeHomeApp> StartAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return await StartAsync();
        }

        var database = await TestDatabases.CreatePostgresAsync();
        var app = new SafeHomeApp(postgres: database) { _dropDatabase = true };
        try
        {
            await app.InitializeAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    private bool _dropDatabase;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_dropDatabase)
        {
            await TestDatabases.DropAsync(_postgres!);
        }
    }

    /// What an intruder with the database owner's rights does before tampering with the history: removes the
    /// append-only triggers (SQLite has one per statement kind, PostgreSQL one for all).
    public Task DropAuditTriggersAsync() => WithDbAsync(db => db.Database.ExecuteSqlRawAsync(db.Database.IsNpgsql()
        ? "DROP TRIGGER audit_entries_no_change ON \"AuditEntries\""
        : "DROP TRIGGER \"AuditEntries_no_update\"; DROP TRIGGER \"AuditEntries_no_delete\";"));

    /// A browser-like client: https (the auth cookie is __Host- and Secure), cookies kept, redirects not followed.
    public HttpClient CreateBrowser() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

    public async Task<T> WithDbAsync<T>(Func<SafeHomeDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>());
    }

    /// A staff member with the test password and an authenticator already enrolled (as `create-user` does), unless
    /// <paramref name="enrolled"/> is false (as the admin pages leave a new account: it enrols at first sign-in).
    public async Task<StaffMember> CreateStaffAsync(string role, string? email = null, bool enrolled = true)
    {
        email ??= $"{role.ToLowerInvariant()}.{Guid.NewGuid().ToString("N")[..8]}@example.invalid";
        await using var scope = Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, $"Test {role}", role, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SafeHomeUser>>();
        var user = await users.FindByEmailAsync(email);
        if (enrolled)
        {
            AuthenticatorKeys[email] = await Authenticator.EnrolAsync(users, user!);
        }

        return new StaffMember(user!.Id, email, role);
    }

    /// Each enrolled account's TOTP key, by email, as the person's authenticator app holds it.
    public ConcurrentDictionary<string, string> AuthenticatorKeys { get; } = new(StringComparer.OrdinalIgnoreCase);

    private readonly ConcurrentDictionary<string, long> _lastSteps = new(StringComparer.OrdinalIgnoreCase);

    /// The code the person's app would show: for the earliest time step in the server's window (one either side of
    /// now) that this account has not used yet, since each code works once; past the window the clock moves on a step.
    public string NextCode(string email)
    {
        var key = OtpNet.Base32Encoding.ToBytes(AuthenticatorKeys[email]);
        while (true)
        {
            var step = Clock.GetUtcNow().ToUnixTimeSeconds() / 30;
            var last = _lastSteps.GetValueOrDefault(email, long.MinValue);
            for (var candidate = step - 1; candidate <= step + 1; candidate++)
            {
                if (candidate > last)
                {
                    _lastSteps[email] = candidate;
                    return new OtpNet.Totp(key).ComputeTotp(DateTimeOffset.FromUnixTimeSeconds(candidate * 30).UtcDateTime);
                }
            }

            Clock.Advance(TimeSpan.FromSeconds(30));
        }
    }

    /// The password at <paramref name="loginUrl"/>, then the code; returns the code step's response (where the session
    /// cookie and the final redirect are).
    public async Task<HttpResponseMessage> PasswordAndCodeAsync(HttpClient browser, StaffMember member, string loginUrl = "/Account/Login")
    {
        ArgumentNullException.ThrowIfNull(member);
        var password = await browser.SubmitFormAsync(loginUrl, new() { ["Input.Email"] = member.Email, ["Input.Password"] = Password });
        password.AssertRedirectTo("/Account/LoginWith2fa");
        return await EnterCodeAsync(browser, member, password);
    }

    private async Task<HttpResponseMessage> EnterCodeAsync(HttpClient browser, StaffMember member, HttpResponseMessage password) =>
        await browser.SubmitFormAsync(password.Headers.Location!.OriginalString, new() { ["Input.Code"] = NextCode(member.Email) });

    /// A signed-in browser for a new staff member of the given role.
    public async Task<(StaffMember Member, HttpClient Browser)> SignInNewAsync(string role)
    {
        var member = await CreateStaffAsync(role);
        return (member, await SignInAsync(member));
    }

    public Task<HttpClient> SignInAsync(StaffMember member) => SignInAsync(member, CreateBrowser());

    /// Signs in as a person would: the password, then the code from their authenticator app; an account without one
    /// enrols first, reading its key off the enrolment page like a person scanning it.
    public async Task<HttpClient> SignInAsync(StaffMember member, HttpClient browser)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(browser);
        var response = await browser.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = member.Email, ["Input.Password"] = Password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString.StartsWith("/Account/LoginWith2fa", StringComparison.Ordinal))
        {
            response = await EnterCodeAsync(browser, member, response);
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect, $"The authenticator code was refused for {member.Email}.");
            return browser;
        }

        await EnrolAsync(member, browser);
        return browser;
    }

    // What a new account does after its first password: reads the key off the enrolment page and proves one code.
    private async Task EnrolAsync(StaffMember member, HttpClient browser)
    {
        HttpResponseMessage response;
        var enrol = await browser.GetDocumentAsync(MfaEnrolment.EnrolPath);
        AuthenticatorKeys[member.Email] = enrol.QuerySelector("#authenticator-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
        response = await browser.SubmitFormAsync(enrol, MfaEnrolment.EnrolPath, new() { ["Input.Code"] = NextCode(member.Email) });
        var done = await HtmlForms.ParseAsync(response);
        Assert.True(done.QuerySelectorAll("#recovery-codes li").Length == Authenticator.RecoveryCodeCount, $"Enrolment failed for {member.Email}: {(int)response.StatusCode} {response.Headers.Location} {done.QuerySelector("main")?.TextContent.Trim()[..Math.Min(400, done.QuerySelector("main")?.TextContent.Trim().Length ?? 0)]}");
    }

    // ---- Separation of duties and fresh sign-in (issue 15): helpers for accounts whose password is not the default.

    /// Signs in with a password other than <see cref="Password"/>, e.g. one set from a password link.
    public async Task<HttpClient> SignInAsync(StaffMember member, string password)
    {
        ArgumentNullException.ThrowIfNull(member);
        var browser = CreateBrowser();
        var response = await browser.SubmitFormAsync("/Account/Login", new() { ["Input.Email"] = member.Email, ["Input.Password"] = password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        if (response.Headers.Location!.OriginalString.StartsWith("/Account/LoginWith2fa", StringComparison.Ordinal))
        {
            await EnterCodeAsync(browser, member, response);
        }
        else
        {
            await EnrolAsync(member, browser);
        }

        return browser;
    }

    // ---- End of the issue 15 helpers.

    /// A one-time password link for the account, as an admin's "send a password link" makes it (relative URL).
    public async Task<string> PasswordLinkAsync(StaffMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        await using var scope = Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<SafeHomeUser>>().FindByIdAsync(member.Id);
        var token = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreatePasswordResetTokenAsync(user!);
        return $"/Account/ResetPassword?userId={Uri.EscapeDataString(member.Id)}&token={Uri.EscapeDataString(token)}";
    }

    /// What every node of one site shares besides the database (README, "Running on PostgreSQL with several nodes"):
    /// settings for two or more test hosts that play the nodes.
    public static Dictionary<string, string> NodeSecrets() => new()
    {
        ["Audit:Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(Data.Auditing.AuditChainKeeper.MinimumKeyBytes)),
        ["Encryption:Keys"] = Data.Encryption.FieldKeyRing.NewEntry(),
        ["DataProtection:Keys"] = Data.Encryption.FieldKeyRing.NewEntry(),
    };

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
