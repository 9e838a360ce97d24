using CsCheck;
using SafeHome.Domain.Missing;
using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Residents;
using SafeHome.Reports.Outcomes;

namespace SafeHome.UnitTests.Reports;

/// The four leaks an evaluator found in the 2026 Q3 report, rebuilt on invented cohorts, and properties over random
/// ones: nothing the report withholds can be worked back from what it prints, beside last quarter's report.
public sealed class DisclosureLeakTests
{
    private static readonly ReportingPeriod Q3 = ReportingPeriod.Quarter(2026, 3);
    private static readonly DateTime GeneratedAt = new(2026, 10, 10, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Before = new(2026, 1, 5);

    [Fact]
    public void Confirmed_and_suspected_shares_of_42_youth_no_longer_give_back_1_and_2_youth()
    {
        var home = new Home();
        var youth = Enumerable.Range(0, 42).Select(_ => home.Stay(Before, null)).ToList();
        home.Exploitation(youth[0], ExploitationCertainty.Confirmed, new DateOnly(2026, 8, 1));
        home.Exploitation(youth[1], ExploitationCertainty.Suspected, new DateOnly(2026, 8, 2));
        home.Exploitation(youth[2], ExploitationCertainty.Suspected, new DateOnly(2026, 9, 2));

        var model = Build(home);

        var m11 = Metric(model, "M11");
        Assert.Equal(42, model.Overview.Single(o => o.Label == "Youth served").Value.Value);
        Assert.All(m11.Statistics, s => Assert.False(s.Value.IsPublished, s.Label));
        Assert.Empty(ReportAttacker.Attack(model));
    }

    [Fact]
    public void Unplanned_exits_and_other_destinations_cannot_be_worked_back_from_shares_of_18_exits()
    {
        var home = new Home();
        for (var i = 0; i < 30; i++)
        {
            home.Stay(Before, null);
        }

        for (var i = 0; i < 18; i++)
        {
            var unplanned = i < 5;
            home.Stay(Before, new DateOnly(2026, 8, 1).AddDays(i), unplanned ? DischargeType.Unplanned : DischargeType.Planned, i < 14 ? DischargeDestination.Reunification : DischargeDestination.JuvenileDetention);
        }

        var model = Build(home);

        Assert.Equal(18, model.Overview.Single(o => o.Label == "Exits").Value.Value);
        var m8 = Metric(model, "M8");
        Assert.True(m8.Parts.Single(p => p.Label == "Unplanned").Count.Withheld);
        Assert.False(m8.Statistics.Single(s => s.Label == "Unplanned exits as a share of all exits").Value.IsPublished);
        Assert.Empty(ReportAttacker.Attack(model));
    }

    [Fact]
    public void Document_shares_at_18_exits_give_back_neither_holders_nor_those_without()
    {
        var home = new Home();
        for (var i = 0; i < 18; i++)
        {
            var documents = IdentityDocuments.BirthCertificate | (i < 10 ? IdentityDocuments.StateId : 0)
                | (i < 15 ? IdentityDocuments.SocialSecurityCard : 0) | (i < 13 ? IdentityDocuments.MedicalRecords : 0);
            home.Stay(Before, new DateOnly(2026, 7, 10).AddDays(i), DischargeType.Planned, DischargeDestination.Reunification, documents);
        }

        var model = Build(home);

        var m24 = Metric(model, "M24");
        Assert.True(m24.Statistics.Single(s => s.Label == "Exits with the checklist recorded").Value.IsPublished);
        Assert.False(m24.Statistics.Single(s => s.Label == "Driver's licence or state ID").Value.IsPublished);
        Assert.False(m24.Statistics.Single(s => s.Label == "Social Security card").Value.IsPublished);
        Assert.False(m24.Statistics.Single(s => s.Label == "Medical records").Value.IsPublished);
        Assert.Empty(ReportAttacker.Attack(model));
    }

    [Fact]
    public void A_key_result_and_its_breakdown_agree_when_the_remainder_is_small()
    {
        // 30 episodes: 23 reported on time, 4 late and 3 never: the key result 76.7 % would give back the 7.
        var home = new Home();
        var youth = Enumerable.Range(0, 30).Select(_ => home.Stay(Before, null)).ToList();
        for (var i = 0; i < 30; i++)
        {
            home.Episode(youth[i], new DateTime(2026, 7, 3, 10, 0, 0, DateTimeKind.Utc).AddDays(i * 2), policeAfterHours: i < 23 ? 1 : i < 27 ? 5 : null);
        }

        var model = Build(home);

        var m4 = Metric(model, "M4");
        Assert.False(m4.Value.IsPublished);
        Assert.False(m4.Numerator.IsPublished && m4.Denominator.IsPublished);
        Assert.False(model.Summary.Single(s => s.MetricId == "M4").Current.IsPublished);
        Assert.Empty(ReportAttacker.Attack(model));
    }

    [Fact]
    public void A_remainder_is_withheld_rather_than_a_key_result_when_that_is_enough()
    {
        // 30 episodes: 15 on time, 12 late, 2 returned before the report was due, 1 marked not needed. The two small
        // rows add up to 3 beside the published rows; withholding "late" protects them and keeps 50.0 % on time.
        var home = new Home();
        var youth = Enumerable.Range(0, 30).Select(_ => home.Stay(Before, null)).ToList();
        for (var i = 0; i < 30; i++)
        {
            var start = new DateTime(2026, 7, 3, 10, 0, 0, DateTimeKind.Utc).AddDays(i * 2);
            if (i < 27)
            {
                home.Episode(youth[i], start, policeAfterHours: i < 15 ? 1 : 5);
            }
            else
            {
                home.Episode(youth[i], start, policeAfterHours: null, returnedAfterHours: i < 29 ? 1 : null, notNeeded: i == 29);
            }
        }

        var model = Build(home);

        var m4 = Metric(model, "M4");
        Assert.Equal(50.0, m4.Value.Value);
        Assert.True(m4.Parts.Single(p => p.Label == "Reported after the due time").Count.Withheld);
        Assert.Empty(ReportAttacker.Attack(model));
    }

    [Fact]
    public void The_median_stay_of_current_residents_is_gated_on_current_residents_not_on_exits()
    {
        var few = new Home();
        for (var i = 0; i < 5; i++)
        {
            few.Stay(Before, null);
        }

        for (var i = 0; i < 12; i++)
        {
            few.Stay(Before, new DateOnly(2026, 8, 1), DischargeType.Planned, DischargeDestination.Reunification);
        }

        var many = new Home();
        for (var i = 0; i < 15; i++)
        {
            many.Stay(Before, null);
        }

        many.Stay(Before, new DateOnly(2026, 8, 1), DischargeType.Planned, DischargeDestination.Reunification);

        const string label = "Median days in care so far, current residents";
        Assert.False(Metric(Build(few), "M9").Statistics.Single(s => s.Label == label).Value.IsPublished);
        Assert.True(Metric(Build(many), "M9").Statistics.Single(s => s.Label == label).Value.IsPublished);
    }

    [Fact]
    public void No_printed_figure_gives_back_a_small_count_over_random_cohorts()
    {
        Gen.Select(Gen.Int[1, 60], Gen.Int, Gen.Int[5, 15]).Sample(
            (youth, seed, threshold) =>
            {
                var model = OutcomeReport.Build(RandomHome.Build(youth, seed), RandomHome.Period, new OutcomeReportSettings("Invented Program", threshold, new MetricOptions()), GeneratedAt, 1);
                return ReportAttacker.Attack(model).Count == 0;
            },
            iter: 60);
    }

    [Fact]
    public void The_previous_period_column_shows_only_what_that_periods_own_report_publishes_over_random_cohorts()
    {
        Gen.Select(Gen.Int[5, 60], Gen.Int).Sample(
            (youth, seed) =>
            {
                var data = RandomHome.Build(youth, seed);
                var settings = new OutcomeReportSettings("Invented Program", 11, new MetricOptions());
                var current = OutcomeReport.Build(data, RandomHome.Period, settings, GeneratedAt, 1);
                var previous = OutcomeReport.Build(data, RandomHome.Period.Previous, settings, GeneratedAt, 1);
                var trendPoints = current.Trends.SelectMany(t => t.Points.Where(p => p.Quarter == previous.PeriodLabel).Select(p => (t.MetricId, p.Value)));
                return current.Summary.All(row => !row.Previous.IsPublished || Same(row.Previous, previous.Summary.Single(s => s.MetricId == row.MetricId).Current))
                    && trendPoints.All(p => !p.Value.IsPublished || Same(p.Value, previous.Summary.Single(s => s.MetricId == p.MetricId).Current));
            },
            iter: 30);

        static bool Same(Figure shown, Figure own) => own.IsPublished && shown.Value == own.Value;
    }

    [Fact]
    public void A_year_report_beside_its_four_quarterly_reports_gives_back_no_quarters_withheld_row_over_random_cohorts()
    {
        var year = ReportingPeriod.Year(2026);
        Gen.Select(Gen.Int[5, 60], Gen.Int).Sample(
            (youth, seed) =>
            {
                var data = RandomHome.Build(youth, seed);
                var settings = new OutcomeReportSettings("Invented Program", 11, new MetricOptions());
                var annual = OutcomeReport.Build(data, year, settings, GeneratedAt, 1);
                var quarters = year.LastQuarters(4).Select(q => OutcomeReport.Build(data, q, settings, GeneratedAt, 1)).ToList();
                foreach (var row in annual.Sections.SelectMany(s => s.Metrics).Where(m => m.Recorded && m.Id is "M1" or "M4" or "M6" or "M7" or "M8" or "M26"))
                {
                    for (var i = 0; i < row.Parts.Count; i++)
                    {
                        // The year's row less the quarters' published rows: a single withheld quarter is worked back.
                        var byQuarter = quarters.Select(q => q.Sections.SelectMany(s => s.Metrics).Single(m => m.Id == row.Id).Parts[i].Count).ToList();
                        if (row.Parts[i].Count.IsPublished && byQuarter.Count(f => f.Withheld) == 1)
                        {
                            var rest = row.Parts[i].Count.Value!.Value - byQuarter.Where(f => f.IsPublished).Sum(f => f.Value!.Value);
                            if (rest is > 0 and < 11)
                            {
                                return false;
                            }
                        }
                    }
                }

                return true;
            },
            iter: 20);
    }

    [Fact]
    public void Every_sum_the_audit_assumes_a_reader_can_do_holds_in_the_data_over_random_cohorts()
    {
        Gen.Select(Gen.Int[1, 60], Gen.Int, Gen.Bool).Sample(
            (youth, seed, annual) => OutcomeReport.IgnoredLinks(
                RandomHome.Build(youth, seed),
                annual ? ReportingPeriod.Year(2026) : RandomHome.Period,
                new OutcomeReportSettings("Invented Program", 11, new MetricOptions())) == 0,
            iter: 30);
    }

    private static OutcomeReportModel Build(Home home) =>
        OutcomeReport.Build(home.Data(), Q3, new OutcomeReportSettings("Invented Program", 11, new MetricOptions()), GeneratedAt, 1);

    private static MetricRow Metric(OutcomeReportModel model, string id) => model.Sections.SelectMany(s => s.Metrics).Single(m => m.Id == id);

    /// A hand-built home in invented records: each call adds one youth's stay, episode or event.
    private sealed class Home
    {
        private readonly List<ResidentFact> _residents = [];
        private readonly List<StayFact> _stays = [];
        private readonly List<EpisodeFact> _episodes = [];
        private readonly List<NotificationFact> _notifications = [];
        private readonly List<ExploitationFact> _events = [];

        public (Guid Resident, Guid Stay) Stay(DateOnly admitted, DateOnly? discharged, DischargeType? type = null, DischargeDestination? destination = null, IdentityDocuments? documents = null)
        {
            var resident = Guid.NewGuid();
            var stay = Guid.NewGuid();
            _residents.Add(new ResidentFact(resident, new DateOnly(2010, 6, 1)));
            _stays.Add(new StayFact(stay, resident, admitted, discharged, type, discharged is null ? null : DischargeReason.CompletedProgram, destination, documents));
            return (resident, stay);
        }

        public void Exploitation((Guid Resident, Guid Stay) youth, ExploitationCertainty certainty, DateOnly on) =>
            _events.Add(new ExploitationFact(youth.Resident, certainty, on, null));

        public void Episode((Guid Resident, Guid Stay) youth, DateTime clock, int? policeAfterHours, int? returnedAfterHours = 30, bool notNeeded = false)
        {
            var id = Guid.NewGuid();
            DateTime? returned = returnedAfterHours is { } h ? clock.AddHours(h) : null;
            _episodes.Add(new EpisodeFact(id, youth.Resident, youth.Stay, clock.AddHours(-1), clock, returned, returned is null ? null : ReturnType.SelfReturned, MissingRiskLevel.Medium, returned?.AddHours(72), returned?.AddHours(72)));
            _notifications.Add(new NotificationFact(id, NotificationRecipient.LawEnforcement, NotificationPhase.Onset, clock.AddHours(2), policeAfterHours is { } p ? clock.AddHours(p) : null, notNeeded));
        }

        public MetricDataset Data() => new()
        {
            Residents = _residents,
            Stays = _stays,
            Episodes = _episodes,
            Notifications = _notifications,
            ExploitationEvents = _events,
        };
    }
}

/// The methods appendix is written from the settings the computation used, not from fixed text.
public sealed class MethodsTextTests
{
    [Theory]
    [InlineData(24)]
    [InlineData(48)]
    public void M26_methods_text_follows_the_note_signing_deadline(int hours)
    {
        var model = OutcomeReport.Build(RandomHome.Build(12, 3), RandomHome.Period, new OutcomeReportSettings("Invented Program", 11, new MetricOptions { NoteSigningHours = hours }), DateTime.UtcNow, 1);

        var m26 = model.Methods.Single(m => m.Id == "M26");
        Assert.Contains($"{hours} hours", m26.Numerator + " " + m26.Definition, StringComparison.Ordinal);
        Assert.DoesNotContain($"{(hours == 24 ? 48 : 24)} hours", m26.Numerator + " " + m26.Definition, StringComparison.Ordinal);
        Assert.Contains("figures withheld", model.Disclosure, StringComparison.Ordinal);
    }
}
