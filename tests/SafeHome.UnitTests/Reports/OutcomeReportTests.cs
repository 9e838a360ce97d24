using System.Reflection;
using CsCheck;
using SafeHome.Domain.Outcomes;
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
            var model = Build(RandomHome.Build(youth, seed), threshold);
            var published = Counts(model).Where(f => f.IsPublished).Select(f => f.Value!.Value).ToList();
            return published.All(v => v == 0 || v >= threshold);
        }, iter: 40);
    }

    [Fact]
    public void A_breakdown_with_a_withheld_part_has_a_second_withheld_figure_over_random_cohorts()
    {
        Gen.Select(Gen.Int[1, 40], Gen.Int).Sample((youth, seed) =>
        {
            var model = Build(RandomHome.Build(youth, seed), 11);
            return model.Sections.SelectMany(s => s.Metrics).Where(m => m.Recorded && m.Parts.Count > 0).All(m =>
            {
                var withheld = m.Parts.Count(p => p.Count.Withheld);
                return withheld == 0 || withheld >= 2 || m.PartsTotal.Withheld;
            });
        }, iter: 40);
    }

    [Fact]
    public void A_percentage_or_rate_built_on_a_withheld_count_is_withheld_too()
    {
        Gen.Select(Gen.Int[1, 40], Gen.Int).Sample((youth, seed) =>
        {
            var model = Build(RandomHome.Build(youth, seed), 11);
            return model.Sections.SelectMany(s => s.Metrics)
                .Where(m => m.Recorded && (m.Unit == "%" || m.Unit.StartsWith("per 1,000", StringComparison.Ordinal)))
                .All(m => !m.Value.IsPublished || (m.Numerator.IsPublished && m.Denominator.IsPublished));
        }, iter: 40);
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
        Assert.True(model.SuppressedCells > 0);
        Assert.Contains($"{model.SuppressedCells} figures withheld", model.Disclosure, StringComparison.Ordinal);
        Assert.Equal("2026 Q1", model.PeriodLabel);
        Assert.Equal("2025 Q4", model.PreviousPeriodLabel);
        Assert.Equal(MetricCatalog.All.Count, model.Methods.Count);
        Assert.Equal(8, Assert.Single(model.Trends, t => t.MetricId == "M1").Points.Count);
        Assert.Contains(model.Sections.SelectMany(s => s.Metrics), m => m.Id == "M14" && !m.Recorded && m.Note is { Length: > 0 });
    }

    [Fact]
    public void Trends_run_over_eight_quarters_oldest_first_ending_with_the_period()
    {
        var model = OutcomeReport.Build(OutcomeScenario.Build(), OutcomeScenario.Q2, new OutcomeReportSettings("Invented Program", 11, new MetricOptions()), GeneratedAt, 1);

        Assert.Equal(OutcomeReport.TrendMetrics, model.Trends.Select(t => t.MetricId));
        var m1 = model.Trends[0].Points;
        Assert.Equal(8, m1.Count);
        Assert.Equal("2024 Q3", m1[0].Quarter);
        Assert.Equal("2026 Q2", m1[^1].Quarter);
    }

    [Fact]
    public void A_large_enough_cohort_publishes_its_counts()
    {
        var model = Build(RandomHome.Build(40, 7), 5);

        Assert.True(model.Overview.Single(o => o.Label == "Youth served").Value.IsPublished);
        Assert.Equal(5, model.Threshold);
    }

    [Fact]
    public void A_threshold_below_5_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Build(RandomHome.Build(10, 1), 4));
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
}
