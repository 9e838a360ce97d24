using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Data.Reporting;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Residents;
using SafeHome.UnitTests.Builders;
using static SafeHome.UnitTests.Outcomes.OutcomeScenario;

namespace SafeHome.UnitTests.Outcomes;

/// The loader against a real (in-memory SQLite) database: its projections must translate, and SQLite's
/// Kind-unspecified DateTimes must come back as UTC.
public sealed class OutcomeDataLoaderTests
{
    [Fact]
    public async Task The_loader_projects_stays_episodes_and_their_follow_up_into_a_dataset_the_metrics_can_use()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync(ct);
        await using var db = new SafeHomeDbContext(new DbContextOptionsBuilder<SafeHomeDbContext>().UseSqlite(connection).Options);
        await db.Database.EnsureCreatedAsync(ct);

        var today = new DateOnly(2026, 3, 10);
        var now = Utc(2026, 3, 10, 12);
        var resident = new ResidentBuilder().BornOn(new DateOnly(2010, 5, 15)).On(today).Build();
        var stay = resident.AdmitOn(new DateOnly(2026, 1, 5), today);
        var policy = JurisdictionPolicy.CreateDefault();
        var context = new EpisodeContext([(stay.Id, stay.AdmittedOn, null)], [], TimeZoneInfo.Utc);
        var episode = MissingEpisode.Open(resident.Id, new EpisodeOnset(Utc(2026, 2, 1, 20), Utc(2026, 2, 1, 21), "Night staff", Utc(2026, 2, 1, 22)), context, policy, null, now);
        var police = episode.Notifications.Single(n => n.Recipient == NotificationRecipient.LawEnforcement && n.Phase == NotificationPhase.Onset);
        episode.RecordNotification(police.Id, new NotificationRecord(Utc(2026, 2, 1, 22), "Night staff", NotificationMethod.Phone, null, "Invented Police Dept", "IPD-0001", null, null, null, null), now);
        episode.RecordReturn(new EpisodeReturn(Utc(2026, 2, 2, 9), ReturnType.SelfReturned, null, null, null), context, policy, now);
        episode.RecordDebrief(new DebriefDetails(Utc(2026, 2, 3, 10), DebriefOutcome.Completed, null, "Invented Clinician", false, PushFactors.None, PullFactors.None, null, false, null, null), null, now);
        episode.RecordScreen(new ScreenDetails(new DateOnly(2026, 2, 3), ScreenInstrument.CseIt, ScreenResult.NoConcern, null), null, today, TimeZoneInfo.Utc, now);
        var exploitation = new ExploitationEvent(resident.Id, new ExploitationDetails(ExploitationCertainty.Suspected, new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 3), (episode.Id, new DateOnly(2026, 2, 1), new DateOnly(2026, 2, 2)), null), today, null, now);
        stay.DischargeOn(new DateOnly(2026, 3, 1), today);
        db.Residents.Add(resident);
        db.MissingEpisodes.Add(episode);
        db.ExploitationEvents.Add(exploitation);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var data = await OutcomeDataLoader.LoadAsync(db, new DateOnly(2026, 3, 31), ct);

        var loadedStay = Assert.Single(data.Stays);
        Assert.Equal(new DateOnly(2026, 3, 1), loadedStay.DischargedOn);
        var loadedEpisode = Assert.Single(data.Episodes);
        Assert.Equal(DateTimeKind.Utc, loadedEpisode.ClockStartUtc.Kind);
        Assert.Equal(Utc(2026, 2, 1, 21), loadedEpisode.ClockStartUtc);
        Assert.Single(data.Debriefs);
        Assert.Single(data.Screens);
        Assert.Single(data.ExploitationEvents);
        Assert.Contains(data.Notifications, n => n.Recipient == NotificationRecipient.LawEnforcement && n.NotifiedAtUtc == Utc(2026, 2, 1, 22));

        // Nights 5 Jan – 28 Feb = 27 + 28 = 55; the police report came 1 h after the clock start; the debrief and the screen
        // were on time.
        var set = OutcomeMetrics.Compute(data, Q1, MetricOptions.Default);
        Assert.Equal(55, set.ResidentDays);
        Assert.Equal((1L, 1L), (set["M4"].Numerator, set["M4"].Denominator));
        Assert.Equal((1L, 1L), (set["M6"].Numerator, set["M6"].Denominator));
        Assert.Equal((1L, 1L), (set["M7"].Numerator, set["M7"].Denominator));
        Assert.Equal(1, set["M11"].Numerator);

        // Cut off on 15 Feb: the discharge is not known yet, and nights run 5 Jan – 15 Feb = 27 + 15 = 42.
        var earlier = await OutcomeDataLoader.LoadAsync(db, new DateOnly(2026, 2, 15), ct);
        Assert.Null(Assert.Single(earlier.Stays).DischargedOn);
        Assert.Equal(42, OutcomeMetrics.Compute(earlier, Q1, MetricOptions.Default).ResidentDays);
    }

    [Fact]
    public async Task The_loader_projects_education_records_and_documents_at_exit_as_known_on_the_cut_off_day()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var connection = new SqliteConnection("DataSource=:memory:");
        await connection.OpenAsync(ct);
        await using var db = new SafeHomeDbContext(new DbContextOptionsBuilder<SafeHomeDbContext>().UseSqlite(connection).Options);
        await db.Database.EnsureCreatedAsync(ct);

        var today = new DateOnly(2026, 3, 10);
        var now = Utc(2026, 3, 10, 12);
        var resident = new ResidentBuilder().BornOn(new DateOnly(2010, 5, 15)).On(today).Build();
        var stay = resident.AdmitOn(new DateOnly(2026, 1, 5), today);
        stay.Discharge(new DateOnly(2026, 3, 1), DischargeType.Planned, DischargeReason.CompletedProgram, DischargeDestination.RelativeKin, today, IdentityDocumentList.All);
        db.Residents.Add(resident);
        db.EducationRecords.Add(new EducationRecord(resident.Id, EducationStatus.EnrolledInSchool, new DateOnly(2025, 9, 2), new DateOnly(2026, 2, 20), today, null, now));
        db.EducationRecords.Add(new EducationRecord(resident.Id, EducationStatus.EnrolledInGedProgram, new DateOnly(2026, 2, 23), null, today, null, now));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var data = await OutcomeDataLoader.LoadAsync(db, new DateOnly(2026, 3, 31), ct);

        Assert.Equal(IdentityDocumentList.All, Assert.Single(data.Stays).DocumentsAtExit);
        Assert.Equal(
            [new EducationFact(resident.Id, EducationStatus.EnrolledInSchool, new DateOnly(2025, 9, 2), new DateOnly(2026, 2, 20)), new EducationFact(resident.Id, EducationStatus.EnrolledInGedProgram, new DateOnly(2026, 2, 23), null)],
            data.Education.OrderBy(e => e.StartedOn));
        Assert.Equal((1L, 1L), (OutcomeMetrics.Compute(data, Q1)["M24"].Numerator, OutcomeMetrics.Compute(data, Q1)["M24"].Denominator));

        // Cut off on 15 Feb: the GED program has not started, school has not ended, and the exit is not known yet.
        var earlier = await OutcomeDataLoader.LoadAsync(db, new DateOnly(2026, 2, 15), ct);
        Assert.Equal([new EducationFact(resident.Id, EducationStatus.EnrolledInSchool, new DateOnly(2025, 9, 2), null)], earlier.Education);
        Assert.Null(Assert.Single(earlier.Stays).DocumentsAtExit);
    }
}
