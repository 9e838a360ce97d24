using System.Net;
using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data.Auditing;
using SafeHome.Data.Encryption;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.IntegrationTests.Pages.Residents;
using SafeHome.Web.Infrastructure;

namespace SafeHome.IntegrationTests.Security;

/// Issue 17: one sign-in key ring for every node. Each test plays the load balancer (one browser whose requests land on
/// either node) or the reinstall (the same data, another install path), the ways the key ring used to fail.
public sealed class KeyRingTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    private static readonly Uri Https = new("https://localhost");

    [Fact]
    public async Task Two_nodes_on_one_postgres_database_take_each_others_cookies_forms_and_password_links()
    {
        var database = await cluster.CreateDatabaseAsync();
        var shared = SafeHomeApp.NodeSecrets();

        // Two machines: nothing shared but the database and the settings, each installed at its own path.
        using var pathA = new InstallPath();
        using var pathB = new InstallPath();
        await using var a = await StartNodeAsync(database, shared, pathA.Path);
        await using var b = await StartNodeAsync(database, shared, pathB.Path);
        var jar = new CookieContainer();
        using var onA = a.CreateDefaultClient(Https, new CookieContainerHandler(jar));
        using var onB = b.CreateDefaultClient(Https, new CookieContainerHandler(jar));

        // Signed in on A, the next request lands on B.
        var director = await a.CreateStaffAsync(Roles.ProgramDirector);
        await a.SignInAsync(director, onA);
        var home = await onB.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Sign out", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A form rendered by A (its antiforgery token) is posted to B, which saves it.
        var form = await onA.GetDocumentAsync("/Residents/Intake");
        var fields = CaseloadIsolationTests.ValidIntake(a, null);
        (await onB.SubmitFormAsync(form, "/Residents/Intake", fields)).AssertRedirectTo("/Residents/Details/");
        Assert.Equal(1, await b.WithDbAsync(db => db.Residents.CountAsync()));

        // A password link made on A is honoured on B.
        var counselor = await a.CreateStaffAsync(Roles.Counselor);
        var link = await a.PasswordLinkAsync(counselor);
        const string NewPassword = "quiet meadow compass 7781";
        (await b.CreateBrowser().SubmitFormAsync(link, new() { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword })).AssertRedirectTo("/Account/LoginWith2fa");

        // Both nodes wrote to one chain, which still verifies from either.
        await using var scope = b.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(IntegrityCheckSource.Command, null);
        Assert.True(report.Intact, report.Message);
        Assert.Single(await a.WithDbAsync(db => db.DataProtectionKeys.ToListAsync()));
    }

    [Fact]
    public async Task A_reinstall_to_another_path_keeps_everyone_signed_in()
    {
        var folder = Path.Combine(Path.GetTempPath(), "safehome-tests", Guid.NewGuid().ToString("N"));
        using var otherPath = new InstallPath();
        try
        {
            var jar = new CookieContainer();
            await using (var before = new SafeHomeApp(folder: folder))
            {
                await before.InitializeAsync();
                using var browser = before.CreateDefaultClient(Https, new CookieContainerHandler(jar));
                await before.SignInAsync(await before.CreateStaffAsync(Roles.ProgramDirector), browser);
            }

            await using var after = new SafeHomeApp(folder: folder) { ContentRoot = otherPath.Path };
            await after.InitializeAsync();
            using var again = after.CreateDefaultClient(Https, new CookieContainerHandler(jar));
            var home = await again.GetAsync("/");

            Assert.Equal(HttpStatusCode.OK, home.StatusCode);
            Assert.Contains("Sign out", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory, Providers]
    public async Task Someone_with_the_database_alone_cannot_open_what_the_key_ring_protects(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        const string Purpose = "SafeHome.Tests.Stolen";
        var sealedSecret = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect("Invented secret of a session");
        var stolen = await app.WithDbAsync(db => db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync());
        Assert.NotEmpty(stolen);

        // SafeHome's own code and the stolen rows, without the key ring protection key: nothing opens.
        var thief = Protector(stolen, Purpose, protection: null);
        Assert.ThrowsAny<CryptographicException>(() => thief.Unprotect(sealedSecret));

        // The same rows with that key open it: the key outside the database is the only thing the thief lacked.
        var holder = Protector(stolen, Purpose, app.Services.GetRequiredService<KeyRingProtection>());
        Assert.Equal("Invented secret of a session", holder.Unprotect(sealedSecret));

        // And nothing warned at start that keys were kept unencrypted or where they may vanish.
        Assert.DoesNotContain(app.Logs, l => l.Contains("XML encryptor", StringComparison.Ordinal) || l.Contains("DataProtection-Keys", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_node_with_another_protection_key_refuses_to_start_and_the_reset_verb_is_the_way_out()
    {
        var folder = OperatorVerbs.NewFolder();
        try
        {
            await using (var first = new SafeHomeApp(folder: folder))
            {
                await first.InitializeAsync();
            }

            var otherKey = FieldKeyRing.NewEntry();
            await using (var wrong = new SafeHomeApp(folder: folder))
            {
                wrong.Settings["DataProtection:Keys"] = otherKey;
                Assert.NotNull(await Record.ExceptionAsync(wrong.InitializeAsync));
            }

            // What the operator sees, from migrate as from a start: the setting to fix, or the way out.
            string[] settings = ["--Database:DataFolder=" + folder, "--DataProtection:Keys=" + otherKey];
            var error = new StringWriter();
            Assert.Equal(2, await OperatorVerbs.RunAsync([.. settings, "migrate"], error: error));
            Assert.Contains("DataProtection:Keys", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("reset-sign-in-keys", error.ToString(), StringComparison.Ordinal);

            var output = new StringWriter();
            Assert.Equal(0, await OperatorVerbs.RunAsync([.. settings, "reset-sign-in-keys"], output: output));
            Assert.Contains("Removed 1 sign-in key", output.ToString(), StringComparison.Ordinal);

            await using var after = new SafeHomeApp(folder: folder);
            after.Settings["DataProtection:Keys"] = otherKey;
            await after.InitializeAsync();
            var (_, director) = await after.SignInNewAsync(Roles.ProgramDirector);
            Assert.Equal(HttpStatusCode.OK, (await director.GetAsync("/")).StatusCode);
            Assert.Equal(1, await after.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.SignInKeysReset)));
        }
        finally
        {
            OperatorVerbs.DeleteFolder(folder);
        }
    }

    private static async Task<SafeHomeApp> StartNodeAsync(string database, Dictionary<string, string> shared, string installPath)
    {
        var node = new SafeHomeApp(postgres: database) { ContentRoot = installPath };
        foreach (var (key, value) in shared)
        {
            node.Settings[key] = value;
        }

        await node.InitializeAsync();
        return node;
    }

    private static IDataProtector Protector(IReadOnlyList<string> keys, string purpose, KeyRingProtection? protection)
    {
        var services = new ServiceCollection();
        if (protection is not null)
        {
            services.AddSingleton(protection);
        }

        services.AddDataProtection().SetApplicationName(KeyRing.ApplicationName);
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new FixedRepository(keys));
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose);
    }

    /// An install of the app at a path of its own: the settings file, nothing else of the project's folder.
    private sealed class InstallPath : IDisposable
    {
        public InstallPath()
        {
            Directory.CreateDirectory(Path);
            File.Copy(System.IO.Path.Combine(AppContext.BaseDirectory, "appsettings.json"), System.IO.Path.Combine(Path, "appsettings.json"));
        }

        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "safehome-tests", "install-" + Guid.NewGuid().ToString("N"));

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    private sealed class FixedRepository(IReadOnlyList<string> keys) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements() => keys.Select(k => XElement.Parse(k)).ToList();

        public void StoreElement(XElement element, string friendlyName)
        {
        }
    }
}
