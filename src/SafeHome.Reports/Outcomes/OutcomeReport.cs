using System.Globalization;
using SafeHome.Domain.Outcomes;
using SafeHome.Reports.Disclosure;

namespace SafeHome.Reports.Outcomes;

public sealed record OutcomeReportSettings(string ProgramName, int SuppressionThreshold, MetricOptions Metrics);

/// Turns computed metrics into the de-identified report model. Every count goes through small-cell suppression here,
/// once, in the table it belongs to (a metric's breakdown with its total; a numerator with its complement), and any
/// value computed from a withheld count (a percentage, a rate) is withheld with it. Medians and means of fewer records
/// than the threshold are withheld too: they sit too close to one youth's own figures.
public static class OutcomeReport
{
    /// The metrics the summary compares with the previous period, and the ones drawn as 8-quarter trends.
    public static IReadOnlyList<string> SummaryMetrics { get; } = ["M1", "M2", "M4", "M5", "M6", "M7", "M8", "M10", "M16", "M17", "M26"];

    public static IReadOnlyList<string> TrendMetrics { get; } = ["M1", "M4", "M6", "M7", "M8", "M26"];

    private static readonly string[] CountUnits = ["count", "episodes", "youth", "records", "exits", "residents"];

    public static OutcomeReportModel Build(MetricDataset data, ReportingPeriod period, OutcomeReportSettings settings, DateTime generatedAtUtc, int version)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.SuppressionThreshold, SmallCellSuppression.MinimumThreshold);
        var suppressor = new Suppressor(settings.SuppressionThreshold);

        var current = OutcomeMetrics.Compute(data, period, settings.Metrics);
        var previous = OutcomeMetrics.Compute(data, period.Previous, settings.Metrics);
        var trends = OutcomeMetrics.Trend(data, period, TrendMetrics, settings.Metrics);

        var overview = new List<OverviewFigure>
        {
            new("Youth served", suppressor.Single(current.YouthServed)),
            new("Resident-days", suppressor.Single(current.ResidentDays)),
            new("Admissions", suppressor.Single(current.Admissions)),
            new("Exits", suppressor.Single(current.Exits)),
            new("In care on the last day", suppressor.Single(current.CurrentResidentsAtEnd)),
        };

        var rows = current.Results.ToDictionary(r => r.Id, r => Row(r, suppressor));
        var previousRows = previous.Results.ToDictionary(r => r.Id, r => Row(r, new Suppressor(settings.SuppressionThreshold)));
        var summary = SummaryMetrics
            .Where(rows.ContainsKey)
            .Select(id => new SummaryRow(id, rows[id].Name, rows[id].Unit, rows[id].Value, previousRows[id].Value))
            .ToList();

        var sections = current.Results
            .GroupBy(r => r.Definition.Area)
            .Select(g => new ReportSection(g.Key, [.. g.Select(r => rows[r.Id])]))
            .ToList();

        var trendSeries = trends
            .Select(t => new TrendSeries(t.Definition.Id, t.Definition.Name, UnitLabel(t.Definition.Unit), [.. t.Points.Select(p => new TrendPoint(p.Label, suppressor.Value(t.Definition.Unit, p.Numerator, p.Denominator, p.Value)))]))
            .ToList();

        var methods = MetricCatalog.All.Select(d => new MethodEntry(d.Id, d.Name, d.Area, d.Numerator, d.Denominator, d.Definition)).ToList();
        var quality = current.DataQuality.Select(q =>
        {
            var (lacking, rest) = suppressor.Pair(q.RecordsLacking, q.RecordsChecked - q.RecordsLacking);
            _ = rest;
            return new DataQualityRow(q.Field, lacking, suppressor.Single(q.RecordsChecked));
        }).ToList();

        return new OutcomeReportModel(
            settings.ProgramName,
            period.Label,
            period.Previous.Label,
            generatedAtUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            version,
            settings.SuppressionThreshold,
            overview,
            summary,
            sections,
            trendSeries,
            methods,
            quality,
            suppressor.Withheld);
    }

    private static MetricRow Row(MetricResult result, Suppressor suppressor)
    {
        var definition = result.Definition;
        var unit = UnitLabel(definition.Unit);
        if (result.Status == MetricStatus.NotRecorded)
        {
            return new MetricRow(definition.Id, definition.Name, unit, false, Figure.NotApplicable, Figure.NotApplicable, Figure.NotApplicable, [], Figure.NotApplicable, [], result.Note ?? "Not recorded.");
        }

        // The breakdown partitions N: suppressed as one table with N as its total, so no withheld part can be had by
        // subtraction.
        var parts = suppressor.Table([.. result.Parts.Select(p => p.Count)]);
        var total = parts.Total;
        var isRate = definition.Unit == MetricUnit.PerThousandResidentDays;
        Figure numerator;
        Figure denominator;
        if (isRate)
        {
            // For a rate the breakdown splits the events themselves, so its total is the numerator.
            numerator = result.Parts.Count > 0 && result.N == result.Numerator ? total : suppressor.Single(result.Numerator);
            denominator = suppressor.Single(result.Denominator);
        }
        else
        {
            (numerator, _) = suppressor.Pair(result.Numerator, result.Denominator - result.Numerator);
            denominator = result.Parts.Count > 0 ? total : suppressor.Single(result.Denominator);
        }

        var value = Percentish(definition.Unit)
            ? Derived(result.Value, numerator, denominator.IsPublished, result.Denominator == 0)
            : suppressor.Statistic(result.N, result.Value);
        var statistics = result.Statistics
            .Select(s => new StatisticRow(s.Label, CountUnits.Contains(s.Unit) ? suppressor.Single((long)(s.Value ?? 0)) : suppressor.Statistic(result.N, s.Value), s.Unit))
            .ToList();

        return new MetricRow(
            definition.Id,
            definition.Name,
            unit,
            true,
            value,
            numerator,
            denominator,
            [.. result.Parts.Select((p, i) => new PartRow(p.Label, parts.Cells[i]))],
            total,
            statistics,
            result.Note);
    }

    private static bool Percentish(MetricUnit unit) => unit is MetricUnit.Percent or MetricUnit.PerThousandResidentDays;

    private static Figure Derived(double? value, Figure numerator, bool denominatorPublished, bool nothingToDivide)
    {
        if (nothingToDivide || value is null)
        {
            return Figure.NotApplicable;
        }

        return numerator.IsPublished && denominatorPublished ? new Figure(value, false, "value") : Figure.Hidden with { Format = "value" };
    }

    public static string UnitLabel(MetricUnit unit) => unit switch
    {
        MetricUnit.Percent => "%",
        MetricUnit.PerThousandResidentDays => "per 1,000 resident-days",
        MetricUnit.Hours => "hours",
        MetricUnit.Days => "days",
        MetricUnit.TScore => "T-score",
        _ => "score",
    };

    /// Applies the threshold and counts what it withholds, across the whole report.
    private sealed class Suppressor(int threshold)
    {
        public int Withheld { get; private set; }

        public Figure Single(long count)
        {
            if (count is > 0 && count < threshold)
            {
                Withheld++;
                return Figure.Hidden;
            }

            return Figure.Count(count);
        }

        /// A count and its complement within a published total: both go if either is small.
        public (Figure First, Figure Second) Pair(long first, long second)
        {
            var table = Table([first, Math.Max(0, second)]);
            return (table.Cells[0], table.Cells[1]);
        }

        public (Figure[] Cells, Figure Total) Table(long[] counts)
        {
            if (counts.Length == 0)
            {
                return ([], Figure.NotApplicable);
            }

            var grid = new int[counts.Length, 1];
            for (var i = 0; i < counts.Length; i++)
            {
                grid[i, 0] = checked((int)counts[i]);
            }

            var table = SmallCellSuppression.Apply(grid, threshold);
            var cells = new Figure[counts.Length];
            for (var i = 0; i < counts.Length; i++)
            {
                cells[i] = table[i, 0] is null ? Figure.Hidden : Figure.Count(counts[i]);
            }

            // The one-column table's row totals repeat its cells; count each withheld cell once.
            Withheld += cells.Count(c => c.Withheld);
            var total = table.ColumnTotal(0) is null ? Figure.Hidden : Figure.Count(counts.Sum());
            if (total.Withheld)
            {
                Withheld++;
            }

            return (cells, total);
        }

        public Figure Statistic(long n, double? value)
        {
            if (value is null)
            {
                return Figure.NotApplicable;
            }

            if (n < threshold)
            {
                Withheld++;
                return Figure.Hidden with { Format = "value" };
            }

            return new Figure(value, false, "value");
        }

        /// A trend point: a value built on a small numerator, a small complement or a small base is withheld.
        public Figure Value(MetricUnit unit, long numerator, long denominator, double? value)
        {
            if (value is null)
            {
                return Figure.NotApplicable;
            }

            var small = (long c) => c is > 0 && c < threshold;
            var withheld = unit == MetricUnit.PerThousandResidentDays
                ? small(numerator)
                : small(numerator) || small(denominator - numerator) || small(denominator);
            if (withheld)
            {
                Withheld++;
                return Figure.Hidden with { Format = "value" };
            }

            return new Figure(value, false, "value");
        }
    }
}
