using System.Globalization;
using SafeHome.Domain.Outcomes;
using SafeHome.Reports.Disclosure;

namespace SafeHome.Reports.Outcomes;

public sealed record OutcomeReportSettings(string ProgramName, int SuppressionThreshold, MetricOptions Metrics);

/// Turns computed metrics into the de-identified report model. Every figure the report prints is first described to a
/// <see cref="DisclosureModel"/> as arithmetic over the true counts (<see cref="PeriodFigures"/>); the model withholds
/// small counts and what is built on them, then attacks the whole report, last quarter's report beside it, and keeps
/// withholding until no withheld count can be narrowed below the threshold. The PDF draws only what comes out.
public static class OutcomeReport
{
    /// The metrics the summary compares with the previous period, and the ones drawn as 8-quarter trends.
    public static IReadOnlyList<string> SummaryMetrics { get; } = ["M1", "M2", "M4", "M5", "M6", "M7", "M8", "M10", "M16", "M17", "M26"];

    public static IReadOnlyList<string> TrendMetrics { get; } = ["M1", "M4", "M6", "M7", "M8", "M26"];

    public const int PercentDecimals = 1;
    public const int RateDecimals = 2;
    public const int ValueDecimals = 1;

    public static OutcomeReportModel Build(MetricDataset data, ReportingPeriod period, OutcomeReportSettings settings, DateTime generatedAtUtc, int version)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.SuppressionThreshold, SmallCellSuppression.MinimumThreshold);
        var threshold = settings.SuppressionThreshold;

        var (quarterly, decided) = DecideReport(data, period, settings);
        var (current, model, figures) = (decided[period].Set, decided[period].Model, decided[period].Figures);
        var (previous, previousFigures) = (decided[period.Previous].Set, decided[period.Previous].Figures);
        var audit = model.Audit();
        if (!audit.Passed)
        {
            throw new DisclosureAuditException(
                $"The disclosure audit found {audit.Problems.Count} withheld figure(s) a reader could narrow below {threshold}, first \"{audit.Problems[0].Cell.Label}\"; the report was not stored.");
        }

        var trends = TrendMetrics.Select(id => new TrendSeries(
                id,
                MetricCatalog.Get(id).Name,
                UnitLabel(MetricCatalog.Get(id).Unit),
                [.. period.LastQuarters(8).Select(quarter => new TrendPoint(quarter.Label, Value(quarterly[quarter].Figures.Metrics[id].Value)))]))
            .ToList();

        var overview = new List<OverviewFigure>
        {
            new("Youth served", Count(figures.YouthServed)),
            new("Resident-days", Count(figures.ResidentDays)),
            new("Admissions", Count(figures.Admissions)),
            new("Exits", Count(figures.Exits)),
            new("In care on the last day", Count(figures.InCareAtEnd)),
        };

        var rows = current.Results.ToDictionary(r => r.Id, r => Row(r, figures));
        var previousRows = previous.Results.ToDictionary(r => r.Id, r => Row(r, previousFigures));
        var summary = SummaryMetrics
            .Where(rows.ContainsKey)
            .Select(id => new SummaryRow(id, rows[id].Name, rows[id].Unit, rows[id].Value, previousRows[id].Value))
            .ToList();

        var sections = current.Results
            .GroupBy(r => r.Definition.Area)
            .Select(g => new ReportSection(g.Key, [.. g.Select(r => rows[r.Id])]))
            .ToList();

        var methods = MetricCatalog.Describe(settings.Metrics).Select(d => new MethodEntry(d.Id, d.Name, d.Area, d.Numerator, d.Denominator, d.Definition)).ToList();
        var quality = figures.DataQuality.Select(q => new DataQualityRow(q.Field, Count(q.Lacking), Count(q.Checked))).ToList();
        var withheld = figures.Printed().Count(c => c.Withheld) + figures.Derived().Count(d => d.Withheld);

        return new OutcomeReportModel(
            settings.ProgramName,
            period.Label,
            period.Previous.Label,
            generatedAtUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
            version,
            threshold,
            overview,
            summary,
            sections,
            trends,
            methods,
            quality,
            withheld)
        {
            Disclosure = DisclosureSummary(withheld, audit),
        };
    }

    /// The audit's result in words for the methods appendix.
    private static string DisclosureSummary(int withheld, DisclosureAuditResult audit)
    {
        if (withheld == 0)
        {
            return "No figure in this report needed to be withheld.";
        }

        var narrowest = audit.NarrowestWidth is { } width && width != long.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"at least {width} possible values")
            : "an open range";
        var inherited = audit.Inherited == 0
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $" {audit.Inherited} withheld counts could already be worked out from earlier reports alone (for a year, its quarters' reports); nothing printed here adds to that.");
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{withheld} figures withheld. Before this report was stored, every figure it prints (counts, totals, percentages with their rounding, rates with resident-days, medians), the previous period's report and, for a year, its quarters' reports were solved together for each withheld count: each keeps {narrowest} (the threshold is {audit.Threshold}).{inherited}");
    }

    /// Each period's decisions, from the first period with a stay up to <paramref name="period"/>: a period is protected
    /// with the one before it frozen as published, and with the sum a reader can do across them (in care at the end =
    /// in care at the end before + admissions − exits). Because every report walks the same chain, the previous-period
    /// column and every trend point show exactly what that period's own report shows, never more.
    /// A year also sees its four quarters' reports: for the metrics that count events by their own day, a year's row is
    /// the sum of its quarters' rows, so a reader holding all five could subtract.
    private static Dictionary<ReportingPeriod, Decided> Decide(MetricDataset data, ReportingPeriod period, OutcomeReportSettings settings, Dictionary<ReportingPeriod, Decided>? quarters)
    {
        var first = data.Stays.Count == 0 ? period.Start : data.Stays.Min(s => s.AdmittedOn);
        var periods = new List<ReportingPeriod>();
        for (var p = period; periods.Count < 9 || (p.End >= first && periods.Count < 400); p = p.Previous)
        {
            periods.Add(p);
        }

        periods.Reverse();
        var decided = new Dictionary<ReportingPeriod, Decided>();
        Decided? before = null;
        foreach (var p in periods)
        {
            var model = new DisclosureModel(settings.SuppressionThreshold);
            PeriodFigures? held = null;
            if (before is not null)
            {
                var from = model.Mark;
                held = PeriodFigures.Add(model, before.Set, settings.Metrics);
                model.Freeze(before.Model, before.Start, before.End, from);
            }

            var start = model.Mark;
            var set = OutcomeMetrics.Compute(data, p, settings.Metrics);
            var figures = PeriodFigures.Add(model, set, settings.Metrics);
            var end = model.Mark;
            if (held is not null)
            {
                model.KnowEqual(
                    [figures.InCareAtEnd.Variables[0], figures.Exits.Variables[0]],
                    [held.InCareAtEnd.Variables[0], figures.Admissions.Variables[0]]);
            }

            if (p.Kind == PeriodKind.Year && quarters is not null)
            {
                LinkQuarters(model, figures, p, quarters, settings);
            }

            model.Protect();
            before = decided[p] = new Decided(set, model, figures, start, end);
        }

        return decided;
    }

    private static readonly string[] AdditiveMetrics = ["M1", "M3", "M4", "M5", "M6", "M7", "M8", "M9", "M10", "M16", "M17", "M18", "M20", "M24", "M26"];

    private static void LinkQuarters(DisclosureModel model, PeriodFigures year, ReportingPeriod period, Dictionary<ReportingPeriod, Decided> quarters, OutcomeReportSettings settings)
    {
        var inYear = period.LastQuarters(4);
        if (!inYear.All(quarters.ContainsKey))
        {
            return;
        }

        var held = inYear.Select(q =>
        {
            var from = model.Mark;
            var figures = PeriodFigures.Add(model, quarters[q].Set, settings.Metrics);
            model.Freeze(quarters[q].Model, quarters[q].Start, quarters[q].End, from);
            return figures;
        }).ToList();

        void Sum(IReadOnlyList<int> whole, IEnumerable<IReadOnlyList<int>> parts) => model.KnowEqual(whole, [.. parts.SelectMany(p => p)]);
        Sum(year.ResidentDays.Variables, held.Select(q => q.ResidentDays.Variables));
        Sum(year.Admissions.Variables, held.Select(q => q.Admissions.Variables));
        Sum(year.Exits.Variables, held.Select(q => q.Exits.Variables));
        foreach (var id in AdditiveMetrics.Where(id => year.Metrics.ContainsKey(id) && held.All(q => q.Metrics.ContainsKey(id))))
        {
            for (var i = 0; i < year.Metrics[id].PartVariables.Count; i++)
            {
                Sum([year.Metrics[id].PartVariables[i]], held.Select(q => (IReadOnlyList<int>)[q.Metrics[id].PartVariables[i]]));
            }
        }
    }

    /// Links the data contradicted, over every period a report decides: zero unless an assumption about what a reader
    /// can sum is wrong (tests hold it at zero).
    internal static int IgnoredLinks(MetricDataset data, ReportingPeriod period, OutcomeReportSettings settings)
    {
        var (quarterly, decided) = DecideReport(data, period, settings);
        return quarterly.Values.Concat(decided.Values).Distinct().Sum(d => d.Model.IgnoredLinks);
    }

    /// The quarters' chain (for trends, and for a year to be audited beside) and the report period's own chain.
    private static (Dictionary<ReportingPeriod, Decided> Quarterly, Dictionary<ReportingPeriod, Decided> Decided) DecideReport(
        MetricDataset data, ReportingPeriod period, OutcomeReportSettings settings)
    {
        var quarterly = Decide(data, ReportingPeriod.QuarterContaining(period.End), settings, null);
        return (quarterly, period.Kind == PeriodKind.Quarter ? quarterly : Decide(data, period, settings, quarterly));
    }

    private sealed record Decided(MetricSet Set, DisclosureModel Model, PeriodFigures Figures, (int Cells, int Derived) Start, (int Cells, int Derived) End);

    private static MetricRow Row(MetricResult result, PeriodFigures figures)
    {
        var definition = result.Definition;
        var unit = UnitLabel(definition.Unit);
        if (result.Status == MetricStatus.NotRecorded)
        {
            return new MetricRow(definition.Id, definition.Name, unit, false, Figure.NotApplicable, Figure.NotApplicable, Figure.NotApplicable, [], Figure.NotApplicable, [], result.Note ?? "Not recorded.");
        }

        var metric = figures.Metrics[result.Id];
        return new MetricRow(
            definition.Id,
            definition.Name,
            unit,
            true,
            Value(metric.Value),
            Count(metric.Numerator),
            Count(metric.Denominator),
            [.. result.Parts.Select((p, i) => new PartRow(p.Label, Count(metric.Parts[i])))],
            Count(metric.Total),
            [.. result.Statistics.Select((s, i) => new StatisticRow(s.Label, metric.Statistics[i] is DisclosureModel.Cell cell ? Count(cell) : Value((DisclosureModel.Derived)metric.Statistics[i]), s.Unit))],
            result.Note);
    }

    private static Figure Count(DisclosureModel.Cell cell) => cell.Withheld ? Figure.Hidden : Figure.Count(cell.Truth);

    private static Figure Value(DisclosureModel.Derived figure) => figure switch
    {
        { NotApplicable: true } => Figure.NotApplicable with { Format = "value" },
        { Withheld: true } => Figure.Hidden with { Format = "value" },
        { Kind: DisclosureModel.DerivedKind.Ratio } => new Figure(figure.Printed, false, "value"),
        _ => new Figure(figure.SummaryValue is { } v ? Math.Round(v, ValueDecimals, MidpointRounding.AwayFromZero) : null, false, "value"),
    };

    public static string UnitLabel(MetricUnit unit) => unit switch
    {
        MetricUnit.Percent => "%",
        MetricUnit.PerThousandResidentDays => "per 1,000 resident-days",
        MetricUnit.Hours => "hours",
        MetricUnit.Days => "days",
        MetricUnit.TScore => "T-score",
        _ => "score",
    };
}
