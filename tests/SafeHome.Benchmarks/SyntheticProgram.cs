using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;

namespace SafeHome.Benchmarks;

/// What the synthetic program holds, for the benchmark's output.
internal sealed record SeedSummary(
    int Residents, int Stays, int Readmissions, int Episodes, int OpenEpisodes, int Notifications, int Debriefs, int Screens,
    int ExploitationEvents, int Plans, int Reviews, int Notes, TimeSpan Elapsed);

/// How the generated program differs between benchmarks. The default is the report benchmark's program (its figures
/// in the README come from it): stays of two months to about fourteen, no caseloads, 25 residents per SaveChanges
/// (about five thousand rows).
internal sealed record ProgramShape(int MinStayDays, int MaxStayDaysExclusive, IReadOnlyList<string>? CounselorIds, int ResidentsPerBatch)
{
    public static readonly ProgramShape Default = new(61, 427, null, 25);
}

/// A synthetic program of 2,000 residents admitted across ten years (2016–2025), in a fresh SQLite file whose schema
/// comes from the EF migrations. Every record is built through the domain's own constructors and methods, so every
/// rule still applies; the random source has a fixed seed, so two runs build the same program (ids aside). Names are
/// obviously invented ("Synthetic Resident 0001").
internal static class SyntheticProgram
{
    public const int ResidentCount = 2_000;

    private const string Director = "synthetic-director";

    private static readonly DateOnly FirstDay = new(2016, 1, 1);
    private static readonly DateOnly LastDay = new(2025, 12, 31);

    /// The seeding's "now": a month after the data ends, so the last records of 2025 are settled as they would be.
    private static readonly DateTime NowUtc = new(2026, 1, 31, 12, 0, 0, DateTimeKind.Utc);

    private static readonly DateOnly Today = DateOnly.FromDateTime(NowUtc);
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.Utc;
    private static readonly AdmissionAgeRange AgeRange = AdmissionAgeRange.Default;

    public static DbContextOptions<SafeHomeDbContext> Options(string path) =>
        new DbContextOptionsBuilder<SafeHomeDbContext>()
            .UseSqlite(
                new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString(),
                o => o.MigrationsAssembly(DatabaseServiceCollectionExtensions.SqliteMigrationsAssembly))
            .Options;

    public static async Task<SeedSummary> CreateAsync(string path, TextWriter log, CancellationToken ct)
    {
        var options = Options(path);
        await using (var db = new SafeHomeDbContext(options))
        {
            await db.Database.MigrateAsync(ct);
        }

        return await GenerateAsync(
            async work =>
            {
                await using var db = new SafeHomeDbContext(options);
                await work(db);
            },
            ProgramShape.Default,
            log,
            ct);
    }

    /// Fills a migrated database through contexts the caller makes (page-bench passes the app's own, so every insert is
    /// audited and restricted fields are encrypted as the app would).
    public static async Task<SeedSummary> GenerateAsync(Func<Func<SafeHomeDbContext, Task>, Task> withContext, ProgramShape shape, TextWriter log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(withContext);
        ArgumentNullException.ThrowIfNull(shape);
        var watch = Stopwatch.StartNew();
        JurisdictionPolicy? policy = null;
        await withContext(async db => policy = await db.JurisdictionPolicies.AsNoTracking().SingleAsync(ct));

        var generator = new Generator(new Random(20_251_231), policy!, shape);
        for (var first = 0; first < ResidentCount; first += shape.ResidentsPerBatch)
        {
            await withContext(async db =>
            {
                for (var i = first; i < Math.Min(first + shape.ResidentsPerBatch, ResidentCount); i++)
                {
                    generator.AddResident(i, db);
                }

                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            });
            if ((first + shape.ResidentsPerBatch) % 500 == 0)
            {
                await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  seeded {first + shape.ResidentsPerBatch} residents ({watch.Elapsed.TotalSeconds:F1} s)"));
            }
        }

        return generator.Summary(watch.Elapsed);
    }

