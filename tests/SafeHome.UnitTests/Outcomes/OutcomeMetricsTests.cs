using SafeHome.Domain.Missing;
using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Residents;
using static SafeHome.UnitTests.Outcomes.OutcomeScenario;

namespace SafeHome.UnitTests.Outcomes;

/// The expected numbers are worked by hand from the scenario described on <see cref="OutcomeScenario"/>.
public sealed class OutcomeMetricsTests
{
    private const double Precision = 1e-9;

    private static readonly MetricSet Quarter1 = OutcomeMetrics.Compute(Build(), Q1, MetricOptions.Default);
    private static readonly MetricSet Quarter2 = OutcomeMetrics.Compute(Build(), Q2, MetricOptions.Default);

    private static long Part(MetricResult result, string labelStart) =>
        Assert.Single(result.Parts, p => p.Label.StartsWith(labelStart, StringComparison.Ordinal)).Count;

    private static double? Statistic(MetricResult result, string labelStart) =>
        Assert.Single(result.Statistics, s => s.Label.StartsWith(labelStart, StringComparison.Ordinal)).Value;

    [Fact]
    public void Resident_days_count_the_admission_day_but_not_the_discharge_day_across_period_boundaries()
    {
        // A 90 (whole quarter) + B 59 (admitted 1 Feb) + C 89 (discharged 31 Mar) + D 40 + E 55 = 333.
        Assert.Equal(333, Quarter1.ResidentDays);
        Assert.Equal(90, OutcomeMetrics.ResidentDays(Build().Stays[0], Q1));
        Assert.Equal(89, OutcomeMetrics.ResidentDays(Build().Stays[2], Q1));
    }

    [Fact]
    public void A_stay_discharged_on_the_last_day_of_the_period_exits_in_that_period()
    {
        // Exits C (31 Mar), D, E; the in-care census on 31 Mar is A and B, not C.
        Assert.Equal(3, Quarter1.Exits);
        Assert.Equal(2, Quarter1.CurrentResidentsAtEnd);
        Assert.Equal(5, Quarter1.YouthServed);
        Assert.Equal(3, Quarter1.Admissions);
    }

    [Fact]
    public void Days_after_the_data_cut_off_are_not_counted()
    {
        // Q2 without a cut-off: A 1–9 Apr = 9, B 1 Apr – 30 Jun = 91. Cut off on 30 Apr: A 9 + B 30.
        Assert.Equal(100, Quarter2.ResidentDays);
        var cut = OutcomeMetrics.Compute(Build() with { DataThrough = new DateOnly(2026, 4, 30) }, Q2, MetricOptions.Default);
        Assert.Equal(39, cut.ResidentDays);
    }

    [Fact]
    public void M1_counts_episodes_in_the_quarter_their_clock_started_per_1000_resident_days()
    {
        var m1 = Quarter1["M1"];

        // E1–E4 all start in Q1, E2 included although it closes in Q2.
        Assert.Equal(4, m1.Numerator);
        Assert.Equal(333, m1.Denominator);
        Assert.Equal(4 * 1000.0 / 333, m1.Value!.Value, Precision);
        Assert.Equal(1, Part(m1, "Risk level not recorded"));
        Assert.Equal(0, Quarter2["M1"].Numerator);
    }

    [Fact]
    public void M2_counts_youth_served_with_an_episode_starting_in_the_period()
    {
        var m2 = Quarter1["M2"];

        // A, B and D of the five youth served.
        Assert.Equal((3, 5), (m2.Numerator, m2.Denominator));
        Assert.Equal(60.0, m2.Value!.Value, Precision);
    }

