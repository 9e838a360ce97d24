using SafeHome.Domain.Missing;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Residents;

namespace SafeHome.UnitTests.Reports;

/// Random invented homes for the report's property tests, spanning 2026 Q2 and the quarter before it.
internal static class RandomHome
{
    public static readonly ReportingPeriod Period = ReportingPeriod.Quarter(2026, 2);

    /// A random home: youth admitted around the period, some leaving, some missing from care (some returned, some
    /// reported to the police late or not at all), with progress notes signed on time or late.
    public static MetricDataset Build(int youth, int seed)
    {
        var random = new Random(seed);
        var residents = new List<ResidentFact>();
        var stays = new List<StayFact>();
        var episodes = new List<EpisodeFact>();
        var notifications = new List<NotificationFact>();
        var debriefs = new List<DebriefFact>();
        var notes = new List<NoteFact>();
        var events = new List<ExploitationFact>();
        for (var i = 0; i < youth; i++)
        {
            var resident = Guid.NewGuid();
            residents.Add(new ResidentFact(resident, new DateOnly(2009, 1, 1).AddDays(random.Next(2000))));
            var admitted = new DateOnly(2025, 10, 1).AddDays(random.Next(240));
            DateOnly? discharged = random.Next(3) == 0 ? admitted.AddDays(20 + random.Next(150)) : null;
            var planned = random.Next(2) == 0;
            var stay = Guid.NewGuid();
            stays.Add(new StayFact(
                stay,
                resident,
                admitted,
                discharged,
                discharged is null ? null : planned ? DischargeType.Planned : DischargeType.Unplanned,
                discharged is null ? null : planned ? DischargeReason.CompletedProgram : DischargeReason.NeedsNotMet,
                discharged is null ? null : (DischargeDestination)random.Next(Enum.GetValues<DischargeDestination>().Length),
                discharged is null || random.Next(4) == 0 ? null : (IdentityDocuments)random.Next(32)));
            if (random.Next(6) == 0)
            {
                events.Add(new ExploitationFact(resident, random.Next(2) == 0 ? ExploitationCertainty.Confirmed : ExploitationCertainty.Suspected, admitted.AddDays(random.Next(200)), null));
            }
            for (var e = random.Next(3); e > 0; e--)
            {
                var lastSeen = admitted.ToDateTime(new TimeOnly(20, 0), DateTimeKind.Utc).AddHours(random.Next(24 * 120));
                var clock = lastSeen.AddHours(1);
                DateTime? returned = random.Next(4) == 0 ? null : clock.AddHours(2 + random.Next(200));
                var episode = Guid.NewGuid();
                episodes.Add(new EpisodeFact(episode, resident, stay, lastSeen, clock, returned, returned is null ? null : ReturnType.SelfReturned, (MissingRiskLevel)random.Next(4), returned?.AddHours(72), returned?.AddHours(72)));
                var police = random.Next(3);
                notifications.Add(new NotificationFact(episode, NotificationRecipient.LawEnforcement, NotificationPhase.Onset, clock.AddHours(2), police == 0 ? null : clock.AddHours(police == 1 ? 1 : 5), false));
                notifications.Add(new NotificationFact(episode, NotificationRecipient.Ncmec, NotificationPhase.Onset, clock.AddHours(24), random.Next(2) == 0 ? clock.AddHours(3) : null, false));
                if (returned is { } back && random.Next(2) == 0)
                {
                    debriefs.Add(new DebriefFact(episode, back.AddHours(random.Next(100)), random.Next(3) == 0 ? DebriefOutcome.Declined : DebriefOutcome.Completed));
                }
            }

            for (var n = random.Next(12); n > 0; n--)
            {
                var end = admitted.ToDateTime(new TimeOnly(15, 0), DateTimeKind.Utc).AddDays(random.Next(150));
                notes.Add(new NoteFact(Guid.NewGuid(), resident, end, random.Next(5) == 0 ? null : end.AddHours(random.Next(120)), NoteStatus.Signed));
            }
        }

        return new MetricDataset
        {
            Residents = residents,
            Stays = stays,
            Episodes = episodes,
            Notifications = notifications,
            Debriefs = debriefs,
            Notes = notes,
            ExploitationEvents = events,
        };
    }
}
