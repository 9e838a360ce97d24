using Microsoft.EntityFrameworkCore;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Reporting;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using UglyToad.PdfPig;

namespace SafeHome.IntegrationTests.Pages.Reports;

/// The outcome report on a real PostgreSQL cluster: the loader's projections translate for Npgsql (dates, UTC
/// times, owned records), the run's unique key holds, and the stored PDF carries the figures.
public sealed class PostgresReportsTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    [Fact]
    public async Task A_report_is_built_and_stored_once_on_postgresql()
    {
        await using var app = await SafeHomeApp.StartAsync(postgres: await cluster.CreateDatabaseAsync());
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        for (var i = 0; i < 12; i++)
        {
            var resident = await app.CreateResidentAsync(counselor.Id, $"Invented Pgyouth{i}", $"Invented Q. Pglegal{i}");
            if (i < 3)
            {
                await app.CreateEpisodeAsync(resident, returned: true);
            }

            await app.CreateNoteAsync(resident, counselor.Id, NoteStatus.Signed);
            await app.CreatePlanAsync(resident, PlanStatus.Active, counselor.Id);
        }

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 10, 9, 0, 0, TimeSpan.Zero));
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var runId = await ReportsTests.RequestAsync(director, "Quarter", "2026", "2");
        await ReportsTests.RunJobAsync(app, runId);
        await ReportsTests.RunJobAsync(app, runId);

        var run = await app.WithDbAsync(db => db.ReportRuns.AsNoTracking().SingleAsync());
        Assert.Equal(ReportRunStatus.Succeeded, run.Status);
        Assert.Null(run.FailureReason);
        Assert.Equal(1, await app.WithDbAsync(db => db.ReportFiles.CountAsync()));
        var bytes = await director.GetByteArrayAsync($"/Reports/Download/{runId}");
        using var pdf = PdfDocument.Open(bytes);
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("Youth served 12", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Pgyouth", text, StringComparison.Ordinal);
    }
}
