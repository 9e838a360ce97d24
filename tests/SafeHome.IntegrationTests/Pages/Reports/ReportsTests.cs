using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Reporting;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Jobs;
using UglyToad.PdfPig;

namespace SafeHome.IntegrationTests.Pages.Reports;

/// Outcome reports end to end: a director requests a period, the job builds it with progress, directors and auditors
/// download it (audited), nobody else can, and the PDF carries figures but nothing about any one youth.
public sealed class ReportsTests
{
    private const string Q2 = "2026-Q2";

    [Theory, Providers]
    public async Task A_director_requests_a_quarter_and_downloads_the_pdf_once_the_job_has_built_it(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 10, 9, 0, 0, TimeSpan.Zero));
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);

        var runId = await RequestAsync(director, "Quarter", "2026", "2");
        var page = await director.GetDocumentAsync($"/Reports/Run/{runId}");
        Assert.Equal("Waiting", page.QuerySelector("#report-status")!.TextContent.Trim());
        Assert.True(page.QuerySelector("#report-download")!.HasAttribute("hidden"));

        await RunJobAsync(app, runId);

        page = await director.GetDocumentAsync($"/Reports/Run/{runId}");
        Assert.Equal("Ready", page.QuerySelector("#report-status")!.TextContent.Trim());
        var response = await director.GetAsync($"/Reports/Download/{runId}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains($"outcome-report-{Q2}-v1.pdf", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5), StringComparison.Ordinal);

        // The archive lists what was stored: the hash of the very bytes downloaded, and their size.
        var run = await app.WithDbAsync(db => db.ReportRuns.AsNoTracking().SingleAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), run.Sha256);
        Assert.Equal(bytes.LongLength, run.SizeBytes);
        Assert.Equal(ReportTrigger.Director, run.Trigger);
        var archive = await director.GetDocumentAsync("/Reports");
        var row = archive.QuerySelector("#reports tbody tr")!;
        Assert.Contains("2026 Q2", row.TextContent, StringComparison.Ordinal);
        Assert.Contains(run.Sha256!, row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector($"a[href='/Reports/Download/{runId}']"));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.Download && e.EntityKey == runId.ToString())));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.ReportRequested && e.EntityKey == runId.ToString())));

        var (auditorMember, auditor) = await app.SignInNewAsync(Roles.Auditor);
        Assert.Equal(HttpStatusCode.OK, (await auditor.GetAsync($"/Reports/Download/{runId}")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == AuditActions.Download && e.UserId == auditorMember.Id)));
        Assert.Null((await auditor.GetDocumentAsync("/Reports")).QuerySelector("#request-link"));
    }

    [Theory, Providers]
    public async Task Asking_again_while_a_run_is_in_progress_returns_that_run_and_a_finished_one_can_be_regenerated_as_a_new_version(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);

        var first = await RequestAsync(director, "Quarter", "2026", "1");
        var again = await RequestAsync(director, "Quarter", "2026", "1");
        Assert.Equal(first, again);
        Assert.Equal(1, await app.WithDbAsync(db => db.ReportRuns.CountAsync()));

        await RunJobAsync(app, first);
        Assert.Equal(first, await RequestAsync(director, "Quarter", "2026", "1"));

        var regenerate = await director.SubmitFormAsync($"/Reports/Run/{first}", [], handler: "Regenerate");
        regenerate.AssertRedirectTo("/Reports/Run/");
        var second = Guid.Parse(regenerate.Location().Split('/')[^1]);
        Assert.NotEqual(first, second);
        await RunJobAsync(app, second);

        var runs = await app.WithDbAsync(db => db.ReportRuns.AsNoTracking().OrderBy(r => r.Version).ToListAsync());
        Assert.Equal([1, 2], runs.Select(r => r.Version));
        Assert.All(runs, r => Assert.Equal(ReportRunStatus.Succeeded, r.Status));
        Assert.Equal(2, await app.WithDbAsync(db => db.ReportFiles.CountAsync()));

        // A whole year is a different period from its quarters.
        var year = await RequestAsync(director, "Year", "2025", "");
        Assert.NotEqual(first, year);
    }

    [Theory, Providers]
    public async Task A_job_executed_twice_stores_one_report(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var runId = await RequestAsync(director, "Quarter", "2026", "1");

        await RunJobAsync(app, runId);
        var stored = await app.WithDbAsync(db => db.ReportRuns.AsNoTracking().SingleAsync());
        await RunJobAsync(app, runId);

        Assert.Equal(1, await app.WithDbAsync(db => db.ReportFiles.CountAsync()));
        var after = await app.WithDbAsync(db => db.ReportRuns.AsNoTracking().SingleAsync());
        Assert.Equal(stored.Sha256, after.Sha256);
        Assert.Equal(1, after.Attempts);
    }

    [Fact]
    public async Task Progress_seen_through_the_polling_endpoint_only_increases_and_reaches_100()
    {
        var gate = new RecordingGate();
        await using var app = new SafeHomeApp { ConfigureTestServices = s => s.AddSingleton<ReportStageGate>(gate) };
        await app.InitializeAsync();
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var runId = await RequestAsync(director, "Quarter", "2026", "1");
        var seen = new List<int> { await ProgressAsync(director, runId) };
        gate.OnStage = async _ => seen.Add(await ProgressAsync(director, runId));

        await RunJobAsync(app, runId);
        seen.Add(await ProgressAsync(director, runId));

        Assert.True(seen.Count >= 6, string.Join(",", seen));
        Assert.Equal(0, seen[0]);
        Assert.Equal(100, seen[^1]);
        for (var i = 1; i < seen.Count; i++)
        {
            Assert.True(seen[i] >= seen[i - 1], $"Progress went back: {string.Join(",", seen)}");
        }

        Assert.True(seen.Distinct().Count() >= 5, string.Join(",", seen));
        using var json = JsonDocument.Parse(await director.GetStringAsync($"/Reports/Run/{runId}?handler=Progress"));
        Assert.Equal("Succeeded", json.RootElement.GetProperty("status").GetString());
        Assert.Equal($"/Reports/Download/{runId}", json.RootElement.GetProperty("download").GetString());
    }

    [Fact]
    public async Task A_failure_is_retried_and_when_final_shown_to_the_director_with_a_readable_reason()
    {
        var gate = new RecordingGate { OnStage = p => p == 65 ? throw new InvalidDataException("synthetic failure") : Task.CompletedTask };
        await using var app = new SafeHomeApp { ConfigureTestServices = s => s.AddSingleton<ReportStageGate>(gate) };
        await app.InitializeAsync();
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var runId = await RequestAsync(director, "Quarter", "2026", "1");

        // Hangfire retries by running the job again; the first two attempts rethrow so it does.
        var retry = typeof(OutcomeReportJob).GetMethod(nameof(OutcomeReportJob.RunAsync))!.GetCustomAttributes(typeof(AutomaticRetryAttribute), false).Cast<AutomaticRetryAttribute>().Single();
        Assert.Equal(ReportRun.MaxAttempts - 1, retry.Attempts);
        for (var attempt = 1; attempt < ReportRun.MaxAttempts; attempt++)
        {
            await Assert.ThrowsAsync<InvalidDataException>(() => RunJobAsync(app, runId));
            var running = await app.WithDbAsync(db => db.ReportRuns.AsNoTracking().SingleAsync());
            Assert.Equal(ReportRunStatus.Running, running.Status);
            Assert.Equal(attempt, running.Attempts);
        }

        await RunJobAsync(app, runId);
        var run = await app.WithDbAsync(db => db.ReportRuns.AsNoTracking().SingleAsync());
        Assert.Equal(ReportRunStatus.Failed, run.Status);
        Assert.Equal(0, await app.WithDbAsync(db => db.ReportFiles.CountAsync()));

        var page = await director.GetDocumentAsync($"/Reports/Run/{runId}");
        var failure = page.QuerySelector("#report-failure")!;
        Assert.False(failure.HasAttribute("hidden"));
        Assert.Contains("could not be built", failure.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("synthetic failure", failure.TextContent, StringComparison.Ordinal);
        Assert.Equal("Try again", page.QuerySelector("#regenerate")!.TextContent.Trim());
        Assert.DoesNotContain(app.Logs, l => l.Contains("synthetic failure", StringComparison.Ordinal));

        // "Try again" starts a new version, which can succeed.
        gate.OnStage = _ => Task.CompletedTask;
        var again = await director.SubmitFormAsync($"/Reports/Run/{runId}", [], handler: "Regenerate");
        var second = Guid.Parse(again.Location().Split('/')[^1]);
        await RunJobAsync(app, second);
        Assert.Equal(ReportRunStatus.Succeeded, (await app.WithDbAsync(db => db.ReportRuns.AsNoTracking().SingleAsync(r => r.Id == second))).Status);
    }

    [Theory]
    [ProviderInlineData("", "2026", "1", "Input.Kind")]
    [ProviderInlineData("Month", "2026", "1", "Input.Kind")]
    [ProviderInlineData("Quarter", "", "1", "Input.Year")]
    [ProviderInlineData("Quarter", "twenty", "1", "Input.Year")]
    [ProviderInlineData("Quarter", "1999", "1", "Input.Year")]
    [ProviderInlineData("Quarter", "2031", "1", "Input.Year")]
    [ProviderInlineData("Quarter", "2026", "", "Input.Quarter")]
    [ProviderInlineData("Quarter", "2026", "5", "Input.Quarter")]
    [ProviderInlineData("Quarter", "2026", "2", "Input.Quarter")]
    [ProviderInlineData("Year", "2026", "", "Input.Year")]
    [ProviderInlineData("Quarter", "2026\u202E", "1", "Input.Year")]
    [ProviderInlineData("Quarter", "99999999999999999999", "1", "Input.Year")]
    public async Task A_bad_period_is_refused_next_to_its_field_and_starts_nothing(string kind, string year, string quarter, string field, DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);

        var response = await director.SubmitFormAsync("/Reports/Request", new() { ["Input.Kind"] = kind, ["Input.Year"] = year, ["Input.Quarter"] = quarter });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await HtmlForms.ParseAsync(response);
        Assert.False(string.IsNullOrWhiteSpace(document.FieldError(field)), $"No message next to {field}");
        Assert.Equal(0, await app.WithDbAsync(db => db.ReportRuns.CountAsync()));
    }

    [Theory, Providers]
    public async Task Counselors_and_admins_can_neither_request_nor_download_reports(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var runId = await RequestAsync(director, "Quarter", "2026", "1");
        await RunJobAsync(app, runId);

        foreach (var role in new[] { Roles.Counselor, Roles.Admin })
        {
            var (_, browser) = await app.SignInNewAsync(role);
            foreach (var url in new[] { "/Reports", "/Reports/Request", $"/Reports/Run/{runId}", $"/Reports/Download/{runId}", $"/Reports/Run/{runId}?handler=Progress" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync(url)).StatusCode);
            }

            var ownToken = await browser.AntiforgeryTokenAsync("/");
            var post = await browser.PostAsync("/Reports/Request", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = ownToken,
                ["Input.Kind"] = "Quarter",
                ["Input.Year"] = "2025",
                ["Input.Quarter"] = "4",
            }));
            Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        }

        // Auditors read the archive but cannot start a run.
        var (_, auditor) = await app.SignInNewAsync(Roles.Auditor);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/Reports/Request")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.ReportRuns.CountAsync()));
    }

    [Theory, Providers]
    public async Task The_job_is_enqueued_with_the_run_id_and_nothing_else(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var residentId = await app.CreateResidentAsync(null, "Canary Preferred", "Canary Legal");
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var runId = await RequestAsync(director, "Quarter", "2026", "1");

        var monitoring = app.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var job = Assert.Single(monitoring.EnqueuedJobs("default", 0, 10)).Value.Job;
        Assert.Equal(typeof(OutcomeReportJob), job.Type);
        Assert.Equal(runId, Assert.IsType<Guid>(job.Args[0]));
        Assert.True(job.Args.Skip(1).All(a => a is CancellationToken));
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var stored = JsonSerializer.Serialize(connection.GetJobData(Assert.Single(monitoring.EnqueuedJobs("default", 0, 10)).Key)!.Job.Args.Where(a => a is not CancellationToken));
        Assert.DoesNotContain(residentId.ToString(), stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Canary", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_quarterly_report_is_requested_once_the_day_after_quarter_end_plus_the_delay_has_come()
    {
        await using var app = new SafeHomeApp { Settings = { ["Reports:QuarterlyDelayDays"] = "3" } };
        await app.InitializeAsync();

        // Q2 2026 ends on 30 June: due on 1 July + 3 days = 4 July. Until then the quarter before (Q1) is not made up.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 3, 12, 0, 0, TimeSpan.Zero));
        Assert.Null(await RunScheduleAsync(app));
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 4, 12, 0, 0, TimeSpan.Zero));
        var id = await RunScheduleAsync(app);
        Assert.NotNull(id);
        Assert.Null(await RunScheduleAsync(app));

        var run = await app.WithDbAsync(db => db.ReportRuns.AsNoTracking().SingleAsync());
        Assert.Equal((new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30)), (run.PeriodStart, run.PeriodEnd));
        Assert.Equal(ReportTrigger.Schedule, run.Trigger);
        Assert.Null(run.RequestedById);

        // What a job server writes when it starts; the test host runs no job server.
        app.Services.GetRequiredService<RecurringSchedules>().Apply();
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = Assert.Single(connection.GetRecurringJobs(), j => j.Id == JobsServiceCollectionExtensions.QuarterlyReportJobId);
        Assert.Equal(typeof(QuarterlyReportJob), recurring.Job.Type);
    }

    [Theory, Providers]
    public async Task The_pdf_reads_back_with_its_figures_labels_and_page_footers_and_nothing_about_any_youth(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var canaries = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            canaries.Add(await app.CreateResidentAsync(null, $"Canary Zebulon{i}", $"Canary Q. Legalname{i}"));
        }

        for (var i = 0; i < 3; i++)
        {
            await app.CreateEpisodeAsync(canaries[i], returned: true);
        }

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 10, 9, 0, 0, TimeSpan.Zero));
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var runId = await RequestAsync(director, "Quarter", "2026", "2");
        await RunJobAsync(app, runId);
        var bytes = await director.GetByteArrayAsync($"/Reports/Download/{runId}");

        using var pdf = PdfDocument.Open(bytes);
        var pages = pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
        var text = string.Join("\n", pages);
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Page {i + 1} of {pages.Count}", pages[i], StringComparison.Ordinal);
        }

        Assert.Contains("Aggregate data only", pages[0], StringComparison.Ordinal);
        Assert.Contains("2026 Q2", pages[0], StringComparison.Ordinal);
        Assert.Contains("Youth served 12", text, StringComparison.Ordinal);
        Assert.Contains("Safety and missing episodes", text, StringComparison.Ordinal);
        Assert.Contains("Methods", text, StringComparison.Ordinal);
        Assert.Contains("Data quality", text, StringComparison.Ordinal);
        Assert.Contains("withheld", text, StringComparison.Ordinal);

        // Three episodes: a count below 11, so it never appears as a figure.
        var m1 = pages.First(p => p.Contains("M1 ", StringComparison.Ordinal));
        Assert.Contains("withheld", m1, StringComparison.Ordinal);
        Assert.Contains("2026 Q2", pdf.Information.Title, StringComparison.Ordinal);

        Assert.DoesNotContain("Canary", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Zebulon", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Legalname", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("CASE-0001", text, StringComparison.Ordinal);
        var raw = System.Text.Encoding.Latin1.GetString(bytes);
        foreach (var id in canaries)
        {
            Assert.DoesNotContain(id.ToString(), text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(id.ToString(), raw, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(id.ToString("N"), raw, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain("Canary", raw, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("0")]
    [InlineData("-11")]
    public async Task A_suppression_threshold_below_5_stops_the_app_at_start(string threshold)
    {
        await using var app = new SafeHomeApp { Settings = { ["Reports:SuppressionThreshold"] = threshold } };

        var error = await Assert.ThrowsAsync<Microsoft.Extensions.Options.OptionsValidationException>(app.InitializeAsync);
        Assert.Contains("SuppressionThreshold", error.Message, StringComparison.Ordinal);
    }

    internal static async Task<Guid> RequestAsync(HttpClient director, string kind, string year, string quarter)
    {
        var response = await director.SubmitFormAsync("/Reports/Request", new() { ["Input.Kind"] = kind, ["Input.Year"] = year, ["Input.Quarter"] = quarter });
        response.AssertRedirectTo("/Reports/Run/");
        return Guid.Parse(response.Location().Split('/')[^1]);
    }

    internal static async Task RunJobAsync(SafeHomeApp app, Guid runId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutcomeReportJob>().RunAsync(runId, CancellationToken.None);
    }

    private static async Task<Guid?> RunScheduleAsync(SafeHomeApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<QuarterlyReportJob>().RunAsync(CancellationToken.None);
    }

    private static async Task<int> ProgressAsync(HttpClient browser, Guid runId)
    {
        using var json = JsonDocument.Parse(await browser.GetStringAsync($"/Reports/Run/{runId}?handler=Progress"));
        return json.RootElement.GetProperty("progress").GetInt32();
    }

    private sealed class RecordingGate : ReportStageGate
    {
        public Func<int, Task> OnStage { get; set; } = _ => Task.CompletedTask;

        public override Task ReachedAsync(Guid runId, int progress, CancellationToken cancellationToken) => OnStage(progress);
    }
}
