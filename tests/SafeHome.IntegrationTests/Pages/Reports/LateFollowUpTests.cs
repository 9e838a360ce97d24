using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeHome.Data.Reporting;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;
using SafeHome.Web.Infrastructure;
using SafeHome.Web.Pages.Missing;

namespace SafeHome.IntegrationTests.Pages.Reports;

/// What the report job reads for a quarter, from the real database: follow-ups of the quarter's events that came after
/// its last day count against their own due times (DOMAIN.md §10), while a discharge after it stays out of it.
public sealed class LateFollowUpTests
{
    [Theory, Providers]
    public async Task Follow_ups_after_the_quarter_count_against_their_due_times_and_a_later_discharge_is_not_an_exit(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        await LateFollowUps.AssertAsync(app);
    }

    [Theory, Providers]
    public async Task A_plan_approved_after_the_quarter_is_late_for_its_stay_but_a_readmissions_plan_is_not_and_later_versions_keep_their_targets(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var counselor = await app.CreateStaffAsync(Roles.Counselor);

        // In care since June 2025, with an objective due 15 Sep 2026; a new version drafted in October moves it to December.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 15, 15, 0, 0, TimeSpan.Zero));
        var longStay = await app.CreateResidentAsync(counselor.Id, "Invented Longstay", "Invented Q. Longstay");
        var firstVersion = await app.CreatePlanAsync(longStay, PlanStatus.Active, counselor.Id);

        // Admitted 1 Jul 2026: one youth gets a first plan on 15 Oct, the other leaves on 5 Oct, is readmitted on
        // 20 Oct and gets the new stay's plan on 10 Nov.
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 15, 15, 0, 0, TimeSpan.Zero));
        var (late, readmitted) = await app.WithDbAsync(async db =>
        {
            var today = app.Today;
            var now = app.Clock.GetUtcNow().UtcDateTime;
            Resident Admitted(string name)
            {
                var resident = Resident.Create(
                    new ResidentDetails($"Invented Q. {name}", $"Invented {name}", "she/her", new DateOnly(2011, 2, 2), Sex.Female, null, "English", false, null, CustodyStatus.Dependency, "CASE-0003"),
                    today,
                    now);
                resident.Admit(new DateOnly(2026, 7, 1), ReferralSource.ChildWelfare, "Invented County Agency", null, AdmissionAgeRange.Default, today);
                db.Residents.Add(resident);
                return resident;
            }

            var late = Admitted("Lateplan");
            var readmitted = Admitted("Readmit");
            readmitted.CurrentStay!.Discharge(new DateOnly(2026, 10, 5), DischargeType.Planned, DischargeReason.CompletedProgram, DischargeDestination.RelativeKin, today);

            var active = await db.ServicePlans.Include(p => p.Strengths).Include(p => p.Goals).ThenInclude(g => g.Objectives).ThenInclude(o => o.Interventions).SingleAsync(p => p.Id == firstVersion);
            var revised = active.Revise(counselor.Id, new DateTime(2026, 10, 10, 12, 0, 0, DateTimeKind.Utc));
            var objective = revised.AllObjectives.Single();
            revised.UpdateObjective(objective.Id, new ObjectiveDetails(objective.Criterion, objective.MetricType, objective.Baseline, objective.BaselineOn, objective.Target, new DateOnly(2026, 12, 15), objective.MeasurementMethod, objective.Responsible, objective.ResponsibleName, objective.Status));
            db.ServicePlans.Add(revised);
            await db.SaveChangesAsync();
            return (late.Id, readmitted.Id);
        });
        await app.CreatePlanAsync(late, PlanStatus.Active, counselor.Id);

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 10, 15, 0, 0, TimeSpan.Zero));
        await app.WithDbAsync(async db =>
        {
            var resident = await db.Residents.Include(r => r.Stays).SingleAsync(r => r.Id == readmitted);
            resident.Admit(new DateOnly(2026, 10, 20), ReferralSource.ChildWelfare, "Invented County Agency", null, AdmissionAgeRange.Default, app.Today);
            return await db.SaveChangesAsync();
        });
        await app.CreatePlanAsync(readmitted, PlanStatus.Active, counselor.Id);

        var q3 = ReportingPeriod.Quarter(2026, 3);
        var set = OutcomeMetrics.Compute(await app.WithDbAsync(db => OutcomeDataLoader.LoadAsync(db, q3.End, CancellationToken.None)), q3);

        var m16 = set["M16"];
        Assert.Equal((0L, 2L), (m16.Numerator, m16.Denominator));
        Assert.Equal(1, LateFollowUps.Part(m16, "Active plan after"));
        Assert.Equal(1, LateFollowUps.Part(m16, "No active plan"));
        Assert.Equal(1, set["M19"].Denominator);
    }
}

