using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OtpNet;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Jobs;

namespace SafeHome.Benchmarks;

/// `page-bench` (issue 16 item 1): the case pages under load, each right after the plain Razor Pages template page
/// under the same load, SafeHome and the template each in a process of their own (Release, Production) so the app's
/// resident memory can be read from /proc while it serves. Seeding (not measured) goes through the app's own services:
/// every insert is audited and sealed into the chain by the AuditingInterceptor, restricted fields are encrypted with
/// the data folder's key, so `verify-audit` passes on the result and the app reads it as its own.
internal static partial class PageBench
{
    public const double TargetShare = 0.10;
    public const double TargetP95Milliseconds = 25;
    public const double TargetRssMegabytes = 400;

    private const int Connections = 32;
    private const string FloorRole = "floor";
    private const int TimelineEntries = 100_000;
    private const string Password = "violet harbor lantern 2049";
    private const string SeedFile = "page-bench.json";

    // Longer stays than the report benchmark's (two months to fourteen): six months to two and a half years, so the
    // residents in care have years of notes, episodes and plan versions behind them.
    private static readonly ProgramShape Shape = new(182, 913, null, 5);

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args)
    {
        var seconds = int.Parse(Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture);
        var warmup = int.Parse(Option(args, "--warmup") ?? "2", CultureInfo.InvariantCulture);
        var json = Option(args, "--json");
        var only = Option(args, "--only");
        // For profiling only: skips the template's runs, so the app's load starts right after the sign-ins.
        var noTemplate = args.Contains("--no-template");
        var prewarm = int.Parse(Option(args, "--prewarm") ?? "30", CultureInfo.InvariantCulture);
        var appEnvironment = Options(args, "--app-env").Select(e => e.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : string.Empty, StringComparer.Ordinal);

        // The configuration this benchmark was built in (bin/<Configuration>/net10.0/) is the one the servers run in.
        var (webDll, templateDll) = BuiltServers(Option(args, "--web-dll"));
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        foreach (var dll in new[] { webDll, templateDll }.Where(d => !File.Exists(d)))
        {
            await Console.Error.WriteLineAsync($"Not built: {dll} (dotnet build SafeHome.sln -c Release)");
            return 2;
        }

        if (configuration != "Release")
        {
            await Console.Error.WriteLineAsync($"Warning: built in {configuration}; the figures only mean something in Release (-c Release).");
        }

        var given = Option(args, "--db-folder");
        var folder = Path.GetFullPath(given ?? Path.Combine(Path.GetTempPath(), "safehome-page-bench-" + Guid.NewGuid().ToString("N")));
        try
        {
            if (await SeededAsync(webDll, folder) is not { } seed)
            {
                return 1;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
                Program: {seed.Residents:N0} residents ({seed.InCare:N0} in care), {seed.Notes:N0} notes, {seed.Episodes:N0} episodes, {seed.PlanVersions:N0} plan versions, {seed.AuditEntries:N0} audit entries, {seed.OpenAlerts:N0} alerts
                Counselor's caseload: {seed.Caseload} residents. The resident: {seed.ResidentNotes} notes, {seed.ResidentEpisodes} episodes, {seed.ResidentPlanVersions} plan versions, {seed.ResidentAuditEntries:N0} audit entries
                Load: {Connections} connections; every page driven for {prewarm} s in all first, then {warmup} s warm-up and {seconds} s measured per page; the template page right before each
                """));
            if (appEnvironment.Count > 0)
            {
                Console.WriteLine("App environment: " + string.Join(' ', appEnvironment.Select(e => $"{e.Key}={e.Value}")));
            }

            var results = await MeasureAsync(webDll, templateDll, folder, seed, appEnvironment, only, noTemplate, TimeSpan.FromSeconds(prewarm), TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds));
            if (results is null)
            {
                return 1;
            }

            var passed = Print(results);
            if (json is not null)
            {
                await File.WriteAllTextAsync(json, JsonSerializer.Serialize(results with { Passed = passed }, Indented));
                Console.WriteLine($"Results written to {Path.GetFullPath(json)}");
            }

            return passed ? 0 : 1;
        }
        finally
        {
            if (given is null && !args.Contains("--keep"))
            {
                Directory.Delete(folder, recursive: true);
            }
            else if (given is null)
            {
                Console.WriteLine($"Kept the seeded data folder: {folder} (reuse it with --db-folder {folder})");
            }
        }
    }

    // ---- Seeding: the app's own services in this process, never a server.

    /// The program seeded into the folder (or the PostgreSQL database), once: a later run finds the seed file and reuses it.
    private static async Task<BenchSeed?> SeededAsync(string webDll, string folder, string? postgres = null)
    {
        if (File.Exists(Path.Combine(folder, SeedFile)))
        {
            Console.WriteLine($"Reusing the seeded data in {folder}");
            return JsonSerializer.Deserialize<BenchSeed>(await File.ReadAllTextAsync(Path.Combine(folder, SeedFile)))!;
        }

        Console.WriteLine($"Seeding the program into {(postgres is null ? folder : "PostgreSQL, keys in " + folder)} (not measured) ...");
        var seed = await SeedAsync(folder, Path.GetDirectoryName(webDll)!, postgres);
        await File.WriteAllTextAsync(Path.Combine(folder, SeedFile), JsonSerializer.Serialize(seed, Indented));
        if (await VerifyAuditAsync(webDll, folder, postgres) != 0)
        {
            await Console.Error.WriteLineAsync("verify-audit failed on the seeded data.");
            return null;
        }

        return seed;
    }

    /// <param name="postgres">A PostgreSQL database to seed instead of the folder's SQLite file (the folder still holds
    /// the keys), for cluster-bench.</param>
    private static async Task<BenchSeed> SeedAsync(string folder, string webBin, string? postgres = null)
    {
        var watch = Stopwatch.StartNew();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production, ContentRootPath = webBin });
        builder.Configuration.AddInMemoryCollection(DatabaseSettings(folder, postgres).Append(new("Jobs:RunServer", "false")));
        builder.Logging.ClearProviders();
        builder.AddSafeHome();
        await using var app = builder.Build();
        if (!await SafeHome.Web.Infrastructure.CommandLine.MigrateAsync(app.Services, Console.Error))
        {
            throw new InvalidOperationException("The database could not be migrated.");
        }

        // The generated program is the slow part: when an earlier seeding got past it, the steps after it run again.
        var residentCount = await CountAsync(app.Services, db => db.Residents.CountAsync());
        if (residentCount == SyntheticProgram.ResidentCount)
        {
            Console.WriteLine("  the program is already generated; finishing the seeding");
            return await FinishSeedAsync(
                app, folder, watch, await AccountAsync(app.Services, "bench.counselor@example.invalid"), await AccountAsync(app.Services, "bench.director@example.invalid"),
                await AccountAsync(app.Services, "bench.auditor@example.invalid"));
        }

        if (residentCount != 0)
        {
            throw new InvalidOperationException($"{folder} holds a partly generated program ({residentCount} residents): give an empty or a seeded folder.");
        }

        await CreateStaffAsync(app.Services, "bench.admin@example.invalid", Roles.Admin, enrol: false);
        var counselor = await CreateStaffAsync(app.Services, "bench.counselor@example.invalid", Roles.Counselor, enrol: true);
        var director = await CreateStaffAsync(app.Services, "bench.director@example.invalid", Roles.ProgramDirector, enrol: true);
        var auditor = await CreateStaffAsync(app.Services, "bench.auditor@example.invalid", Roles.Auditor, enrol: true);
        var colleagues = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            colleagues.Add((await CreateStaffAsync(app.Services, $"synthetic.counselor.{i:D2}@example.invalid", Roles.Counselor, enrol: false)).Id);
        }

        var program = await SyntheticProgram.GenerateAsync(
            async work =>
            {
                await using var scope = app.Services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>();

                // The interceptor detects changes once itself; left on, every ChangeTracker.Entries() call it makes per
                // audited row would detect them again over the whole batch (quadratic: an hour instead of minutes).
                db.ChangeTracker.AutoDetectChangesEnabled = false;
                await work(db);
            },
            Shape with { CounselorIds = colleagues },
            Console.Out,
            CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  generated {program.Residents:N0} residents in {program.Elapsed.TotalSeconds:F0} s; choosing the resident and the caseload"));
        return await FinishSeedAsync(app, folder, watch, counselor, director, auditor);
    }

    private static async Task<BenchAccount> AccountAsync(IServiceProvider services, string email)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SafeHomeUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        return new BenchAccount(user.Id, email, await users.GetAuthenticatorKeyAsync(user));
    }

    private static async Task<BenchSeed> FinishSeedAsync(WebApplication app, string folder, Stopwatch watch, BenchAccount counselor, BenchAccount director, BenchAccount auditor)
    {

        // The resident: in care, closest to the issue's (about 80 notes, 21 episodes, 3 plan versions).
        Guid residentId;
        List<Guid> caseload;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>();
            var inCare = await db.Stays.Where(s => s.DischargedOn == null).Select(s => s.ResidentId).Distinct().ToListAsync();
            var notes = await db.ProgressNotes.GroupBy(n => n.ResidentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
            var episodes = await db.MissingEpisodes.GroupBy(n => n.ResidentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
            var plans = await db.ServicePlans.GroupBy(n => n.ResidentId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
            int Score(Guid id) =>
                Math.Abs(notes.GetValueOrDefault(id) - 80) + (3 * Math.Abs(episodes.GetValueOrDefault(id) - 21)) + (20 * Math.Abs(plans.GetValueOrDefault(id) - 3));
            var ranked = inCare.OrderBy(Score).ThenBy(id => id).ToList();
            residentId = ranked[0];
            caseload = [.. ranked.Take(15)];

            var residents = await db.Residents.Include(r => r.Assignments).Where(r => caseload.Contains(r.Id)).ToListAsync();
            foreach (var resident in residents)
            {
                resident.AssignCaseload(counselor.Id, [], DateTime.UtcNow);
            }

            await db.SaveChangesAsync();
        }

        Guid planId, noteId, episodeId;
        List<(string Type, string Key)> records;
        DateTime since;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>();
            planId = await db.ServicePlans.Where(p => p.ResidentId == residentId).OrderByDescending(p => p.VersionNumber).Select(p => p.Id).FirstAsync();
            var noteIds = await db.ProgressNotes.Where(n => n.ResidentId == residentId).OrderByDescending(n => n.ServiceStartUtc).Select(n => n.Id).ToListAsync();
            var episodeIds = await db.MissingEpisodes.Where(e => e.ResidentId == residentId).OrderByDescending(e => e.LastSeenUtc).Select(e => e.Id).ToListAsync();
            noteId = noteIds[0];
            episodeId = episodeIds[0];
            records = [("Resident", residentId.ToString()), ("ServicePlan", planId.ToString()), .. noteIds.Select(n => ("ProgressNote", n.ToString())), .. episodeIds.Select(e => ("MissingEpisode", e.ToString()))];
            since = (await db.Stays.Where(s => s.ResidentId == residentId).Select(s => s.AdmittedOn).ToListAsync()).Min().ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }

        // Views of the resident's record by the three of them over the years, sealed by the app's interceptor like any
        // other entry, 10,000 to a SaveChanges.
        var existing = await CountAsync(app.Services, db => db.AuditEntries.CountAsync(a => a.ResidentId == residentId));
        var viewers = new[] { counselor.Id, counselor.Id, counselor.Id, director.Id, auditor.Id };
        var random = new Random(16);
        var span = DateTime.UtcNow.AddDays(-1) - since;
        var views = TimelineEntries - existing;
        for (var first = 0; first < views; first += 10_000)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>();
            for (var i = first; i < Math.Min(first + 10_000, views); i++)
            {
                var (type, key) = records[random.Next(records.Count)];
                db.AuditEntries.Add(new AuditEntry(since + (span * ((double)i / views)), viewers[random.Next(viewers.Length)], AuditActions.View, type, key, null, residentId));
            }

            await db.SaveChangesAsync();
        }

        // The alert jobs once, as the nightly schedule would have by now.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PlanAlertsJob>().RunAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<MissingAlertsJob>().RunAsync(CancellationToken.None);
        }

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>();
            var seed = new BenchSeed(
                counselor, director, auditor, residentId, planId, noteId, episodeId,
                await db.Residents.CountAsync(),
                await db.Stays.Where(s => s.DischargedOn == null).Select(s => s.ResidentId).Distinct().CountAsync(),
                await db.ProgressNotes.CountAsync(),
                await db.MissingEpisodes.CountAsync(),
                await db.ServicePlans.CountAsync(),
                await db.AuditEntries.LongCountAsync(),
                await db.PlanAlerts.CountAsync() + await db.MissingAlerts.CountAsync(),
                caseload.Count,
                await db.ProgressNotes.CountAsync(n => n.ResidentId == residentId),
                await db.MissingEpisodes.CountAsync(e => e.ResidentId == residentId),
                await db.ServicePlans.CountAsync(p => p.ResidentId == residentId),
                await db.AuditEntries.CountAsync(a => a.ResidentId == residentId));
            var file = new FileInfo(Path.Combine(folder, "safehome.db"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded in {watch.Elapsed.TotalSeconds:F0} s{(file.Exists ? $"; database {file.Length / 1048576.0:F0} MB" : string.Empty)}"));
            return seed;
        }
    }

    private static async Task<T> CountAsync<T>(IServiceProvider services, Func<SafeHomeDbContext, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SafeHomeDbContext>());
    }

    // As `create-user` does: the account, its role, and an enrolled authenticator whose key the bench keeps.
    private static async Task<BenchAccount> CreateStaffAsync(IServiceProvider services, string email, string role, bool enrol)
    {
        await using var scope = services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, "Bench " + role, role, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<SafeHomeUser>>();
        var user = (await users.FindByEmailAsync(email))!;
        return new BenchAccount(user.Id, email, enrol ? await Authenticator.EnrolAsync(users, user) : null);
    }

    /// Where an app process finds its data: the folder's SQLite file, or a PostgreSQL database with its keys in the folder.
    private static IEnumerable<KeyValuePair<string, string?>> DatabaseSettings(string folder, string? postgres) =>
        postgres is null
            ? [new("Database:DataFolder", folder)]
            : [new("Database:DataFolder", folder), new("Database:Provider", "Postgres"), new("Database:ConnectionString", postgres)];

    private static string[] DatabaseArguments(string folder, string? postgres) => [.. DatabaseSettings(folder, postgres).Select(s => $"--{s.Key}={s.Value}")];

    private static async Task<int> VerifyAuditAsync(string webDll, string folder, string? postgres = null)
    {
        Console.WriteLine("Checking the seeded chain with the app's verify-audit ...");
        var watch = Stopwatch.StartNew();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(webDll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { webDll, "verify-audit", "--Jobs:RunServer=false" }.Concat(DatabaseArguments(folder, postgres)))
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = Environments.Production;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var lines = (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains("info:", StringComparison.Ordinal)).TakeLast(3);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  verify-audit exit {process.ExitCode} in {watch.Elapsed.TotalSeconds:F0} s: {string.Join(" / ", lines.Select(l => l.Trim()))}"));
        if (process.ExitCode != 0)
        {
            await Console.Error.WriteLineAsync(await error);
        }

        return process.ExitCode;
    }

    // ---- Measuring.

    private static async Task<BenchRun?> MeasureAsync(
        string webDll, string templateDll, string folder, BenchSeed seed, Dictionary<string, string> appEnvironment, string? only, bool noTemplate, TimeSpan prewarm, TimeSpan warmup, TimeSpan duration)
    {
        await using var template = await ServerProcess.StartAsync("template", templateDll, [], new Dictionary<string, string>(StringComparer.Ordinal));
        await using var app = await ServerProcess.StartAsync(
            "SafeHome", webDll, ["--Database:DataFolder=" + folder, "--Database:MigrateOnStartup=true"], appEnvironment);
        var floorDatabase = Path.Combine(Path.GetTempPath(), $"safehome-floor-{Environment.ProcessId}.db");
        await using var floor = await ServerProcess.StartAsync("stack floor", templateDll, ["--Floor:Database=" + floorDatabase], new Dictionary<string, string>(StringComparer.Ordinal));
        if (template is null || app is null || floor is null)
        {
            return null;
        }

        Console.WriteLine($"Template pid {template.Pid} on {template.BaseUri}, SafeHome pid {app.Pid} on {app.BaseUri}; RSS after start {app.Memory().RssKb / 1024.0:F0} MB");
        var cookies = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (role, account) in new[] { ("counselor", seed.Counselor), ("director", seed.Director), ("auditor", seed.Auditor) })
        {
            cookies[role] = await SignInAsync(app.BaseUri, account);
        }

        cookies[FloorRole] = await FloorSignInAsync(floor.BaseUri);

        var pages = new (string Name, string Role, string Path)[]
        {
            // Each role's start page: the counselor's Today (their residents' status and what needs them), the
            // director's program (charts recomputed at most every 5 minutes, so most runs read them from memory).
            ("counselor's start page (Today)", "counselor", "/"),
            ("director's start page", "director", "/"),
            ("auditor's start page", "auditor", "/"),
            ("counselor's residents list", "counselor", "/Residents"),
            ("resident overview", "counselor", $"/Residents/Details/{seed.ResidentId}"),
            ("service plan", "counselor", $"/Plans/Details/{seed.PlanId}"),
            ("notes list", "counselor", $"/Notes/{seed.ResidentId}"),
            ("a note", "counselor", $"/Notes/Details/{seed.NoteId}"),
            ("missing episode", "counselor", $"/Missing/Episode/{seed.EpisodeId}"),
            ("auditor timeline, 100k entries", "auditor", $"/Audit/Resident/{seed.ResidentId}"),
            ("What is due (director)", "director", "/Plans/Due"),
            ("director's residents list", "director", "/Residents"),

            // The stack floor (the template app with a sign-in cookie and N EF Core queries on SQLite, nothing of
            // SafeHome's): what any page on DESIGN.md's stack costs before SafeHome adds its own work.
            ("stack floor: cookie + 1 query", FloorRole, "/floor/1"),
            ("stack floor: cookie + 4 queries", FloorRole, "/floor/4"),
            ("stack floor: cookie + 8 queries", FloorRole, "/floor/8"),
        };

        // The template's JIT tiers settle over its first seconds of load; without this its first row reads a third low.
        if (!noTemplate)
        {
            _ = await LoadAsync(template, new Uri(template.BaseUri, "/"), null, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        }

        var selected = pages.Where(p => only is null || p.Name.Contains(only, StringComparison.OrdinalIgnoreCase)).ToList();

        // The app's JIT keeps promoting methods to optimised code for a minute or more after its first requests (the
        // template, a few dozen methods, settles in seconds); every page is driven in turn first, so the figures are
        // the steady state a home running all day sees, not the start-up.
        foreach (var (_, role, path) in selected)
        {
            var server = role == FloorRole ? floor : app;
            _ = await LoadAsync(server, new Uri(server.BaseUri, path), cookies[role], TimeSpan.Zero, prewarm / Math.Max(selected.Count, 1));
        }

        var rows = new List<PageResult>();
        // --only narrows the run to the pages whose name contains it, for profiling one page under a long load.
        foreach (var (name, role, path) in selected)
        {
            var server = role == FloorRole ? floor : app;
            var (status, bytes) = await ProbeAsync(new Uri(server.BaseUri, path), cookies[role]);
            Console.WriteLine($"  {name}: GET {path} as the {role}: {status}, {bytes:N0} bytes");
            var baseline = noTemplate
                ? new LoadResult(double.NaN, double.NaN, double.NaN, double.NaN, 0, 0, [], 0, double.NaN)
                : await LoadAsync(template, new Uri(template.BaseUri, "/"), null, warmup, duration);
            var page = await LoadAsync(server, new Uri(server.BaseUri, path), cookies[role], warmup, duration);
            var (_, hwm) = server.Memory();
            var row = new PageResult(
                name, role, path, page.RequestsPerSecond, page.P50, page.P95, page.P99, page.Successes, page.Errors, page.ErrorKinds,
                baseline.RequestsPerSecond, baseline.P95, page.RequestsPerSecond / Math.Max(baseline.RequestsPerSecond, 1e-9),
                page.MaxRssKb / 1024.0, hwm / 1024.0, page.CpuMillisecondsPerRequest, baseline.CpuMillisecondsPerRequest, true);
            row = row with { Passed = row.Share >= TargetShare && row.P95 < TargetP95Milliseconds && row.Errors == 0 && row.AppRssMaxMegabytes < TargetRssMegabytes };
            rows.Add(row);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    template {baseline.RequestsPerSecond:F0} req/s (p95 {baseline.P95:F1} ms, {baseline.Errors} errors); page {page.RequestsPerSecond:F1} req/s, p95 {page.P95:F1} ms, {page.Errors} errors, app RSS max {page.MaxRssKb / 1024.0:F0} MB, app CPU {page.CpuMillisecondsPerRequest:F2} ms/request (template {baseline.CpuMillisecondsPerRequest:F3})"));
        }

        var (_, peak) = app.Memory();
        var (_, templatePeak) = template.Memory();
        return new BenchRun(
            DateTime.UtcNow, Environment.MachineName, Environment.ProcessorCount, Connections, warmup.TotalSeconds, duration.TotalSeconds,
            appEnvironment, seed, rows, peak / 1024.0, templatePeak / 1024.0, false);
    }

    private static bool Print(BenchRun run)
    {
        Console.WriteLine();
        Console.WriteLine($"{"page",-32} {"role",-9} {"req/s",8} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"errors",7} {"templ/s",8} {"share",7} {"RSS MB",7} {"HWM MB",7} {"CPU ms",7}  result");
        foreach (var r in run.Pages)
        {
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{r.Page,-32} {r.Role,-9} {r.RequestsPerSecond,8:F1} {r.P50,8:F1} {r.P95,8:F1} {r.P99,8:F1} {r.Errors,7} {r.TemplateRequestsPerSecond,8:F0} {r.Share,7:P1} {r.AppRssMaxMegabytes,7:F0} {r.AppHwmMegabytes,7:F0} {r.AppCpuMillisecondsPerRequest,7:F2}  {(r.Role == FloorRole ? "(floor)" : r.Passed ? "PASS" : "FAIL")}"));
        }

        var rssPassed = run.AppHwmMegabytes < TargetRssMegabytes;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""

            SafeHome peak RSS (VmHWM) over the run: {run.AppHwmMegabytes:F0} MB (target < {TargetRssMegabytes:F0} MB): {(rssPassed ? "PASS" : "FAIL")}; template peak {run.TemplateHwmMegabytes:F0} MB
            Targets per page: share of the template's req/s >= {TargetShare:P0}, p95 < {TargetP95Milliseconds:F0} ms, no errors (only 200 counts), app RSS < {TargetRssMegabytes:F0} MB.
            """));
        // The floor rows describe the stack, not SafeHome: they count toward no result, and a run of them only has none.
        var measured = run.Pages.Where(p => p.Role != FloorRole).ToList();
        var passed = rssPassed && measured.Count > 0 && measured.All(p => p.Passed);
        Console.WriteLine(measured.Count == 0 ? "RESULT: none (no SafeHome page was measured)" : passed ? "RESULT: PASS (all targets met)" : "RESULT: FAIL (a target was missed)");
        return passed;
    }

    private static async Task<(string Status, long Bytes)> ProbeAsync(Uri url, string? cookie)
    {
        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(60) };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null)
        {
            request.Headers.TryAddWithoutValidation("Cookie", cookie);
        }

        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) + (response.Headers.Location is { } to ? " -> " + to : string.Empty);
        return (status, body.LongLength);
    }

    /// The load driver: a fixed number of connections, each sending its next GET as soon as the last answer is read
    /// (closed loop, as wrk does). Latencies count from the warm-up's end; only 200s are successes.
    private static Task<LoadResult> LoadAsync(ServerProcess server, Uri url, string? cookie, TimeSpan warmup, TimeSpan duration) =>
        LoadAsync([server], url.PathAndQuery, cookie, warmup, duration);

    /// The same across several nodes of one installation: the connections are dealt out among them in turn, as a
    /// round-robin load balancer would; CPU is summed over the nodes and RSS is the first node's.
    private static async Task<LoadResult> LoadAsync(ServerProcess[] servers, string path, string? cookie, TimeSpan warmup, TimeSpan duration)
    {
        using var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            MaxConnectionsPerServer = Connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var measureFrom = Stopwatch.GetTimestamp() + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        using var sampling = new CancellationTokenSource();
        var sampler = SampleRssAsync(servers[0], measureFrom, sampling.Token);
        TimeSpan CpuTime() => servers.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.CpuTime());
        var cpuAtStart = Task.Run(async () =>
        {
            await Task.Delay(warmup);
            return CpuTime();
        });
        var workers = Enumerable.Range(0, Connections).Select(i => Task.Run(() => WorkerAsync(client, new Uri(servers[i % servers.Length].BaseUri, path), cookie, measureFrom, stopAt))).ToArray();
        var done = await Task.WhenAll(workers);
        var seconds = Stopwatch.GetElapsedTime(measureFrom).TotalSeconds;
        var cpu = CpuTime() - await cpuAtStart;
        await sampling.CancelAsync();
        var maxRss = await sampler;
        var latencies = done.SelectMany(w => w.Latencies).Order().ToList();
        var kinds = done.SelectMany(w => w.Failures).GroupBy(f => f).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new LoadResult(
            latencies.Count / seconds, Quantile(latencies, 0.50), Quantile(latencies, 0.95), Quantile(latencies, 0.99),
            latencies.Count, kinds.Values.Sum(), kinds, maxRss, cpu.TotalMilliseconds / Math.Max(latencies.Count, 1));
    }

    private static async Task<(List<double> Latencies, List<string> Failures)> WorkerAsync(HttpClient client, Uri url, string? cookie, long measureFrom, long stopAt)
    {
        var latencies = new List<double>();
        var failures = new List<string>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var begin = Stopwatch.GetTimestamp();
            if (begin >= stopAt)
            {
                return (latencies, failures);
            }

            string? failure = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                if (cookie is not null)
                {
                    request.Headers.TryAddWithoutValidation("Cookie", cookie);
                }

                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var body = await response.Content.ReadAsStreamAsync();
                while (await body.ReadAsync(buffer) > 0)
                {
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    failure = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                failure = e is TaskCanceledException ? "timeout" : e.GetType().Name;
            }

            if (begin < measureFrom)
            {
                continue;
            }

            if (failure is null)
            {
                latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            }
            else
            {
                failures.Add(failure);
            }
        }
    }

    // The largest VmRSS seen every 100 ms from the warm-up's end on.
    private static async Task<long> SampleRssAsync(ServerProcess server, long measureFrom, CancellationToken cancellationToken)
    {
        long max = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                if (Stopwatch.GetTimestamp() >= measureFrom)
                {
                    max = Math.Max(max, server.Memory().RssKb);
                }

                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return Math.Max(max, server.Memory().RssKb);
    }

    private static double Quantile(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[(int)Math.Round(q * (sorted.Count - 1))];

    // ---- Signing in over plain http: the app's cookies are Secure, which HttpClient's own container would not send
    // back to http://127.0.0.1, so the bench keeps them itself.

    private static async Task<string> SignInAsync(Uri baseUri, BenchAccount account)
    {
        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = baseUri };
        var jar = new Dictionary<string, string>(StringComparer.Ordinal);
        using var login = await SendAsync(client, jar, HttpMethod.Get, "/Account/Login", null);
        var token = TokenPattern().Match(await login.Content.ReadAsStringAsync()).Groups[1].Value;
        using var password = await SendAsync(client, jar, HttpMethod.Post, "/Account/Login", [new("__RequestVerificationToken", token), new("Input.Email", account.Email), new("Input.Password", Password)]);
        var codePath = password.Headers.Location?.OriginalString ?? string.Empty;
        if (!codePath.StartsWith("/Account/LoginWith2fa", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The password step for {account.Email} answered {(int)password.StatusCode} {codePath}.");
        }

        using var codePage = await SendAsync(client, jar, HttpMethod.Get, codePath, null);
        token = TokenPattern().Match(await codePage.Content.ReadAsStringAsync()).Groups[1].Value;
        var code = new Totp(Base32Encoding.ToBytes(account.AuthenticatorKey)).ComputeTotp(DateTime.UtcNow);
        using var signedIn = await SendAsync(client, jar, HttpMethod.Post, codePath, [new("__RequestVerificationToken", token), new("Input.Code", code)]);
        if (signedIn.StatusCode != HttpStatusCode.Redirect || !jar.ContainsKey("__Host-SafeHome"))
        {
            throw new InvalidOperationException($"The code step for {account.Email} answered {(int)signedIn.StatusCode}.");
        }

        return string.Join("; ", jar.Select(c => c.Key + "=" + c.Value));
    }

    private static async Task<string> FloorSignInAsync(Uri baseUri)
    {
        using var handler = new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = baseUri };
        var jar = new Dictionary<string, string>(StringComparer.Ordinal);
        using var response = await SendAsync(client, jar, HttpMethod.Get, "/floor/sign-in", null);
        return jar.Count > 0 ? string.Join("; ", jar.Select(c => c.Key + "=" + c.Value)) : throw new InvalidOperationException($"The stack floor's sign-in answered {(int)response.StatusCode} without a cookie.");
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Dictionary<string, string> jar, HttpMethod method, string path, KeyValuePair<string, string>[]? form)
    {
        using var request = new HttpRequestMessage(method, path);
        if (form is not null)
        {
            request.Content = new FormUrlEncodedContent(form);
        }

        if (jar.Count > 0)
        {
            request.Headers.TryAddWithoutValidation("Cookie", string.Join("; ", jar.Select(c => c.Key + "=" + c.Value)));
        }

        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
        {
            foreach (var pair in cookies.Select(c => c.Split(';', 2)[0].Split('=', 2)).Where(p => p.Length == 2))
            {
                if (pair[1].Length == 0)
                {
                    jar.Remove(pair[0]);
                }
                else
                {
                    jar[pair[0]] = pair[1];
                }
            }
        }

        return response;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    // ---- Plumbing.

    /// The app's and the template's builds, from their own bin folders in this build's configuration; --web-dll points
    /// at another build of the app (a worktree of an earlier commit) for an A/B comparison on the same folder and machine.
    private static (string WebDll, string TemplateDll) BuiltServers(string? webDll = null)
    {
        var root = RepositoryRoot();
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        return (
            webDll is not null ? Path.GetFullPath(webDll) : Path.Combine(root, "src", "SafeHome.Web", "bin", configuration, "net10.0", "SafeHome.Web.dll"),
            Path.Combine(root, "tests", "SafeHome.Benchmarks.Template", "bin", configuration, "net10.0", "SafeHome.Benchmarks.Template.dll"));
    }

    private static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "SafeHome.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("SafeHome.sln not found above the benchmark's folder or the current one.");
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static IEnumerable<string> Options(string[] args, string name)
    {
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == name)
            {
                yield return args[i + 1];
            }
        }
    }

    /// A server in a process of its own, on a free loopback port, Production, its output kept for when it fails.
    private sealed class ServerProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _tail = new();

        private ServerProcess(Process process, Uri baseUri)
        {
            _process = process;
            BaseUri = baseUri;
        }

        public Uri BaseUri { get; }

        public int Pid => _process.Id;

        public static async Task<ServerProcess?> StartAsync(string name, string dll, string[] args, Dictionary<string, string> environment)
        {
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }

            var baseUri = new Uri($"http://127.0.0.1:{port}");
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { dll, "--urls=" + baseUri.ToString().TrimEnd('/') }.Concat(args))
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["ASPNETCORE_ENVIRONMENT"] = Environments.Production;
            start.Environment["DOTNET_ENVIRONMENT"] = Environments.Production;
            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            var server = new ServerProcess(Process.Start(start)!, baseUri);
            server._process.OutputDataReceived += (_, e) => server.Keep(e.Data);
            server._process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
            server._process.BeginOutputReadLine();
            server._process.BeginErrorReadLine();

            using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(5) };
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < TimeSpan.FromSeconds(120) && !server._process.HasExited)
            {
                try
                {
                    using var response = await client.GetAsync(baseUri);
                    return server;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    await Task.Delay(250);
                }
            }

            await Console.Error.WriteLineAsync($"{name} did not start ({dll}); its last output:\n" + string.Join('\n', server._tail));
            await server.DisposeAsync();
            return null;
        }

        /// VmRSS and VmHWM in kB, from /proc (Linux).
        public (long RssKb, long HwmKb) Memory()
        {
            long rss = 0, hwm = 0;
            try
            {
                foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
                {
                    if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        rss = Kilobytes(line);
                    }
                    else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    {
                        hwm = Kilobytes(line);
                    }
                }
            }
            catch (IOException)
            {
            }

            return (rss, hwm);
        }

        /// User plus system CPU time the server has used so far, from /proc/PID/stat (Linux, clock ticks of 10 ms). Per
        /// request it is steadier than req/s on a shared two-core machine, where the load driver takes its share too.
        public TimeSpan CpuTime()
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                return TimeSpan.FromMilliseconds(ticks * 10.0);
            }
            catch (IOException)
            {
                return TimeSpan.Zero;
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }

        private static long Kilobytes(string line) =>
            long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            _tail.Enqueue(line);
            while (_tail.Count > 40)
            {
                _tail.TryDequeue(out _);
            }
        }
    }
}