    /// Builds one resident's whole history at a time, in order, so each domain call sees the state it expects.
    private sealed class Generator(Random random, JurisdictionPolicy policy, ProgramShape shape)
    {
        private static readonly PlanDomain[] Domains = Enum.GetValues<PlanDomain>();

        private int stays;
        private int readmissions;
        private int episodes;
        private int openEpisodes;
        private int notifications;
        private int debriefs;
        private int screens;
        private int exploitation;
        private int plans;
        private int reviews;
        private int notes;

        public SeedSummary Summary(TimeSpan elapsed) => new(
            ResidentCount, stays, readmissions, episodes, openEpisodes, notifications, debriefs, screens, exploitation, plans, reviews, notes, elapsed);

        public void AddResident(int index, SafeHomeDbContext db)
        {
            var number = (index + 1).ToString("D4", CultureInfo.InvariantCulture);
            var admittedOn = FirstDay.AddDays(random.Next(LastDay.DayNumber - FirstDay.DayNumber + 1));
            var dateOfBirth = admittedOn.AddYears(-random.Next(12, 18)).AddDays(-random.Next(1, 364));
            var resident = Resident.Create(
                new ResidentDetails(
                    LegalName: $"Synthetic Resident {number}",
                    PreferredName: $"Resident {number}",
                    Pronouns: null,
                    DateOfBirth: dateOfBirth,
                    Sex: random.NextDouble() < 0.85 ? Sex.Female : Sex.Male,
                    GenderIdentity: null,
                    PrimaryLanguage: "English",
                    InterpreterNeeded: false,
                    TribalAffiliation: null,
                    CustodyStatus: CustodyStatus.Dependency,
                    CourtCaseNumber: $"SYN-{number}"),
                Today,
                At(admittedOn, 9));
            db.Residents.Add(resident);

            // An education status from admission (M13): mostly enrolled in school.
            var schooling = random.NextDouble();
            var status = schooling < 0.7 ? EducationStatus.EnrolledInSchool : schooling < 0.8 ? EducationStatus.EnrolledInGedProgram : schooling < 0.85 ? EducationStatus.DiplomaOrGed : EducationStatus.NotEnrolled;
            db.EducationRecords.Add(new EducationRecord(resident.Id, status, admittedOn, null, Today, null, At(admittedOn, 10)));

            // How often this resident runs: most rarely, a few very often (about one episode per resident-month overall).
            var roll = random.NextDouble();
            var episodesPerMonth = roll < 0.30 ? 0.1 : roll < 0.60 ? 0.55 : roll < 0.85 ? 1.4 : 3.2;
            var counselor = shape.CounselorIds is { Count: > 0 } ids ? ids[index % ids.Count] : $"synthetic-counselor-{index % 12:D2}";
            if (shape.CounselorIds is { Count: > 0 })
            {
                resident.AssignCaseload(counselor, [], At(admittedOn, 9));
            }

            var planVersion = 0;
            var admitOn = admittedOn;
            while (true)
            {
                var stay = resident.Admit(admitOn, ReferralSource.ChildWelfare, "Synthetic County Child Welfare", null, AgeRange, Today);
                stays++;
                var plannedEnd = admitOn.AddDays(random.Next(shape.MinStayDays, shape.MaxStayDaysExclusive));
                var discharged = plannedEnd <= LastDay;
                AddStay(db, resident, stay, plannedEnd, discharged, episodesPerMonth, counselor, ref planVersion);
                if (stay.DischargedOn is not { } dischargedOn)
                {
                    break;
                }

                // About one in ten stays is followed by a readmission.
                var readmitOn = dischargedOn.AddDays(random.Next(30, 241));
                if (random.NextDouble() >= 0.10 || readmitOn > LastDay || Ages.YearsOn(resident.DateOfBirth, readmitOn) > AgeRange.Max)
                {
                    break;
                }

                readmissions++;
                admitOn = readmitOn;
            }
        }