public sealed class PostgresLateFollowUpTests(PostgresCluster cluster) : IClassFixture<PostgresCluster>
{
    [Fact]
    public async Task Follow_ups_after_the_quarter_count_against_their_due_times_on_postgresql()
    {
        await using var app = await SafeHomeApp.StartAsync(postgres: await cluster.CreateDatabaseAsync());
        await LateFollowUps.AssertAsync(app);
    }
}

/// 2026 Q3 in a home five hours behind UTC. One youth, in care since 2025 and discharged on 10 October:
///   missing from 29 Sep 19:00 local (the clock start), police told 2 Oct (late);
///   back 30 Sep 20:00 local, the quarter's last day; debrief 56 h later, 3 Oct (due 72 h after the return);
///   trafficking screen 2 Oct (due 3 Oct);
///   plan review due 20 Sep, held 5 Oct;
///   a note for a service ending 30 Sep 23:00 local, signed 23 h later, 1 Oct 22:00 local (the app's 24 h deadline).
internal static class LateFollowUps
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("Test Central", TimeSpan.FromHours(-5), "Test Central", "Test Central");
    private static readonly ReportingPeriod Quarter = ReportingPeriod.Quarter(2026, 3);

    public static async Task AssertAsync(SafeHomeApp app)
    {
        app.Clock.SetLocalTimeZone(Zone);
        app.Clock.SetUtcNow(new DateTimeOffset(2026, 8, 3, 15, 0, 0, TimeSpan.Zero));
        var counselor = await app.CreateStaffAsync(Roles.Counselor);
        var residentId = await app.CreateResidentAsync(counselor.Id);
        var planId = await app.CreatePlanAsync(residentId, PlanStatus.Active, counselor.Id);

        app.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 20, 15, 0, 0, TimeSpan.Zero));
        var today = new DateOnly(2026, 10, 20);
        var now = Utc(2026, 10, 20, 15);
        await app.WithDbAsync(async db =>
        {
            var policy = await db.PolicyAsync();
            var context = await db.EpisodeContextAsync(residentId, null, Zone);
            var returned = Utc(2026, 10, 1, 1);
            var episode = MissingEpisode.Open(residentId, new EpisodeOnset(Utc(2026, 9, 29, 23), Utc(2026, 9, 30, 0), "Invented Night Staff", Utc(2026, 9, 30, 1)), context, policy, null, now);
            var police = episode.Notifications.Single(n => n.Recipient == NotificationRecipient.LawEnforcement && n.Phase == NotificationPhase.Onset);
            episode.RecordNotification(police.Id, new NotificationRecord(Utc(2026, 10, 2, 12), "Invented Night Staff", NotificationMethod.Phone, null, "Invented Police Dept", "IPD-0002", null, null, null, null), now);
            episode.RecordReturn(new EpisodeReturn(returned, ReturnType.SelfReturned, null, null, null), context, policy, now);
            episode.RecordDebrief(new DebriefDetails(returned.AddHours(56), DebriefOutcome.Completed, null, "Invented Clinician", false, PushFactors.None, PullFactors.None, null, false, null, null), null, now);
            episode.RecordScreen(new ScreenDetails(new DateOnly(2026, 10, 2), ScreenInstrument.CseIt, ScreenResult.NoConcern, null), null, today, Zone, now);
            db.MissingEpisodes.Add(episode);

            var plan = await db.ServicePlans.Include(p => p.Goals).ThenInclude(g => g.Objectives).SingleAsync(p => p.Id == planId);
            var goal = Assert.Single(plan.Goals);
            var review = PlanReview.Record(
                plan,
                new ReviewDetails(ReviewType.Scheduled, null, new DateOnly(2026, 10, 5), "Keep the plan as it is.", new DateOnly(2027, 1, 5), [(Assert.Single(goal.Objectives).Id, GoalStatus.InProgress)], [(goal.Id, GasLevel.Expected)]),
                new DateOnly(2026, 9, 20),
                today,
                null,
                now);
            db.PlanReviews.Add(review);

            var stays = await db.Stays.Where(s => s.ResidentId == residentId).Select(s => new { s.Id, s.AdmittedOn, s.DischargedOn }).ToListAsync();
            var content = new NoteContent(
                NoteType.Individual, NoteFormat.Narrative, Utc(2026, 10, 1, 3), Utc(2026, 10, 1, 4),
                new Dictionary<NoteSection, string?> { [NoteSection.Narrative] = NoteSeeding.SeededNarrative },
                "I liked the drawing part.", "Asked for help when stuck", "Art-based check-in", false, false, false, null);
            var note = ProgressNote.Start(residentId, counselor.Id, content, [], new ServiceWindow([.. stays.Select(s => (s.Id, s.AdmittedOn, s.DischargedOn))], Zone), Utc(2026, 10, 1, 5));
            note.Sign(counselor.Id, [], null, needsCosign: false, Utc(2026, 10, 2, 3));
            db.ProgressNotes.Add(note);
            await db.SaveChangesAsync();

            var stay = await db.Stays.SingleAsync(s => s.ResidentId == residentId);
            stay.Discharge(new DateOnly(2026, 10, 10), DischargeType.Planned, DischargeReason.CompletedProgram, DischargeDestination.RelativeKin, today);
            return await db.SaveChangesAsync();
        });

        // As the report job does: loaded through the period's last day, with the app's signing deadline and time zone.
        var options = new MetricOptions { NoteSigningHours = app.Services.GetRequiredService<NotesOptions>().SigningDeadlineHours, TimeZone = app.Clock.LocalTimeZone };
        var data = await app.WithDbAsync(db => OutcomeDataLoader.LoadAsync(db, Quarter.End, CancellationToken.None));
        var set = OutcomeMetrics.Compute(data, Quarter, options);

        Assert.Equal((1L, 1L), (set["M6"].Numerator, set["M6"].Denominator));
        Assert.Equal(1, Part(set["M6"], "Completed within"));
        Assert.Equal((1L, 1L), (set["M7"].Numerator, set["M7"].Denominator));
        Assert.Equal((0L, 1L), (set["M17"].Numerator, set["M17"].Denominator));
        Assert.Equal(1, Part(set["M17"], "Held after the due date"));
        Assert.Equal(1, Part(set["M4"], "Reported after the due time"));
        Assert.Equal(0, Part(set["M4"], "No report recorded"));
        Assert.Equal(24, options.NoteSigningHours);
        Assert.Equal((1L, 1L), (set["M26"].Numerator, set["M26"].Denominator));

        // The discharge on 10 October is not known on 30 September: no exit in Q3, and the youth is in care at its end.
        Assert.Null(Assert.Single(data.Stays).DischargedOn);
        Assert.Equal(0, set.Exits);
        Assert.Equal(1, set.CurrentResidentsAtEnd);
        Assert.Equal(0, set["M8"].N);
        Assert.Equal(0, set["M9"].N);

        // The same records read for Q4 make it an exit there.
        var q4 = ReportingPeriod.Quarter(2026, 4);
        var later = OutcomeMetrics.Compute(await app.WithDbAsync(db => OutcomeDataLoader.LoadAsync(db, q4.End, CancellationToken.None)), q4, options);
        Assert.Equal(1, later.Exits);
        Assert.Equal(0, later["M6"].Denominator);
    }

    public static long Part(MetricResult result, string labelStart) =>
        Assert.Single(result.Parts, p => p.Label.StartsWith(labelStart, StringComparison.Ordinal)).Count;

    private static DateTime Utc(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, DateTimeKind.Utc);
}