    [Fact]
    public void M3_counts_an_episode_in_the_quarter_it_closed_and_open_ones_as_censored()
    {
        var q1 = Quarter1["M3"];

        // Closed in Q1: E1 12 h and E3 48 h. Median 30; quartiles 12 + 0.25·36 = 21 and 12 + 0.75·36 = 39.
        Assert.Equal(2, q1.N);
        Assert.Equal(30.0, q1.Value!.Value, Precision);
        Assert.Equal(21.0, Statistic(q1, "First quartile")!.Value, Precision);
        Assert.Equal(39.0, Statistic(q1, "Third quartile")!.Value, Precision);

        // E2 (back 2 Apr) and E4 (never back) are open on 31 Mar.
        Assert.Equal(2.0, Statistic(q1, "Open at the end"));

        // E2 closes in Q2 after 74 h; E4 is still open.
        var q2 = Quarter2["M3"];
        Assert.Equal(1, q2.N);
        Assert.Equal(74.0, q2.Value!.Value, Precision);
        Assert.Equal(1.0, Statistic(q2, "Open at the end"));
    }

    [Fact]
    public void M4_is_on_time_when_the_police_report_is_made_by_its_stored_due_time()
    {
        var m4 = Quarter1["M4"];

        // E1 (1.5 h) and E3 (1 h) on time, E2 (3 h against a 2 h due time) late, E4 never reported.
        Assert.Equal((2, 4), (m4.Numerator, m4.Denominator));
        Assert.Equal(1, Part(m4, "Reported after"));
        Assert.Equal(1, Part(m4, "No report recorded"));
        Assert.Equal(1.5, Statistic(m4, "Median time")!.Value, Precision);
    }

    [Fact]
    public void M4_shows_a_youth_who_returned_before_the_report_was_due_separately()
    {
        var data = Build();
        var episode = data.Episodes[3] with { ReturnedUtc = Utc(2026, 2, 18, 22), ReturnType = ReturnType.SelfReturned };
        var changed = data with { Episodes = [data.Episodes[0], data.Episodes[1], data.Episodes[2], episode] };

        var m4 = OutcomeMetrics.Compute(changed, Q1, MetricOptions.Default)["M4"];

        Assert.Equal(1, Part(m4, "Returned before the report was due"));
        Assert.Equal(0, Part(m4, "No report recorded"));
        Assert.Equal(4, m4.Denominator);
    }

    [Fact]
    public void M5_counts_only_youth_under_18_at_the_clock_start_and_reports_within_24_hours()
    {
        var m5 = Quarter1["M5"];

        // E2 is left out: B turns 18 on the day its clock starts. E1 reported after 12 h, E4 after 26 h, E3 never.
        Assert.Equal((1, 3), (m5.Numerator, m5.Denominator));
        Assert.Equal(1, Part(m5, "Reported after 24 h"));
        Assert.Equal(1, Part(m5, "No NCMEC report recorded"));
    }

    [Fact]
    public void M6_reports_completed_and_declined_debriefs_separately()
    {
        // Q1 returns: E1 debrief completed after 26 h; E3 none.
        var q1 = Quarter1["M6"];
        Assert.Equal((1, 2), (q1.Numerator, q1.Denominator));
        Assert.Equal(1, Part(q1, "Completed within 72 h"));
        Assert.Equal(1, Part(q1, "Not within 72 h"));

        // Q2 return: E2, declined 48 h after the return, which counts as offered.
        var q2 = Quarter2["M6"];
        Assert.Equal((1, 1), (q2.Numerator, q2.Denominator));
        Assert.Equal(1, Part(q2, "Offered and declined"));
    }

    [Fact]
    public void M7_counts_a_screen_on_or_before_the_day_it_was_due()
    {
        // E1 screened 13 Jan (due 14 Jan); E3 screened 16 Feb (due 15 Feb). E2 in Q2 screened 8 Apr (due 5 Apr).
        Assert.Equal((1L, 2L), (Quarter1["M7"].Numerator, Quarter1["M7"].Denominator));
        Assert.Equal((0L, 1L), (Quarter2["M7"].Numerator, Quarter2["M7"].Denominator));
    }

    [Fact]
    public void M8_gives_unplanned_exits_per_1000_resident_days_and_as_a_share_of_exits()
    {
        var m8 = Quarter1["M8"];

        // D is the one unplanned exit of three.
        Assert.Equal((1, 333, 3), (m8.Numerator, m8.Denominator, m8.N));
        Assert.Equal(1000.0 / 333, m8.Value!.Value, Precision);
        Assert.Equal(100.0 / 3, Statistic(m8, "Unplanned exits as a share")!.Value, Precision);
    }

