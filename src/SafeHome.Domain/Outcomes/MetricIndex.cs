using System.Runtime.CompilerServices;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Plans;
using SafeHome.Domain.Residents;

namespace SafeHome.Domain.Outcomes;

internal sealed record EpisodeRow(
    EpisodeFact Fact,
    DateOnly ClockDay,
    DateOnly? ReturnDay,
    int? AgeAtClock,
    NotificationFact? LawEnforcement,
    NotificationFact? Ncmec,
    DebriefFact? Debrief,
    ScreenFact? Screen);

internal sealed record ObjectiveLineage(DateOnly? TargetOn, List<(DateOnly HeldOn, GoalStatus Status)> Ratings);

/// Everything the per-period pass needs, joined once per dataset so each period is a linear scan (or a binary search
/// for notes) and an 8-quarter trend costs nine cheap passes, not nine joins.
internal sealed class MetricIndex
{
    private static readonly ConditionalWeakTable<MetricDataset, MetricIndex> Cache = [];

    private MetricIndex(MetricDataset data, MetricOptions options)
    {
        Data = data;
        Options = options;
        var zone = options.TimeZone;
        var utc = zone == TimeZoneInfo.Utc || zone.Id == TimeZoneInfo.Utc.Id;
        DateOnly Day(DateTime at) => utc
            ? DateOnly.FromDateTime(at)
            : DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc), zone));
        LocalDay = Day;

        Through = data.DataThrough;
        DateOfBirth = new Dictionary<Guid, DateOnly>(data.Residents.Count);
        foreach (var resident in data.Residents)
        {
            DateOfBirth[resident.Id] = resident.DateOfBirth;
        }

        var lawEnforcement = new Dictionary<Guid, NotificationFact>();
        var ncmec = new Dictionary<Guid, NotificationFact>();
        foreach (var n in data.Notifications)
        {
            if (n.Phase != NotificationPhase.Onset || n.Recipient is not (NotificationRecipient.LawEnforcement or NotificationRecipient.Ncmec))
            {
                continue;
            }

            var map = n.Recipient == NotificationRecipient.LawEnforcement ? lawEnforcement : ncmec;
            if (!map.TryGetValue(n.EpisodeId, out var existing) || Earlier(n, existing))
            {
                map[n.EpisodeId] = n;
            }
        }

        var debriefs = new Dictionary<Guid, DebriefFact>();
        foreach (var d in data.Debriefs)
        {
            if (!debriefs.TryGetValue(d.EpisodeId, out var existing) || d.HeldAtUtc < existing.HeldAtUtc)
            {
                debriefs[d.EpisodeId] = d;
            }
        }

        var screens = new Dictionary<Guid, ScreenFact>();
        foreach (var s in data.Screens)
        {
            if (!screens.TryGetValue(s.EpisodeId, out var existing) || s.ScreenedOn < existing.ScreenedOn)
            {
                screens[s.EpisodeId] = s;
            }
        }

        Episodes = new EpisodeRow[data.Episodes.Count];
        for (var i = 0; i < Episodes.Length; i++)
        {
            var e = data.Episodes[i];
            var clockDay = Day(e.ClockStartUtc);
            int? age = DateOfBirth.TryGetValue(e.ResidentId, out var dob) ? Ages.YearsOn(dob, clockDay) : null;
            Episodes[i] = new EpisodeRow(
                e,
                clockDay,
                e.ReturnedUtc is { } returned ? Day(returned) : null,
                age,
                lawEnforcement.GetValueOrDefault(e.Id),
                ncmec.GetValueOrDefault(e.Id),
                debriefs.GetValueOrDefault(e.Id),
                screens.GetValueOrDefault(e.Id));
        }

        var scaledPlans = new HashSet<Guid>();
        foreach (var goal in data.Goals)
        {
            if (goal.GasWeight is > 0 && goal.Status != GoalStatus.Discontinued)
            {
                scaledPlans.Add(goal.PlanId);
            }
        }

        ScaledPlans = scaledPlans;
        PlanApprovedDay = new Dictionary<Guid, DateOnly>();
        foreach (var plan in data.Plans)
        {
            if (plan.ApprovedAtUtc is { } approved)
            {
                PlanApprovedDay[plan.Id] = Day(approved);
            }
        }

        // Each resident's approved plans, earliest first, for "first active plan after admission".
        ApprovedPlansByResident = data.Plans
            .Where(p => PlanApprovedDay.ContainsKey(p.Id))
            .GroupBy(p => p.ResidentId)
            .ToDictionary(g => g.Key, g => g.Select(p => (Day: PlanApprovedDay[p.Id], Scaled: scaledPlans.Contains(p.Id))).OrderBy(p => p.Day).ToArray());

        ReviewsByResident = data.Reviews
            .GroupBy(r => r.ResidentId)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.HeldOn).ToArray());

        var heldOn = new Dictionary<Guid, DateOnly>(data.Reviews.Count);
        foreach (var review in data.Reviews)
        {
            heldOn[review.Id] = review.HeldOn;
        }

        var planVersion = new Dictionary<Guid, int>(data.Plans.Count);
        foreach (var plan in data.Plans)
        {
            planVersion[plan.Id] = plan.VersionNumber;
        }

        var lineageOf = new Dictionary<Guid, Guid>(data.Objectives.Count);
        var latestVersion = new Dictionary<Guid, (int Version, DateOnly? TargetOn)>();
        foreach (var objective in data.Objectives)
        {
            lineageOf[objective.Id] = objective.LineageId;
            var version = planVersion.GetValueOrDefault(objective.PlanId);
            if (!latestVersion.TryGetValue(objective.LineageId, out var latest) || version >= latest.Version)
            {
                latestVersion[objective.LineageId] = (version, objective.TargetOn);
            }
        }

        var lineages = latestVersion.ToDictionary(l => l.Key, l => new ObjectiveLineage(l.Value.TargetOn, []));
        foreach (var rating in data.ObjectiveRatings)
        {
            if (lineageOf.TryGetValue(rating.ObjectiveId, out var lineage) && heldOn.TryGetValue(rating.ReviewId, out var held))
            {
                lineages[lineage].Ratings.Add((held, rating.Status));
            }
        }

        foreach (var lineage in lineages.Values)
        {
            lineage.Ratings.Sort((a, b) => a.HeldOn.CompareTo(b.HeldOn));
        }

        Lineages = [.. lineages.Values];

        // Notes are the bulk of the data (hundreds of thousands); only their per-day counts are needed, kept as
        // running totals over the distinct days so any period is two binary searches.
        var perDay = new Dictionary<int, (long OnTime, long Late, long Unsigned)>();
        var limit = TimeSpan.FromHours(options.NoteSigningHours);
        foreach (var note in data.Notes)
        {
            if (note.EnteredInError)
            {
                continue;
            }

            var day = Day(note.ServiceEndUtc).DayNumber;
            var counts = perDay.GetValueOrDefault(day);
            if (note.SignedAtUtc is not { } signed)
            {
                counts.Unsigned++;
            }
            else if (signed - note.ServiceEndUtc <= limit)
            {
                counts.OnTime++;
            }
            else
            {
                counts.Late++;
            }

            perDay[day] = counts;
        }

        NoteDays = [.. perDay.Keys.Order()];
        NoteTotals = new (long OnTime, long Late, long Unsigned)[NoteDays.Length + 1];
        for (var i = 0; i < NoteDays.Length; i++)
        {
            var (onTime, late, unsigned) = perDay[NoteDays[i]];
            var before = NoteTotals[i];
            NoteTotals[i + 1] = (before.OnTime + onTime, before.Late + late, before.Unsigned + unsigned);
        }
    }

    public MetricDataset Data { get; }
    public MetricOptions Options { get; }
    public Func<DateTime, DateOnly> LocalDay { get; }
    public DateOnly? Through { get; }
    public Dictionary<Guid, DateOnly> DateOfBirth { get; }
    public EpisodeRow[] Episodes { get; }
    public HashSet<Guid> ScaledPlans { get; }
    public Dictionary<Guid, DateOnly> PlanApprovedDay { get; }
    public Dictionary<Guid, (DateOnly Day, bool Scaled)[]> ApprovedPlansByResident { get; }
    public Dictionary<Guid, ReviewFact[]> ReviewsByResident { get; }
    public ObjectiveLineage[] Lineages { get; }
    public int[] NoteDays { get; }
    public (long OnTime, long Late, long Unsigned)[] NoteTotals { get; }

    public static MetricIndex For(MetricDataset data, MetricOptions options)
    {
        if (Cache.TryGetValue(data, out var cached) && cached.Options == options)
        {
            return cached;
        }

        var index = new MetricIndex(data, options);
        Cache.AddOrUpdate(data, index);
        return index;
    }

    /// Notes whose service day falls in [start, end], by signing timeliness.
    public (long OnTime, long Late, long Unsigned) NoteCounts(DateOnly start, DateOnly end)
    {
        var to = NoteTotals[LowerBound(NoteDays, end.DayNumber + 1)];
        var from = NoteTotals[LowerBound(NoteDays, start.DayNumber)];
        return (to.OnTime - from.OnTime, to.Late - from.Late, to.Unsigned - from.Unsigned);
    }

    private static int LowerBound(int[] days, int day)
    {
        int lo = 0, hi = days.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (days[mid] < day)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static bool Earlier(NotificationFact candidate, NotificationFact existing) =>
        (candidate.NotifiedAtUtc, existing.NotifiedAtUtc) switch
        {
            ({ } a, { } b) => a < b,
            ({ }, null) => true,
            _ => false,
        };
}
