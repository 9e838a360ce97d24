using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SafeHome.Data;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Benchmarks;

/// Issue 15 item 4: how long a refused sign-in takes for an email with an account (wrong password), an email without
/// one, and a deactivated account, through the real app (in-process server, SQLite in a temporary folder). Requests
/// of the three kinds are interleaved so drift on a shared machine hits all of them alike, and their medians are
/// printed side by side. The integration test SignInHardeningTests proves the equal work by counting hasher calls;
/// this shows what that means in time.
///   dotnet run -c Release --project tests/SafeHome.Benchmarks -- sign-in [--runs 200]
public static partial class SignInTiming
{
    private const string Password = "violet harbor lantern 2049";
    private const string WrongPassword = "wrong password but long enough";

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length >= 2 && args[0] == "--runs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
        var folder = Path.Combine(Path.GetTempPath(), "safehome-bench-signin-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);

        // The web project's folder, found upwards from here (dotnet run from the repository root or below it).
        var root = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "SafeHome.sln")))
        {
            root = root.Parent;
        }

        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SAFEHOME_WEB", Path.Combine(root?.FullName ?? ".", "src", "SafeHome.Web"));
        try
        {
            await using var app = new SignInApp(folder);
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>().Database.MigrateAsync();
            }

            await SafeHome.Web.Infrastructure.CommandLine.EnsureRolesAsync(app.Services);
            await CreateAsync(app, "known.bench@example.invalid", active: true);
            await CreateAsync(app, "inactive.bench@example.invalid", active: false);
            var kinds = new (string Name, string Email)[]
            {
                ("account, wrong password", "known.bench@example.invalid"),
                ("no account", "unknown.bench@example.invalid"),
                ("deactivated account", "inactive.bench@example.invalid"),
            };
            var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
            var token = TokenPattern().Match(await client.GetStringAsync("/Account/Login")).Groups[1].Value;
            var times = kinds.ToDictionary(k => k.Name, _ => new List<double>());

            for (var run = -5; run < runs; run++)
            {
                foreach (var (name, email) in kinds)
                {
                    using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Input.Email", email), new("Input.Password", WrongPassword)]);
                    var watch = Stopwatch.StartNew();
                    using var response = await client.PostAsync("/Account/Login", form);
                    watch.Stop();
                    if ((int)response.StatusCode != 200)
                    {
                        Console.Error.WriteLine($"{name}: unexpected status {(int)response.StatusCode}");
                        return 1;
                    }

                    if (run >= 0)
                    {
                        times[name].Add(watch.Elapsed.TotalMilliseconds);
                    }
                }
            }

            Console.WriteLine($"Refused sign-ins, {runs} each, interleaved (ms):");
            Console.WriteLine($"  {"kind",-26} {"median",8} {"p10",8} {"p90",8}");
            foreach (var (name, list) in times)
            {
                list.Sort();
                Console.WriteLine($"  {name,-26} {Quantile(list, 0.5),8:F1} {Quantile(list, 0.1),8:F1} {Quantile(list, 0.9),8:F1}");
            }

            var medians = times.Values.Select(l => Quantile(l, 0.5)).ToList();
            Console.WriteLine($"  largest median / smallest median: {medians.Max() / medians.Min():F2}");
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Quantile(List<double> sorted, double q) => sorted[(int)Math.Round(q * (sorted.Count - 1))];

    // Lockout is switched off for the benchmark account so that every wrong password is checked against its hash.
    private static async Task CreateAsync(SignInApp app, string email, bool active)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<StaffAccounts>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SafeHomeUser>>();
        var created = await accounts.CreateAsync(email, "Bench Example", Roles.Counselor, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var user = (await users.FindByEmailAsync(email))!;
        await users.SetLockoutEnabledAsync(user, false);
        if (!active)
        {
            await accounts.SetActiveAsync(user, false);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private sealed class SignInApp(string folder) : WebApplicationFactory<SignInThrottle>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:DataFolder", folder);
            builder.UseSetting("Database:MigrateOnStartup", "true");
            builder.UseSetting("Jobs:RunServer", "false");
            // The throttle would otherwise answer 429 long before the samples are in.
            builder.UseSetting("SignIn:PerAccountPermits", "100000");
            builder.UseSetting("SignIn:PerAddressPermits", "100000");
            builder.ConfigureLogging(logging => logging.ClearProviders());
        }
    }
}