    [Fact]
    public void M9_gives_median_and_mean_length_of_stay_of_exits()
    {
        var m9 = Quarter1["M9"];

        // C 15 Nov → 31 Mar = 136 days, D 40, E 55: median 55, mean 231 / 3 = 77.
        Assert.Equal(55.0, m9.Value!.Value, Precision);
        Assert.Equal(77.0, Statistic(m9, "Mean")!.Value, Precision);
        Assert.Equal(2.0, Statistic(m9, "Current residents"));
    }

    [Fact]
    public void M10_separates_permanency_from_other_less_restrictive_destinations()
    {
        var m10 = Quarter1["M10"];

        // C reunification, E family foster home, D unknown (missing).
        Assert.Equal((1, 3), (m10.Numerator, m10.Denominator));
        Assert.Equal(1, Part(m10, "Permanency"));
        Assert.Equal(1, Part(m10, "Other less restrictive"));
        Assert.Equal(1, Part(m10, "Other destination"));
        Assert.Equal(200.0 / 3, Statistic(m10, "Permanency or less restrictive")!.Value, Precision);
    }

    [Fact]
    public void M11_reports_confirmed_and_suspected_exploitation_separately()
    {
        var m11 = Quarter1["M11"];

        // A: confirmed and suspected, counted once as confirmed. D: suspected while missing. C's event is before Q1,
        // B's after it.
        Assert.Equal((2, 5), (m11.Numerator, m11.Denominator));
        Assert.Equal(1, Part(m11, "Confirmed"));
        Assert.Equal(1, Part(m11, "Suspected event only"));
        Assert.Equal(3, Part(m11, "No event"));
    }

    [Fact]
    public void M16_needs_an_active_plan_within_30_days_of_an_admission_in_the_period()
    {
        var m16 = Quarter1["M16"];

        // B active after 19 days; E after 41 days; D never had a plan.
        Assert.Equal((1, 3), (m16.Numerator, m16.Denominator));
        Assert.Equal(1, Part(m16, "Active plan after 30 days"));
        Assert.Equal(1, Part(m16, "No active plan"));
    }

    [Fact]
    public void M16_leaves_out_stays_with_fewer_than_30_days_in_care()
    {
        var data = Build();
        var shortStay = new StayFact(Guid.NewGuid(), A, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 20), DischargeType.Planned, DischargeReason.CourtOrder, DischargeDestination.Other);
        var data2 = data with { Stays = [.. data.Stays, shortStay] };