        private void AddStay(
            SafeHomeDbContext db, Resident resident, Stay stay, DateOnly plannedEnd, bool discharged, double episodesPerMonth, string counselor, ref int planVersion)
        {
            // The last day anything can happen in this stay (the discharge day itself still counts for returns).
            var endOn = discharged ? plannedEnd : LastDay;
            var timings = EpisodeTimings(stay.AdmittedOn, endOn, episodesPerMonth);

            // About 6 % of discharged stays end with the youth missing and not returned.
            var missingAtEnd = discharged && random.NextDouble() < 0.06 && (timings.Count == 0 || timings[^1].Returned < At(endOn.AddDays(-4), 0));
            if (missingAtEnd)
            {
                var lastSeen = At(endOn.AddDays(-random.Next(2, 4)), random.Next(0, 24));
                timings.Add((lastSeen, null));
            }

            if (discharged)
            {
                var (type, reason, destination) = missingAtEnd
                    ? (DischargeType.Unplanned, DischargeReason.MissingNotReturned, DischargeDestination.UnknownMissing)
                    : Discharge();
                // Most planned exits leave with every document (M24); unplanned ones often with fewer.
                var documents = type == DischargeType.Planned && random.NextDouble() < 0.7
                    ? IdentityDocuments.BirthCertificate | IdentityDocuments.SocialSecurityCard | IdentityDocuments.StateId | IdentityDocuments.HealthInsuranceInformation | IdentityDocuments.MedicalRecords
                    : (IdentityDocuments)random.Next(0, 32);
                stay.Discharge(endOn, type, reason, destination, Today, documents);
            }

            var context = new EpisodeContext([(stay.Id, stay.AdmittedOn, stay.DischargedOn)], [], Zone);
            var completedDebriefDays = new List<DateOnly>();
            foreach (var (lastSeen, returned) in timings)
            {
                var episode = Episode(resident.Id, lastSeen, returned, context, completedDebriefDays);
                db.MissingEpisodes.Add(episode);
                if (episode.ReturnedUtc is { } back && random.NextDouble() < 0.07)
                {
                    var firstDay = DateOnly.FromDateTime(lastSeen);
                    var lastDay = DateOnly.FromDateTime(back);
                    var occurred = firstDay.AddDays(random.Next(lastDay.DayNumber - firstDay.DayNumber + 1));
                    db.ExploitationEvents.Add(new ExploitationEvent(
                        resident.Id,
                        new ExploitationDetails(Certainty(), occurred, Min(occurred.AddDays(random.Next(0, 21)), Today), (episode.Id, firstDay, lastDay), null),
                        Today,
                        null,
                        NowUtc));
                    exploitation++;
                }
            }

            // Some disclosures are not tied to an episode.
            if (random.NextDouble() < 0.10)
            {
                var occurred = stay.AdmittedOn.AddDays(random.Next(endOn.DayNumber - stay.AdmittedOn.DayNumber));
                db.ExploitationEvents.Add(new ExploitationEvent(
                    resident.Id, new ExploitationDetails(Certainty(), occurred, Min(occurred.AddDays(random.Next(0, 45)), Today), null, null), Today, null, NowUtc));
                exploitation++;
            }

            Plans(db, resident, stay, endOn, completedDebriefDays, counselor, ref planVersion);
            Notes(db, resident.Id, stay, endOn, counselor);
        }

        /// Non-overlapping episodes inside the stay: last seen, and the return (null when never returned).
        private List<(DateTime LastSeen, DateTime? Returned)> EpisodeTimings(DateOnly admittedOn, DateOnly endOn, double episodesPerMonth)
        {
            var timings = new List<(DateTime, DateTime?)>();
            var cursor = At(admittedOn, 12);
            var end = At(endOn, 0);
            while (true)
            {
                var gapDays = -Math.Log(1 - random.NextDouble()) * 30 / episodesPerMonth;
                var lastSeen = cursor.AddDays(Math.Max(gapDays, 0.5));
                var roll = random.NextDouble();
                var hours = roll < 0.50 ? 1 + (random.NextDouble() * 11) : roll < 0.85 ? 12 + (random.NextDouble() * 60) : 72 + (random.NextDouble() * 264);
                var returned = lastSeen.AddHours(hours);
                if (returned >= end)
                {
                    return timings;
                }

                timings.Add((Minute(lastSeen), Minute(returned)));
                cursor = returned;
            }
        }

