using SafeHome.Domain.Common;
using SafeHome.Domain.Missing;

namespace SafeHome.UnitTests.Missing;

/// DOMAIN.md §6C and §9: onset validation, due times from the policy, the return closing the clocks, and what is
/// overdue when. Times are worked out in the tests from the policy defaults (police 2 h, NCMEC and others 24 h,
/// court 48 h, director 1 h, debrief and screen 72 h).
public sealed class MissingEpisodeTests
{
    private static readonly DateTime Now = new(2026, 6, 15, 15, 0, 0, DateTimeKind.Utc);
    private static readonly Guid StayId = Guid.CreateVersion7();
    private static readonly Guid ResidentId = Guid.CreateVersion7();

    private static EpisodeContext Context(params (Guid Id, DateTime LastSeen, DateTime? Returned)[] others) =>
        new([(StayId, new DateOnly(2025, 6, 15), null)], others, TimeZoneInfo.Utc);

    private static EpisodeOnset Onset(double lastSeenHoursAgo = 6, double discoveredHoursAgo = 5, double determinedHoursAgo = 4) =>
        new(Now.AddHours(-lastSeenHoursAgo), Now.AddHours(-discoveredHoursAgo), "Night staff", Now.AddHours(-determinedHoursAgo));

    private static MissingEpisode OpenEpisode(EpisodeOnset? onset = null, JurisdictionPolicy? policy = null) =>
        MissingEpisode.Open(ResidentId, onset ?? Onset(), Context(), policy ?? JurisdictionPolicy.CreateDefault(), "counselor-1", Now);

    [Fact]
    public void Opening_creates_one_notification_per_policy_recipient_due_from_the_discovered_time()
    {
        var episode = OpenEpisode();
        var discovered = Now.AddHours(-5);

        Assert.Equal(discovered, episode.ClockStartUtc);
        Assert.Equal(7, episode.Notifications.Count);
        Assert.Equal(discovered.AddHours(2), Due(episode, NotificationRecipient.LawEnforcement));
        Assert.Equal(discovered.AddHours(24), Due(episode, NotificationRecipient.Ncmec));
        Assert.Equal(discovered.AddHours(24), Due(episode, NotificationRecipient.ParentGuardian));
        Assert.Equal(discovered.AddHours(48), Due(episode, NotificationRecipient.Court));
        Assert.Equal(discovered.AddHours(1), Due(episode, NotificationRecipient.ProgramDirector));
    }

    [Fact]
    public void A_policy_that_starts_at_determined_missing_counts_from_that_time()
    {
        var policy = JurisdictionPolicy.CreateDefault();
        policy.Update(new PolicyDeadlines("Invented County", MissingClockStart.DeterminedMissing, 30, 600, 1440, 1440, 1440, 2880, 60, 4320, 4320));

        var episode = OpenEpisode(policy: policy);

        Assert.Equal(Now.AddHours(-4), episode.ClockStartUtc);
        Assert.Equal(Now.AddHours(-4).AddMinutes(30), Due(episode, NotificationRecipient.LawEnforcement));
        Assert.Equal(Now.AddHours(-4).AddMinutes(600), Due(episode, NotificationRecipient.Ncmec));
    }