        Assert.Equal(3, OutcomeMetrics.Compute(data2, Q1, MetricOptions.Default)["M16"].Denominator);
    }

    [Fact]
    public void M17_counts_reviews_due_in_the_period_held_on_or_before_the_due_date()
    {
        // Due in Q1: A (held two days early), E (a day early), C (three days late). B's review is due in Q2.
        Assert.Equal((2L, 3L), (Quarter1["M17"].Numerator, Quarter1["M17"].Denominator));
    }

    [Fact]
    public void M18_needs_the_youth_present_and_a_signature_or_recorded_refusal()
    {
        var m18 = Quarter1["M18"];

        // Approved in Q1: B (present, signed), C (not present), E (present, no signature).
        Assert.Equal((1, 3), (m18.Numerator, m18.Denominator));
        Assert.NotNull(m18.Note);
    }

    [Fact]
    public void M19_takes_each_objective_once_at_its_last_review_in_the_period()
    {
        var m19 = Quarter1["M19"];

        // Target in Q1: 61 achieved, 62 not achieved, lineage 63 (two plan versions) partially achieved, 65 rated
        // only in Q2.
        Assert.Equal((1, 4), (m19.Numerator, m19.Denominator));
        Assert.Equal(1, Part(m19, "Partially achieved"));
        Assert.Equal(1, Part(m19, "Not rated"));
    }

    [Fact]
    public void M20_gives_the_share_of_exits_with_a_T_score_of_50_or_more_and_the_mean()
    {
        var m20 = Quarter1["M20"];

        // C 55.0, E 42.5; D has no scaled goal and is left out.
        Assert.Equal((1, 2), (m20.Numerator, m20.Denominator));
        Assert.Equal(48.75, Statistic(m20, "Mean T-score")!.Value, Precision);
    }

    [Fact]
    public void M26_counts_unsigned_notes_as_not_on_time_and_leaves_out_notes_entered_in_error()
    {
        var m26 = OutcomeMetrics.Compute(Build(), Q1, new MetricOptions { NoteSigningHours = 72 })["M26"];

        // Within 72 h: 48 h and exactly 72 h on time; 72 h 1 min late; one unsigned. The 31 Dec note belongs to Q4.
        Assert.Equal((2, 4), (m26.Numerator, m26.Denominator));
        Assert.Equal(1, Part(m26, "Not signed"));
    }

    [Fact]
    public void M26_uses_the_signing_window_from_the_options()
    {
        var m26 = OutcomeMetrics.Compute(Build(), Q1, new MetricOptions { NoteSigningHours = 96 })["M26"];

        Assert.Equal((3, 4), (m26.Numerator, m26.Denominator));
    }

    [Theory]
    [InlineData("M12")]
    [InlineData("M14")]
    [InlineData("M15")]
    [InlineData("M21")]
    [InlineData("M22")]
    [InlineData("M23")]
    [InlineData("M25")]
    public void Metrics_without_data_in_the_app_are_present_as_not_recorded_with_a_note(string id)
    {
        var result = Quarter1[id];

        Assert.Equal(MetricStatus.NotRecorded, result.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Note));
        Assert.Null(result.Value);
    }

    [Fact]
    public void Every_catalogue_metric_has_one_result_in_catalogue_order()
    {
        Assert.Equal(MetricCatalog.All.Select(d => d.Id), Quarter1.Results.Select(r => r.Id));
        Assert.Equal(Enumerable.Range(1, 26).Select(i => $"M{i}"), MetricCatalog.All.Select(d => d.Id));
    }

    [Fact]
    public void The_catalogue_speaks_of_missing_from_care_never_of_running_away()
    {
        foreach (var d in MetricCatalog.All)
        {
            var text = string.Join(' ', d.Name, d.Numerator, d.Denominator, d.Definition);
            Assert.DoesNotContain("runaway", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("run away", text, StringComparison.OrdinalIgnoreCase);
            Assert.False(string.IsNullOrWhiteSpace(d.Definition));
        }
    }

    [Fact]
    public void The_parts_of_every_computed_result_add_up_to_its_n()
    {
        foreach (var set in new[] { Quarter1, Quarter2, OutcomeMetrics.Compute(Build(), ReportingPeriod.Year(2026), MetricOptions.Default) })
        {
            foreach (var result in set.Results.Where(r => r.Status == MetricStatus.Computed))
            {
                Assert.True(result.Parts.Count > 0, result.Id);
                Assert.True(result.Parts.Sum(p => p.Count) == result.N, $"{result.Id} in {set.Period.Label}");
                Assert.All(result.Parts, p => Assert.True(p.Count >= 0));
                if (result.Definition.Unit == MetricUnit.Percent)
                {
                    Assert.Equal(result.Denominator, result.N);
                }
            }
        }
    }

    [Fact]
    public void Data_quality_lists_what_is_missing_against_what_was_checked()
    {
        var risk = Assert.Single(Quarter1.DataQuality, q => q.Field.Contains("risk level", StringComparison.Ordinal));
        Assert.Equal((1, 4), (risk.RecordsLacking, risk.RecordsChecked));

        var police = Assert.Single(Quarter1.DataQuality, q => q.Field.Contains("law-enforcement", StringComparison.Ordinal));
        Assert.Equal((1, 4), (police.RecordsLacking, police.RecordsChecked));

        var unsigned = Assert.Single(Quarter1.DataQuality, q => q.Field == "Progress notes not signed");
        Assert.Equal((1, 4), (unsigned.RecordsLacking, unsigned.RecordsChecked));

        Assert.All(Quarter1.DataQuality, q => Assert.InRange(q.RecordsLacking, 0, q.RecordsChecked));
    }
}