        private MissingEpisode Episode(Guid residentId, DateTime lastSeen, DateTime? returned, EpisodeContext context, List<DateOnly> completedDebriefDays)
        {
            var discovered = lastSeen.AddMinutes(random.Next(20, 180));
            var determined = discovered.AddMinutes(random.Next(0, 120));
            var episode = MissingEpisode.Open(residentId, new EpisodeOnset(lastSeen, discovered, "Synthetic night staff", determined), context, policy, null, determined.AddMinutes(10));
            episodes++;
            var risk = (MissingRiskLevel)Pick(0.35, 0.35, 0.22, 0.08);
            episode.UpdateCircumstances(new EpisodeCircumstances(null, null, random.NextDouble() < 0.2, false, false, random.NextDouble() < 0.05, random.NextDouble() < 0.25, false, risk, null, random.NextDouble() < 0.6));

            // Onset notifications: most on time, some late; a notification whose deadline falls after the return is
            // often never made (returning closes that clock); no GAL or court in some cases.
            foreach (var notification in episode.Notifications.ToList())
            {
                if ((notification.Recipient == NotificationRecipient.GalAttorney && random.NextDouble() < 0.35)
                    || (notification.Recipient == NotificationRecipient.Court && random.NextDouble() < 0.25))
                {
                    episode.MarkNotificationNotApplicable(notification.Id, "None appointed (synthetic)");
                    continue;
                }

                if (returned is { } back && notification.DueAtUtc >= back && random.NextDouble() < 0.6)
                {
                    continue;
                }

                Notify(episode, notification, episode.ClockStartUtc);
            }

            if (returned is not { } returnedUtc)
            {
                openEpisodes++;
                return episode;
            }

            var type = (ReturnType)Pick(0.45, 0.25, 0.15, 0.08, 0.03, 0.02, 0.02, 0);
            episode.RecordReturn(new EpisodeReturn(returnedUtc, type, null, random.NextDouble() < 0.9, null), context, policy, returnedUtc.AddMinutes(30));
            foreach (var notification in episode.Notifications.Where(n => n.Phase == NotificationPhase.Return).ToList())
            {
                Notify(episode, notification, returnedUtc);
            }

            if (random.NextDouble() < 0.88)
            {
                var held = Minute(returnedUtc.AddHours(random.NextDouble() < 0.82 ? 2 + (random.NextDouble() * 68) : 72 + (random.NextDouble() * 170)));
                var completed = random.NextDouble() < 0.78;
                var harm = completed && random.NextDouble() < 0.05;
                if (episode.RecordDebrief(
                    new DebriefDetails(
                        held,
                        completed ? DebriefOutcome.Completed : DebriefOutcome.Declined,
                        completed ? null : "Did not want to talk about it (synthetic)",
                        "Synthetic key worker",
                        random.NextDouble() < 0.2,
                        completed ? (PushFactors)random.Next(0, 32) : PushFactors.None,
                        completed ? (PullFactors)random.Next(0, 64) : PullFactors.None,
                        null,
                        completed ? harm : null,
                        harm ? "Referred to the nurse (synthetic)" : null,
                        null),
                    null,
                    held.AddHours(1)))
                {
                    completedDebriefDays.Add(DateOnly.FromDateTime(held));
                }

                debriefs++;
            }

            if (random.NextDouble() < 0.82)
            {
                var returnDay = DateOnly.FromDateTime(returnedUtc);
                var screenedOn = returnDay.AddDays(random.NextDouble() < 0.8 ? random.Next(0, 4) : random.Next(4, 15));
                episode.RecordScreen(new ScreenDetails(screenedOn, ScreenInstrument.CseIt, (ScreenResult)Pick(0.6, 0.3, 0.1), "Synthetic screener"), null, Today, Zone, NowUtc);
                screens++;
            }

            return episode;
        }

