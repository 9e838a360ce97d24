using System.Reflection;
using CsCheck;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Notes;
using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Residents;
using SafeHome.Reports.Outcomes;
using SafeHome.UnitTests.Outcomes;

namespace SafeHome.UnitTests.Reports;

/// The de-identified report model (SECURITY.md D3): over random cohorts of 1 to 40 youth, nothing published is a
/// count from 1 to 10, no withheld count stands alone in its table, and the model's types cannot hold an id or a date.
public sealed class OutcomeReportTests
{
    private static readonly ReportingPeriod Period = ReportingPeriod.Quarter(2026, 2);
    private static readonly DateTime GeneratedAt = new(2026, 7, 10, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Every_published_count_is_zero_or_at_least_the_threshold_over_random_cohorts()
    {
        Gen.Select(Gen.Int[1, 40], Gen.Int, Gen.Int[5, 15]).Sample((youth, seed, threshold) =>
        {
            var model = Build(Cohort(youth, seed), threshold);
            var published = Counts(model).Where(f => f.IsPublished).Select(f => f.Value!.Value).ToList();
            return published.All(v => v == 0 || v >= threshold);
        });
    }

    [Fact]
    public void A_breakdown_with_a_withheld_part_has_a_second_withheld_figure_over_random_cohorts()
    {
        Gen.Select(Gen.Int[1, 40], Gen.Int).Sample((youth, seed) =>
        {
            var model = Build(Cohort(youth, seed), 11);
            return model.Sections.SelectMany(s => s.Metrics).Where(m => m.Recorded && m.Parts.Count > 0).All(m =>
            {
                var withheld = m.Parts.Count(p => p.Count.Withheld);
                return withheld == 0 || withheld >= 2 || m.PartsTotal.Withheld;
            });
        });
    }

    [Fact]
    public void A_percentage_or_rate_built_on_a_withheld_count_is_withheld_too()
    {
        Gen.Select(Gen.Int[1, 40], Gen.Int).Sample((youth, seed) =>
        {
            var model = Build(Cohort(youth, seed), 11);
            return model.Sections.SelectMany(s => s.Metrics)
                .Where(m => m.Recorded && (m.Unit == "%" || m.Unit.StartsWith("per 1,000", StringComparison.Ordinal)))
                .All(m => !m.Value.IsPublished || (m.Numerator.IsPublished && m.Denominator.IsPublished));
        });
    }

    [Fact]
    public void The_worked_example_withholds_its_small_counts_and_counts_what_it_withheld()
    {
        var model = OutcomeReport.Build(OutcomeScenario.Build(), OutcomeScenario.Q1, new OutcomeReportSettings("Invented Program", 11, new MetricOptions()), GeneratedAt, 1);

        // Five youth, three admissions, three exits: all small, all withheld; so is every percentage built on them.
        Assert.All(model.Overview.Where(o => o.Label != "Resident-days"), o => Assert.True(o.Value.Withheld, o.Label));
        Assert.True(model.Overview.Single(o => o.Label == "Resident-days").Value.IsPublished);
        Assert.Equal(333, model.Overview.Single(o => o.Label == "Resident-days").Value.Value);
        var m2 = model.Sections.SelectMany(s => s.Metrics).Single(m => m.Id == "M2");
        Assert.True(m2.Value.Withheld);
        Assert.True(model.SuppressedCells >= Counts(model).Count(f => f.Withheld));
        Assert.Equal("2026 Q1", model.PeriodLabel);
        Assert.Equal("2025 Q4", model.PreviousPeriodLabel);
        Assert.Equal(MetricCatalog.All.Count, model.Methods.Count);
        Assert.Equal(8, Assert.Single(model.Trends, t => t.MetricId == "M1").Points.Count);
        Assert.Contains(model.Sections.SelectMany(s => s.Metrics), m => m.Id == "M14" && !m.Recorded && m.Note is { Length: > 0 });
    }

    [Fact]
    public void A_large_enough_cohort_publishes_its_counts()
    {
        var model = Build(Cohort(40, 7), 5);

        Assert.True(model.Overview.Single(o => o.Label == "Youth served").Value.IsPublished);
        Assert.Equal(5, model.Threshold);
    }

    [Fact]
    public void A_threshold_below_5_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Build(Cohort(10, 1), 4));
    }

    [Fact]
    public void The_report_model_has_no_place_for_an_id_or_a_date()
    {
        var forbidden = new[] { typeof(Guid), typeof(DateTime), typeof(DateOnly), typeof(DateTimeOffset), typeof(TimeOnly) };
        var seen = new HashSet<Type>();
        var found = new List<string>();
        Walk(typeof(OutcomeReportModel));
        Assert.Empty(found);
        Assert.Contains(typeof(Figure), seen);

        void Walk(Type type)
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type) || type.IsPrimitive || type == typeof(string) || type.IsEnum)
            {
                return;
            }

            if (forbidden.Contains(type))
            {
                found.Add(type.Name);
                return;
            }

            foreach (var argument in type.IsGenericType ? type.GetGenericArguments() : [])
            {
                Walk(argument);
            }

            if (type.Namespace?.StartsWith("SafeHome", StringComparison.Ordinal) != true)
            {
                return;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (forbidden.Contains(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType))
                {
                    found.Add($"{type.Name}.{property.Name}");
                }

                Walk(property.PropertyType);
            }
        }
    }

    private static OutcomeReportModel Build(MetricDataset data, int threshold) =>
        OutcomeReport.Build(data, Period, new OutcomeReportSettings("Invented Program", threshold, new MetricOptions()), GeneratedAt, 1);

    /// Every count figure the model publishes or withholds (not percentages, rates or medians).
    private static List<Figure> Counts(OutcomeReportModel model)
    {
        var figures = new List<Figure>();
        figures.AddRange(model.Overview.Select(o => o.Value));
        foreach (var metric in model.Sections.SelectMany(s => s.Metrics))
        {
            figures.Add(metric.Numerator);
            figures.Add(metric.Denominator);
            figures.AddRange(metric.Parts.Select(p => p.Count));
            figures.Add(metric.PartsTotal);
            figures.AddRange(metric.Statistics.Select(s => s.Value));
        }

        figures.AddRange(model.DataQuality.SelectMany(q => new[] { q.Lacking, q.Checked }));
        return figures.Where(f => f.Format == "count").ToList();
    }

    /// A random home: youth admitted around the period, some leaving, some missing from care (some returned, some
    /// reported to the police late or not at all), with progress notes signed on time or late.
    private static MetricDataset Cohort(int youth, int seed)
    {
        var random = new Random(seed);
        var residents = new List<ResidentFact>();
        var stays = new List<StayFact>();
        var episodes = new List<EpisodeFact>();
        var notifications = new List<NotificationFact>();
        var debriefs = new List<DebriefFact>();
        var notes = new List<NoteFact>();
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
                discharged is null ? null : (DischargeDestination)random.Next(Enum.GetValues<DischargeDestination>().Length)));
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
        };
    }
}