internal sealed record BenchAccount(string Id, string Email, string? AuthenticatorKey);

internal sealed record BenchSeed(
    BenchAccount Counselor, BenchAccount Director, BenchAccount Auditor, Guid ResidentId, Guid PlanId, Guid NoteId, Guid EpisodeId,
    int Residents, int InCare, int Notes, int Episodes, int PlanVersions, long AuditEntries, int OpenAlerts,
    int Caseload, int ResidentNotes, int ResidentEpisodes, int ResidentPlanVersions, int ResidentAuditEntries);

internal sealed record LoadResult(
    double RequestsPerSecond, double P50, double P95, double P99, int Successes, int Errors, Dictionary<string, int> ErrorKinds, long MaxRssKb, double CpuMillisecondsPerRequest);

internal sealed record PageResult(
    string Page, string Role, string Path, double RequestsPerSecond, double P50, double P95, double P99, int Successes, int Errors,
    Dictionary<string, int> ErrorKinds, double TemplateRequestsPerSecond, double TemplateP95, double Share, double AppRssMaxMegabytes,
    double AppHwmMegabytes, double AppCpuMillisecondsPerRequest, double TemplateCpuMillisecondsPerRequest, bool Passed);

internal sealed record BenchRun(
    DateTime AtUtc, string Machine, int Cores, int Connections, double WarmupSeconds, double Seconds, Dictionary<string, string> AppEnvironment,
    BenchSeed Seed, List<PageResult> Pages, double AppHwmMegabytes, double TemplateHwmMegabytes, bool Passed);