        private void Notify(MissingEpisode episode, MissingNotification notification, DateTime clockStart)
        {
            var allowed = notification.DueAtUtc - clockStart;
            var at = random.NextDouble() < 0.88
                ? clockStart + (allowed * (0.05 + (random.NextDouble() * 0.9)))
                : notification.DueAtUtc + (allowed * (0.05 + (random.NextDouble() * 1.5)));
            at = Minute(at);
            var isNcmec = notification.Recipient == NotificationRecipient.Ncmec;
            episode.RecordNotification(
                notification.Id,
                new NotificationRecord(at, "Synthetic staff", NotificationMethod.Phone, null, "Synthetic agency", null, null, null, null, isNcmec ? "SYN-NCMEC" : null),
                at.AddMinutes(5));
            notifications++;
        }

        /// The first plan soon after admission, scheduled reviews every 90 days, triggered reviews after some
        /// completed debriefs, a revision about every six months, a discharge review, and the plan closed at discharge.
        private void Plans(SafeHomeDbContext db, Resident resident, Stay stay, DateOnly endOn, List<DateOnly> completedDebriefDays, string counselor, ref int planVersion)
        {
            var createdOn = stay.AdmittedOn.AddDays(random.Next(2, 13));
            var approvedOn = createdOn.AddDays(random.Next(3, 35));
            if (approvedOn >= endOn)
            {
                return;
            }

            var plan = ServicePlan.StartFirst(resident.Id, counselor, At(createdOn, 10), ++planVersion);
            plan.UpdateOverview("I want to finish school and feel safe (synthetic).", StageOfChange.Preparation, null, createdOn.AddMonths(6));
            plan.AddStrength(StrengthSource.Youth, "Likes music (synthetic)");
            var goalCount = random.Next(2, 5);
            for (var g = 0; g < goalCount; g++)
            {
                var scaled = random.NextDouble() < 0.7;
                var goal = plan.AddGoal(new GoalDetails(
                    Domains[random.Next(Domains.Length)], "A synthetic goal in the youth's words", null, GoalPriority.Medium, createdOn.AddMonths(6), GoalStatus.InProgress,
                    scaled ? random.Next(1, 10) : null,
                    scaled ? "Much less" : null, scaled ? "Less" : null, scaled ? "As expected" : null, scaled ? "More" : null, scaled ? "Much more" : null));
                var objectiveCount = random.Next(1, 3);
                for (var o = 0; o < objectiveCount; o++)
                {
                    plan.AddObjective(goal.Id, new ObjectiveDetails(
                        "Synthetic criterion", MetricType.Percent, "40%", createdOn, "90%", createdOn.AddDays(random.Next(60, 200)), null, ResponsibleParty.Youth, null, GoalStatus.InProgress));
                }
            }

            Approve(plan, null, resident, createdOn, approvedOn);
            db.ServicePlans.Add(plan);

            var lastOn = Min(endOn, LastDay);
            var dueOn = approvedOn.AddDays(90);
            var revisionDue = approvedOn.AddDays(random.Next(150, 240));
            var triggers = new Queue<DateOnly>(completedDebriefDays.Where(d => d > approvedOn && random.NextDouble() < 0.3).Select(d => d.AddDays(random.Next(1, 10))));
            while (true)
            {
                var scheduledOn = dueOn.AddDays(random.Next(-7, 21));
                var nextTrigger = triggers.Count > 0 ? triggers.Peek() : DateOnly.MaxValue;
                var next = Min(Min(scheduledOn, nextTrigger), revisionDue);
                if (next >= lastOn)
                {
                    break;
                }

                if (next == revisionDue)
                {
                    var revisedOn = revisionDue.AddDays(random.Next(5, 20));
                    if (revisedOn >= lastOn)
                    {
                        break;
                    }

                    var revised = plan.Revise(counselor, At(revisionDue, 10));
                    Approve(revised, plan, resident, revisionDue, revisedOn);
                    db.ServicePlans.Add(revised);
                    plan = revised;
                    revisionDue = revisedOn.AddDays(random.Next(150, 240));
                    continue;
                }

                if (next == nextTrigger)
                {
                    triggers.Dequeue();
                    if (next >= plan.EffectiveOn)
                    {
                        db.PlanReviews.Add(Review(plan, ReviewType.Triggered, ReviewTrigger.MissingEpisode, next, next, dueOn > next ? dueOn : next.AddDays(90)));
                    }

                    continue;
                }

                if (scheduledOn >= plan.EffectiveOn)
                {
                    db.PlanReviews.Add(Review(plan, ReviewType.Scheduled, null, dueOn, scheduledOn, scheduledOn.AddDays(90)));
                }

                dueOn = scheduledOn.AddDays(90);
            }

            if (stay.DischargedOn is { } discharged)
            {
                var heldOn = discharged.AddDays(-random.Next(0, 4));
                if (stay.DischargeType == DischargeType.Planned && heldOn >= plan.EffectiveOn)
                {
                    db.PlanReviews.Add(Review(plan, ReviewType.Discharge, null, heldOn, heldOn, heldOn.AddDays(30)));
                }

                plan.Close(At(discharged, 17));
            }

            planVersion = plan.VersionNumber;
        }