    [Theory]
    [InlineData(5, 6, 4, "DiscoveredMissingUtc")]
    [InlineData(6, 4, 5, "DeterminedMissingUtc")]
    [InlineData(-1, -1, -1, "LastSeenUtc")]
    public void Onset_times_out_of_order_or_in_the_future_are_refused(double lastSeen, double discovered, double determined, string field)
    {
        var ex = Assert.Throws<DomainRuleException>(() => OpenEpisode(Onset(lastSeen, discovered, determined)));

        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void An_episode_outside_every_stay_is_refused()
    {
        var context = new EpisodeContext([(StayId, new DateOnly(2026, 1, 1), new DateOnly(2026, 3, 1))], [], TimeZoneInfo.Utc);

        var ex = Assert.Throws<DomainRuleException>(() => MissingEpisode.Open(ResidentId, Onset(), context, JurisdictionPolicy.CreateDefault(), null, Now));

        Assert.Equal(nameof(EpisodeOnset.LastSeenUtc), ex.Field);
    }

    [Fact]
    public void An_episode_overlapping_an_open_or_a_later_closed_one_is_refused_and_one_after_a_return_is_not()
    {
        var policy = JurisdictionPolicy.CreateDefault();
        var open = new EpisodeContext([(StayId, new DateOnly(2025, 6, 15), null)], [(Guid.NewGuid(), Now.AddDays(-2), null)], TimeZoneInfo.Utc);
        var closedAcross = new EpisodeContext([(StayId, new DateOnly(2025, 6, 15), null)], [(Guid.NewGuid(), Now.AddHours(-10), Now.AddHours(-5.5))], TimeZoneInfo.Utc);
        var closedBefore = new EpisodeContext([(StayId, new DateOnly(2025, 6, 15), null)], [(Guid.NewGuid(), Now.AddHours(-10), Now.AddHours(-7))], TimeZoneInfo.Utc);

        Assert.Contains("open missing episode", Assert.Throws<DomainRuleException>(() => MissingEpisode.Open(ResidentId, Onset(), open, policy, null, Now)).Message, StringComparison.Ordinal);
        Assert.Contains("overlap", Assert.Throws<DomainRuleException>(() => MissingEpisode.Open(ResidentId, Onset(), closedAcross, policy, null, Now)).Message, StringComparison.Ordinal);
        Assert.Equal(Now.AddHours(-6), MissingEpisode.Open(ResidentId, Onset(), closedBefore, policy, null, Now).LastSeenUtc);
    }

    [Fact]
    public void A_notification_dated_before_the_episode_began_or_in_the_future_is_refused_and_nothing_is_recorded()
    {
        var episode = OpenEpisode();
        var police = episode.Notifications.Single(n => n.Recipient == NotificationRecipient.LawEnforcement);

        var before = Assert.Throws<DomainRuleException>(() => episode.RecordNotification(police.Id, Record(Now.AddHours(-7)), Now));
        var future = Assert.Throws<DomainRuleException>(() => episode.RecordNotification(police.Id, Record(Now.AddMinutes(1)), Now));

        Assert.Equal(nameof(NotificationRecord.NotifiedAtUtc), before.Field);
        Assert.Equal(nameof(NotificationRecord.NotifiedAtUtc), future.Field);
        Assert.Null(police.NotifiedAtUtc);
    }

    [Fact]
    public void Overdue_items_are_the_unmet_deadlines_and_recording_one_removes_it()
    {
        var episode = OpenEpisode();

        // Discovered 5 h ago: the police (2 h) and director (1 h) deadlines have passed; the 24 h ones have not.
        var overdue = episode.OverdueItems(Now).ToList();
        Assert.Equal(2, overdue.Count);
        Assert.All(overdue, o => Assert.Equal(MissingAlertKind.NotificationOverdue, o.Kind));

        var police = episode.Notifications.Single(n => n.Recipient == NotificationRecipient.LawEnforcement);
        episode.RecordNotification(police.Id, Record(Now.AddHours(-1)), Now);

        var remaining = Assert.Single(episode.OverdueItems(Now));
        Assert.Equal(episode.Notifications.Single(n => n.Recipient == NotificationRecipient.ProgramDirector).Id, remaining.SubjectId);
        Assert.False(police.WasOnTime);
    }

    [Fact]
    public void A_return_before_last_seen_is_refused()
    {
        var episode = OpenEpisode();

        var ex = Assert.Throws<DomainRuleException>(() => episode.RecordReturn(new EpisodeReturn(Now.AddHours(-7), ReturnType.SelfReturned, null, null, null), Context(), JurisdictionPolicy.CreateDefault(), Now));

        Assert.Equal(nameof(EpisodeReturn.ReturnedUtc), ex.Field);
        Assert.True(episode.IsOpen);
    }

    [Fact]
    public void Returning_closes_the_missing_clocks_not_yet_due_and_starts_the_debrief_screen_and_return_notifications()
    {
        var episode = OpenEpisode();
        var returned = Now.AddHours(-2.5);

        episode.RecordReturn(new EpisodeReturn(returned, ReturnType.LocatedByStaff, "53202", true, null), Context(), JurisdictionPolicy.CreateDefault(), Now);

        Assert.Equal(returned.AddHours(72), episode.DebriefDueUtc);
        Assert.Equal(returned.AddHours(72), episode.ScreenDueUtc);
        Assert.Equal(3, episode.Notifications.Count(n => n.Phase == NotificationPhase.Return));

        // Three days later: the 24 h and 48 h missing notifications fell due after the return, so they are not owed;
        // the police and director ones were overdue before it and still are; the return notifications, debrief and
        // screen are all overdue.
        var later = Now.AddDays(4);
        var kinds = episode.OverdueItems(later).ToList();
        Assert.Equal(2, kinds.Count(k => k.Kind == MissingAlertKind.NotificationOverdue && episode.Notifications.Single(n => n.Id == k.SubjectId).Phase == NotificationPhase.Onset));
        Assert.Equal(3, kinds.Count(k => k.Kind == MissingAlertKind.NotificationOverdue && episode.Notifications.Single(n => n.Id == k.SubjectId).Phase == NotificationPhase.Return));
        Assert.Contains(kinds, k => k.Kind == MissingAlertKind.DebriefOverdue);
        Assert.Contains(kinds, k => k.Kind == MissingAlertKind.ScreenOverdue);
    }

    [Theory]
    [InlineData("5320")]
    [InlineData("ABCDE")]
    [InlineData("53202-12")]
    public void A_found_zip_that_is_not_a_zip_code_is_refused(string zip)
    {
        var episode = OpenEpisode();

        var ex = Assert.Throws<DomainRuleException>(() => episode.RecordReturn(new EpisodeReturn(Now.AddHours(-1), ReturnType.SelfReturned, zip, null, null), Context(), JurisdictionPolicy.CreateDefault(), Now));

        Assert.Equal(nameof(EpisodeReturn.FoundZip), ex.Field);
    }

    [Fact]
    public void A_completed_debrief_asks_for_follow_up_and_a_declined_one_needs_the_reason()
    {
        var completed = Returned();
        var declined = Returned();

        Assert.True(completed.RecordDebrief(Debrief(DebriefOutcome.Completed, null), "c", Now));
        Assert.Equal(nameof(DebriefDetails.DeclinedReason), Assert.Throws<DomainRuleException>(() => declined.RecordDebrief(Debrief(DebriefOutcome.Declined, " "), "c", Now)).Field);
        Assert.False(declined.RecordDebrief(Debrief(DebriefOutcome.Declined, "Wants to rest first"), "c", Now));
        Assert.DoesNotContain(completed.OverdueItems(Now.AddDays(4)), i => i.Kind == MissingAlertKind.DebriefOverdue);
    }

    [Fact]
    public void A_debrief_before_the_return_is_refused()
    {
        var episode = Returned();

        var ex = Assert.Throws<DomainRuleException>(() => episode.RecordDebrief(Debrief(DebriefOutcome.Completed, null) with { HeldAtUtc = Now.AddHours(-3) }, "c", Now));

        Assert.Equal(nameof(DebriefDetails.HeldAtUtc), ex.Field);
    }

    [Fact]
    public void A_screen_before_the_return_day_or_in_the_future_is_refused()
    {
        var episode = Returned();
        var today = DateOnly.FromDateTime(Now);

        Assert.Throws<DomainRuleException>(() => episode.RecordScreen(new ScreenDetails(today.AddDays(-1), ScreenInstrument.CseIt, ScreenResult.NoConcern, null), null, today, TimeZoneInfo.Utc, Now));
        Assert.Throws<DomainRuleException>(() => episode.RecordScreen(new ScreenDetails(today.AddDays(1), ScreenInstrument.CseIt, ScreenResult.NoConcern, null), null, today, TimeZoneInfo.Utc, Now));
        episode.RecordScreen(new ScreenDetails(today, ScreenInstrument.CseIt, ScreenResult.PossibleConcern, "Invented Screener"), null, today, TimeZoneInfo.Utc, Now);
        Assert.Equal(ScreenResult.PossibleConcern, episode.Screen!.Result);
    }

    [Fact]
    public void Correcting_the_onset_moves_the_due_times_of_notifications_not_yet_made()
    {
        var episode = OpenEpisode();
        var police = episode.Notifications.Single(n => n.Recipient == NotificationRecipient.LawEnforcement);
        var ncmec = episode.Notifications.Single(n => n.Recipient == NotificationRecipient.Ncmec);
        episode.RecordNotification(police.Id, Record(Now.AddHours(-4)), Now);
        var policeDue = police.DueAtUtc;

        episode.CorrectOnset(Onset(6, 4.5, 4), Context(), JurisdictionPolicy.CreateDefault(), Now);

        Assert.Equal(policeDue, police.DueAtUtc);
        Assert.Equal(Now.AddHours(-4.5).AddHours(24), ncmec.DueAtUtc);
    }

    [Fact]
    public void The_policy_refuses_deadlines_outside_a_minute_to_thirty_days()
    {
        var policy = JurisdictionPolicy.CreateDefault();

        var ex = Assert.Throws<DomainRuleException>(() => policy.Update(new PolicyDeadlines("X", MissingClockStart.DiscoveredMissing, 0, 1440, 1440, 1440, 1440, 2880, 60, 4320, 4320)));

        Assert.Equal(nameof(PolicyDeadlines.LawEnforcementMinutes), ex.Field);
        Assert.Equal(120, policy.LawEnforcementMinutes);
    }

    private static MissingEpisode Returned()
    {
        var episode = OpenEpisode();
        episode.RecordReturn(new EpisodeReturn(Now.AddHours(-2), ReturnType.SelfReturned, null, null, null), Context(), JurisdictionPolicy.CreateDefault(), Now);
        return episode;
    }

    private static DebriefDetails Debrief(DebriefOutcome outcome, string? declinedReason) =>
        new(Now.AddHours(-1), outcome, declinedReason, "Invented Clinician", false, PushFactors.RulesRestrictions, PullFactors.Peers, "Stayed with a friend", false, null, "Peer mentor");

    private static NotificationRecord Record(DateTime at) =>
        new(at, "Night staff", NotificationMethod.Phone, null, "Invented Police Dept", "IPD-0001", "Officer Sample", "0000", null, null);

    private static DateTime Due(MissingEpisode episode, NotificationRecipient recipient) =>
        episode.Notifications.Single(n => n.Recipient == recipient && n.Phase == NotificationPhase.Onset).DueAtUtc;

    [Fact]
    public void A_return_after_the_discharge_day_is_refused_and_one_on_the_discharge_day_is_kept()
    {
        var discharged = new EpisodeContext([(StayId, new DateOnly(2025, 6, 15), new DateOnly(2026, 6, 14))], [], TimeZoneInfo.Utc);
        var episode = MissingEpisode.Open(ResidentId, Onset(50, 49, 48), discharged, JurisdictionPolicy.CreateDefault(), "counselor-1", Now);

        var refused = Assert.Throws<DomainRuleException>(() =>
            episode.RecordReturn(new EpisodeReturn(Now.AddHours(-1), ReturnType.SelfReturned, null, null, null), discharged, JurisdictionPolicy.CreateDefault(), Now));
        Assert.Equal((nameof(EpisodeReturn.ReturnedUtc), "The resident was discharged on 2026-06-14; the return must fall within the stay."), (refused.Field, refused.Message));
        Assert.Null(episode.ReturnedUtc);

        episode.RecordReturn(new EpisodeReturn(new DateTime(2026, 6, 14, 20, 0, 0, DateTimeKind.Utc), ReturnType.SelfReturned, null, null, null), discharged, JurisdictionPolicy.CreateDefault(), Now);
        Assert.Equal(new DateTime(2026, 6, 14, 20, 0, 0, DateTimeKind.Utc), episode.ReturnedUtc);
    }
}
