using SafeHome.Domain.Missing;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;

namespace SafeHome.UnitTests.Outcomes;

/// A small synthetic home, built so every number of 2026 Q1 (1 Jan – 31 Mar, 90 days) can be worked by hand.
///
/// Stays and nights in Q1 (admission day counts, discharge day does not):
///   A  2025-12-01 → 2026-04-10  admitted before Q1, discharged after: 1 Jan – 31 Mar      = 90
///   B  2026-02-01 → open        admitted inside Q1:                  1 Feb – 31 Mar      = 59
///   C  2025-11-15 → 2026-03-31  discharged on the last day of Q1:    1 Jan – 30 Mar      = 89  (exit in Q1)
///   D  2026-01-10 → 2026-02-19  unplanned:                           10 Jan – 18 Feb     = 40  (exit in Q1)
///   E  2026-01-05 → 2026-03-01  planned, family foster home:         5 Jan – 28 Feb      = 55  (exit in Q1)
///   Resident-days = 333; youth served 5; admissions B, D, E = 3; exits C, D, E = 3; in care on 31 Mar: A, B = 2.
///
/// Missing-from-care episodes (UTC; clock = discovered missing):
///   E1  A  last seen 10 Jan 20:00, clock 22:00, back 11 Jan 08:00 (12 h), risk medium
///   E2  B  last seen 30 Mar 10:00, clock 12:00, back 2 Apr 12:00 (74 h) — starts in Q1, closes in Q2, no risk level
///   E3  D  last seen 10 Feb 03:00, clock 04:00, back 12 Feb 03:00 (48 h), risk high
///   E4  D  last seen 18 Feb 20:00, clock 21:00, never returned (D discharged missing), risk critical
public static class OutcomeScenario
{
    public static readonly ReportingPeriod Q1 = ReportingPeriod.Quarter(2026, 1);
    public static readonly ReportingPeriod Q2 = ReportingPeriod.Quarter(2026, 2);

    public static readonly Guid A = Id(1), B = Id(2), C = Id(3), D = Id(4), E = Id(5);
    public static readonly Guid StayA = Id(11), StayB = Id(12), StayC = Id(13), StayD = Id(14), StayE = Id(15);
    public static readonly Guid E1 = Id(21), E2 = Id(22), E3 = Id(23), E4 = Id(24);
    public static readonly Guid PlanA1 = Id(31), PlanA2 = Id(32), PlanB = Id(33), PlanC = Id(34), PlanE = Id(35);
    public static readonly Guid ReviewA = Id(41), ReviewC = Id(42), ReviewB = Id(43), ReviewE = Id(44);