        private void Approve(ServicePlan plan, ServicePlan? previous, Resident resident, DateOnly createdOn, DateOnly approvedOn)
        {
            var meetingOn = createdOn.AddDays(random.Next(0, Math.Max(1, approvedOn.DayNumber - createdOn.DayNumber)));
            var age = Ages.YearsOn(resident.DateOfBirth, meetingOn);
            var roll = random.NextDouble();
            var modality = roll < 0.82 ? MeetingModality.InPerson : roll < 0.92 ? MeetingModality.Video : MeetingModality.NotPresent;
            plan.RecordMeeting(new MeetingDetails(meetingOn, "Youth, counselor, caseworker (synthetic)", modality, null, null, null, RightsAcknowledged: true), Today, age);
            plan.SendToYouth();
            plan.ReadyForSignatures(age);
            var signedAt = At(meetingOn, 15);
            var declined = random.NextDouble() < 0.07;
            plan.Sign(SignerRole.Youth, "Youth", null, SignatureMethod.ElectronicSignature, declined, declined ? "Did not want to sign today (synthetic)" : null, signedAt);
            plan.Sign(SignerRole.Counselor, "Synthetic Counselor", null, SignatureMethod.ElectronicSignature, false, null, signedAt);
            plan.Sign(SignerRole.PlacingCaseworker, "Synthetic Caseworker", null, SignatureMethod.WetSignatureScanned, false, null, signedAt);
            plan.SubmitForApproval(meetingOn);
            plan.Approve(Director, previous, approvedOn, At(approvedOn, 16));
            plans++;
        }

        private PlanReview Review(ServicePlan plan, ReviewType type, ReviewTrigger? trigger, DateOnly dueOn, DateOnly heldOn, DateOnly nextDueOn)
        {
            var objectives = PlanReview.ReviewedGoals(plan).SelectMany(PlanReview.ReviewedObjectives)
                .Select(o => (o.Id, (GoalStatus)Pick(0.05, 0.55, 0.2, 0.12, 0.08)))
                .ToList();
            var goals = PlanReview.ReviewedGoals(plan)
                .Select(g => (g.Id, g.HasGasScale ? (GasLevel?)(GasLevel)(random.Next(0, 5) - 2) : null))
                .ToList();
            reviews++;
            return PlanReview.Record(plan, new ReviewDetails(type, trigger, heldOn, "Continue the plan (synthetic).", nextDueOn, objectives, goals), dueOn, Today, null, At(heldOn, 16));
        }