    public static MetricDataset Build() => new()
    {
        Residents =
        [
            new(A, new DateOnly(2010, 5, 1)),
            // B turns 18 on the very day E2's clock starts, so E2 is not an M5 episode.
            new(B, new DateOnly(2008, 3, 30)),
            new(C, new DateOnly(2011, 3, 1)),
            new(D, new DateOnly(2012, 7, 1)),
            new(E, new DateOnly(2011, 9, 9)),
        ],
        Stays =
        [
            new(StayA, A, new DateOnly(2025, 12, 1), new DateOnly(2026, 4, 10), DischargeType.Planned, DischargeReason.CompletedProgram, DischargeDestination.RelativeKin),
            new(StayB, B, new DateOnly(2026, 2, 1), null, null, null, null),
            new(StayC, C, new DateOnly(2025, 11, 15), new DateOnly(2026, 3, 31), DischargeType.Planned, DischargeReason.CompletedProgram, DischargeDestination.Reunification),
            new(StayD, D, new DateOnly(2026, 1, 10), new DateOnly(2026, 2, 19), DischargeType.Unplanned, DischargeReason.MissingNotReturned, DischargeDestination.UnknownMissing),
            new(StayE, E, new DateOnly(2026, 1, 5), new DateOnly(2026, 3, 1), DischargeType.Planned, DischargeReason.StepDownLessRestrictive, DischargeDestination.FamilyFoster),
        ],
        Episodes =
        [
            new(E1, A, StayA, Utc(2026, 1, 10, 20), Utc(2026, 1, 10, 22), Utc(2026, 1, 11, 8), ReturnType.SelfReturned, MissingRiskLevel.Medium, Utc(2026, 1, 14, 8), Utc(2026, 1, 14, 8)),
            new(E2, B, StayB, Utc(2026, 3, 30, 10), Utc(2026, 3, 30, 12), Utc(2026, 4, 2, 12), ReturnType.LocatedByStaff, null, Utc(2026, 4, 5, 12), Utc(2026, 4, 5, 12)),
            new(E3, D, StayD, Utc(2026, 2, 10, 3), Utc(2026, 2, 10, 4), Utc(2026, 2, 12, 3), ReturnType.LawEnforcementRecovery, MissingRiskLevel.High, Utc(2026, 2, 15, 3), Utc(2026, 2, 15, 3)),
            new(E4, D, StayD, Utc(2026, 2, 18, 20), Utc(2026, 2, 18, 21), null, null, MissingRiskLevel.Critical, null, null),
        ],
        Notifications =
        [
            // Law enforcement is due 2 h after the clock start (the program's policy).
            new(E1, NotificationRecipient.LawEnforcement, NotificationPhase.Onset, Utc(2026, 1, 11, 0), Utc(2026, 1, 10, 23, 30), false), // 1.5 h, on time
            new(E2, NotificationRecipient.LawEnforcement, NotificationPhase.Onset, Utc(2026, 3, 30, 14), Utc(2026, 3, 30, 15), false),     // 3 h, late
            new(E3, NotificationRecipient.LawEnforcement, NotificationPhase.Onset, Utc(2026, 2, 10, 6), Utc(2026, 2, 10, 5), false),       // 1 h, on time
            new(E4, NotificationRecipient.LawEnforcement, NotificationPhase.Onset, Utc(2026, 2, 18, 23), null, false),                      // never made
            new(E1, NotificationRecipient.Ncmec, NotificationPhase.Onset, Utc(2026, 1, 11, 22), Utc(2026, 1, 11, 10), false),              // 12 h
            new(E4, NotificationRecipient.Ncmec, NotificationPhase.Onset, Utc(2026, 2, 19, 21), Utc(2026, 2, 19, 23), false),              // 26 h
            new(E1, NotificationRecipient.PlacingAgencyCaseworker, NotificationPhase.Return, Utc(2026, 1, 12, 8), Utc(2026, 1, 11, 9), false),
        ],
        Debriefs =
        [
            new(E1, Utc(2026, 1, 12, 10), DebriefOutcome.Completed),
            new(E2, Utc(2026, 4, 4, 12), DebriefOutcome.Declined),
        ],
        Screens =
        [
            new(E1, new DateOnly(2026, 1, 13)),
            new(E2, new DateOnly(2026, 4, 8)),  // due 5 Apr: late
            new(E3, new DateOnly(2026, 2, 16)), // due 15 Feb: late
        ],
        ExploitationEvents =
        [
            new(A, ExploitationCertainty.Confirmed, new DateOnly(2026, 2, 1), null),
            new(A, ExploitationCertainty.Suspected, new DateOnly(2026, 3, 1), null),
            new(D, ExploitationCertainty.Suspected, new DateOnly(2026, 2, 11), E3),
            new(C, ExploitationCertainty.Confirmed, new DateOnly(2025, 12, 20), null),
            new(B, ExploitationCertainty.Suspected, new DateOnly(2026, 4, 1), null),
        ],
        Plans =
        [
            new(PlanA1, A, 1, PlanStatus.Superseded, Utc(2025, 12, 5, 12), true, true),
            new(PlanA2, A, 2, PlanStatus.Active, Utc(2025, 12, 28, 12), true, true),
            new(PlanB, B, 1, PlanStatus.Active, Utc(2026, 2, 20, 12), true, true),     // 19 days after admission
            new(PlanC, C, 1, PlanStatus.Closed, Utc(2026, 1, 20, 12), false, true),
            new(PlanE, E, 1, PlanStatus.Closed, Utc(2026, 2, 15, 12), true, false),    // 41 days after admission
        ],
        Goals =
        [
            new(Id(51), PlanC, 2, GoalStatus.InProgress),
            new(Id(52), PlanE, 3, GoalStatus.InProgress),
            new(Id(53), PlanA2, null, GoalStatus.InProgress),
        ],
        Objectives =
        [
            new(Id(61), Id(61), PlanA2, new DateOnly(2026, 3, 1), GoalStatus.Achieved),
            new(Id(62), Id(62), PlanC, new DateOnly(2026, 2, 28), GoalStatus.NotAchieved),
            // One objective carried from version 1 to version 2 of A's plan: counted once.
            new(Id(63), Id(63), PlanA1, new DateOnly(2026, 3, 10), GoalStatus.InProgress),
            new(Id(64), Id(63), PlanA2, new DateOnly(2026, 3, 10), GoalStatus.PartiallyAchieved),
            new(Id(65), Id(65), PlanB, new DateOnly(2026, 3, 31), GoalStatus.InProgress),
            new(Id(66), Id(66), PlanE, new DateOnly(2026, 5, 1), GoalStatus.InProgress),
        ],
        Reviews =
        [
            new(ReviewA, A, PlanA2, ReviewType.Scheduled, new DateOnly(2026, 3, 20), new DateOnly(2026, 3, 18), null),
            new(ReviewC, C, PlanC, ReviewType.Discharge, new DateOnly(2026, 3, 25), new DateOnly(2026, 3, 28), 55.0),
            new(ReviewB, B, PlanB, ReviewType.Scheduled, new DateOnly(2026, 4, 15), new DateOnly(2026, 4, 10), null),
            new(ReviewE, E, PlanE, ReviewType.Discharge, new DateOnly(2026, 2, 28), new DateOnly(2026, 2, 27), 42.5),
        ],
        ObjectiveRatings =
        [
            new(Id(61), ReviewA, GoalStatus.Achieved),
            new(Id(64), ReviewA, GoalStatus.PartiallyAchieved),
            new(Id(62), ReviewC, GoalStatus.NotAchieved),
            new(Id(65), ReviewB, GoalStatus.InProgress),
        ],
        Notes =
        [
            new(Id(71), A, Utc(2026, 1, 5, 10), Utc(2026, 1, 7, 10), NoteStatus.Signed),          // 48 h
            new(Id(72), B, Utc(2026, 2, 1, 10), Utc(2026, 2, 4, 10), NoteStatus.Signed),          // exactly 72 h: on time
            new(Id(73), B, Utc(2026, 2, 1, 10), Utc(2026, 2, 4, 10, 1), NoteStatus.Cosigned),     // 72 h 1 min: late
            new(Id(74), C, Utc(2026, 3, 31, 23), null, NoteStatus.Draft),                         // unsigned
            new(Id(75), C, Utc(2025, 12, 31, 23), Utc(2026, 1, 1, 1), NoteStatus.Signed),         // Q4 2025
            new(Id(76), D, Utc(2026, 1, 10, 9), null, NoteStatus.Draft, EnteredInError: true),    // left out
        ],
    };

    public static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");
}