        /// About one progress note per week in care: most signed within a day or two, some late, a few left unsigned
        /// or waiting for a co-signature.
        private void Notes(SafeHomeDbContext db, Guid residentId, Stay stay, DateOnly endOn, string counselor)
        {
            var window = new ServiceWindow([(stay.Id, stay.AdmittedOn, stay.DischargedOn)], Zone);
            var lastOn = Min(endOn, LastDay);
            for (var weekStart = stay.AdmittedOn; weekStart <= lastOn; weekStart = weekStart.AddDays(7))
            {
                var serviceOn = weekStart.AddDays(random.Next(0, 7));
                if (serviceOn > lastOn)
                {
                    break;
                }

                var start = At(serviceOn, random.Next(9, 18));
                var end = start.AddMinutes(random.Next(30, 91));
                var content = new NoteContent(
                    NoteType.Individual, NoteFormat.Narrative, start, end,
                    new Dictionary<NoteSection, string?> { [NoteSection.Narrative] = "Synthetic weekly check-in." },
                    null, "Engaged (synthetic)", "Check-in", false, false, false, null);
                var note = ProgressNote.Start(residentId, counselor, content, [], window, end);
                notes++;
                db.ProgressNotes.Add(note);
                var roll = random.NextDouble();
                if (roll < 0.015)
                {
                    continue;
                }

                var hours = roll < 0.85 ? 0.2 + (random.NextDouble() * 47.8) : roll < 0.93 ? 48 + (random.NextDouble() * 24) : 72 + (random.NextDouble() * 330);
                var signedAt = Minute(end.AddHours(hours));
                var cosign = random.NextDouble() < 0.10;
                note.Sign(counselor, [], null, cosign, signedAt);
                if (cosign && random.NextDouble() < 0.85)
                {
                    note.Cosign(Director, signedAt.AddHours(random.Next(1, 96)));
                }
            }
        }

        private (DischargeType, DischargeReason, DischargeDestination) Discharge()
        {
            if (random.NextDouble() < 0.6)
            {
                var reason = (DischargeReason)new[] { 0, 1, 6 }[Pick(0.5, 0.35, 0.15)];
                var destination = (DischargeDestination)new[] { 0, 1, 2, 3, 4, 5, 6, 11 }[Pick(0.3, 0.2, 0.03, 0.05, 0.15, 0.1, 0.15, 0.02)];
                return (DischargeType.Planned, reason, destination);
            }

            return Pick(0.25, 0.2, 0.15, 0.2, 0.2) switch
            {
                0 => (DischargeType.Unplanned, DischargeReason.TransferHigherLevel, random.NextDouble() < 0.5 ? DischargeDestination.HospitalPsych : DischargeDestination.GroupOrResidential),
                1 => (DischargeType.Unplanned, DischargeReason.CourtOrder, random.NextDouble() < 0.5 ? DischargeDestination.RelativeKin : DischargeDestination.FamilyFoster),
                2 => (DischargeType.Unplanned, DischargeReason.Detention, DischargeDestination.JuvenileDetention),
                3 => (DischargeType.Unplanned, DischargeReason.NeedsNotMet, DischargeDestination.GroupOrResidential),
                _ => (DischargeType.Unplanned, DischargeReason.Other, random.NextDouble() < 0.5 ? DischargeDestination.Shelter : DischargeDestination.Other),
            };
        }

        private ExploitationCertainty Certainty() => random.NextDouble() < 0.4 ? ExploitationCertainty.Confirmed : ExploitationCertainty.Suspected;

        /// An index drawn with the given weights.
        private int Pick(params double[] weights)
        {
            var roll = random.NextDouble() * weights.Sum();
            for (var i = 0; i < weights.Length; i++)
            {
                roll -= weights[i];
                if (roll < 0)
                {
                    return i;
                }
            }

            return 0;
        }
    }

    private static DateTime At(DateOnly day, int hour) => day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Utc);

    private static DateTime Minute(DateTime value) => new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
