using System.Globalization;
using SafeHome.Reports.Pdf;

namespace SafeHome.Reports.Outcomes;

public sealed record RenderedReport(byte[] Bytes, int PageCount);

/// The outcome report as a PDF: cover, summary against the previous period, one section per area, trend charts, the
/// methods appendix and data quality. It draws only what <see cref="OutcomeReportModel"/> holds.
public static class OutcomeReportPdf
{
    public const string WithheldText = "withheld";
    public const string NotApplicableText = "n/a";

    private const float Heading = 15;
    private const float Subheading = 12;
    private const float Small = 9;

    private static readonly ScottPlot.Color LineColor = ScottPlot.Color.FromHex("#1F5F99");
    private static readonly ScottPlot.Color GapColor = ScottPlot.Color.FromHex("#EBEBEB");

    public static RenderedReport Render(OutcomeReportModel model, IPdfEngine engine, bool archival)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(engine);
        var content = new List<PdfElement>();
        Cover(model, content);
        Summary(model, content);
        foreach (var section in model.Sections)
        {
            Section(section, content);
        }

        Trends(model, content);
        Methods(model, content);
        DataQuality(model, content);

        var title = $"{model.ProgramName}: outcome report {model.PeriodLabel}";
        var document = new PdfDocument(
            new PdfMetadata(title, model.ProgramName, $"Aggregate outcome report for {model.PeriodLabel}", "outcomes; aggregate; de-identified", "SafeHome", "SafeHome outcome reports", DateTimeOffset.ParseExact(model.GeneratedAt, "yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal))
            {
                PdfA = archival,
            },
            content)
        {
            HeaderSpacing = 16,
            Header = page => page.PageNumber == 1
                ? new Spacer(0)
                : new TextBlock([new TextSpan(model.ProgramName, Bold: true), new TextSpan($" · Outcome report {model.PeriodLabel}, version {model.Version}")]) { FontSize = 8 },
            Footer = page => new Row(
            [
                new RowCell(new TextBlock("Aggregate data only", italic: true) { FontSize = 8 }, 2),
                new RowCell(new TextBlock($"Page {page.PageNumber} of {page.PageCount}") { FontSize = 8, Alignment = TextAlignment.Right }, 1),
            ]),
        };

        using var output = new MemoryStream();
        var result = engine.Render(document, output);
        return new RenderedReport(output.ToArray(), result.PageCount);
    }

    // One fixed number of decimals per kind of figure, so a column never mixes 2.5 with 2.45: counts none (with
    // thousands separators), rates per 1,000 resident-days two, percentages and every other value one.
    public static string Format(Figure figure, string unit = "")
    {
        if (figure.Withheld)
        {
            return WithheldText;
        }

        if (figure.Value is not { } value)
        {
            return NotApplicableText;
        }

        if (figure.Format == "count")
        {
            return value.ToString("N0", CultureInfo.InvariantCulture);
        }

        // Rounded half away from zero, as the model rounds; formatting alone prints 4.25 as 4.2.
        var decimals = Decimals(unit);
        var text = Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return unit == "%" ? text + "%" : text;
    }

    // The disclosure audit reckons with the rounding the report prints, so these come from the model's builder.
    private static int Decimals(string unit) => unit switch
    {
        "%" => OutcomeReport.PercentDecimals,
        _ when unit.StartsWith("per 1,000", StringComparison.Ordinal) => OutcomeReport.RateDecimals,
        _ => OutcomeReport.ValueDecimals,
    };

    // The published quarters of a trend as runs of neighbours: a withheld or n/a quarter ends a run, so the line is
    // never drawn across a quarter the report does not show.
    public static IReadOnlyList<IReadOnlyList<(int Quarter, double Value)>> Segments(IReadOnlyList<TrendPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        var segments = new List<IReadOnlyList<(int, double)>>();
        List<(int, double)>? current = null;
        for (var i = 0; i < points.Count; i++)
        {
            if (points[i].Value is { IsPublished: true, Value: { } value })
            {
                current ??= [];
                current.Add((i, value));
            }
            else if (current is not null)
            {
                segments.Add(current);
                current = null;
            }
        }

        if (current is not null)
        {
            segments.Add(current);
        }

        return segments;
    }

    // Why a trend has nothing to draw, or null when at least one quarter is published.
    public static string? EmptyChartReason(TrendSeries series, int threshold)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Points.Any(p => p.Value.IsPublished))
        {
            return null;
        }

        var withheld = series.Points.Count(p => p.Value.Withheld);
        if (withheld == 0)
        {
            return "No data in these quarters";
        }

        return withheld == series.Points.Count
            ? $"Every quarter withheld (fewer than {threshold} behind the figure)"
            : $"No quarter to draw: each is withheld (fewer than {threshold} behind the figure) or has no data";
    }

    private static void Cover(OutcomeReportModel model, List<PdfElement> content)
    {
        content.Add(new Spacer(120));
        content.Add(new TextBlock(model.ProgramName, bold: true) { FontSize = 24, SpaceAfter = 12 });
        content.Add(new TextBlock("Outcome evaluation report") { FontSize = 18, SpaceAfter = 24 });
        content.Add(Facts(
        [
            ("Reporting period", model.PeriodLabel),
            ("Compared with", model.PreviousPeriodLabel),
            ("Version", model.Version.ToString(CultureInfo.InvariantCulture)),
            ("Generated at", model.GeneratedAt),
        ]));
        content.Add(new Spacer(24));
        content.Add(new TextBlock([new TextSpan("Aggregate data only. ", Bold: true), new TextSpan(
            $"This report holds no names, no identifiers and no dates of any individual; periods are quarters or years. Every count from 1 to {model.Threshold - 1} is withheld, "
            + $"together with any other figure from which it could be worked out ({model.SuppressedCells} figures withheld in this report). Zero is shown.")])
        { FontSize = 10, SpaceAfter = 8 });
        content.Add(PageBreak.Instance);
    }

    private static void Summary(OutcomeReportModel model, List<PdfElement> content)
    {
        content.Add(Title("Summary of key results"));
        Legend(model, content);
        content.Add(new TextBlock($"The program in {model.PeriodLabel}:") { SpaceAfter = 4, KeepWithNext = true });
        content.Add(Table(
            [new TableColumn(3), new TableColumn(1, TextAlignment.Right)],
            ["Measure", model.PeriodLabel],
            model.Overview.Select(o => new[] { o.Label, Format(o.Value) })));
        content.Add(new Spacer(10));
        content.Add(new TextBlock($"Key results in {model.PeriodLabel} compared with {model.PreviousPeriodLabel}:") { SpaceAfter = 4, KeepWithNext = true });
        content.Add(Table(
            [new TableColumn(0.6f), new TableColumn(3.4f), new TableColumn(1.4f, TextAlignment.Right), new TableColumn(1.4f, TextAlignment.Right), new TableColumn(1.2f, TextAlignment.Right)],
            ["", "Metric", model.PeriodLabel, model.PreviousPeriodLabel, "Change"],
            model.Summary.Select(s => new[] { s.MetricId, NameWithUnit(s.Name, s.Unit), Format(s.Current, s.Unit), Format(s.Previous, s.Unit), Change(s) })));
        content.Add(PageBreak.Instance);
    }

    // The two words a reader meets in every table are explained here, once, before their first use.
    private static void Legend(OutcomeReportModel model, List<PdfElement> content)
    {
        var figures = Figures(model).ToList();
        var lines = new List<PdfElement>();
        if (figures.Any(f => f.Withheld))
        {
            lines.Add(new TextBlock([new TextSpan(WithheldText, Bold: true), new TextSpan(
                $": fewer than {model.Threshold} youth, events or records behind the figure, or a figure from which a withheld one could be worked out.")])
            { FontSize = Small, SpaceAfter = 2 });
        }

        if (figures.Any(f => f is { Withheld: false, Value: null }))
        {
            lines.Add(new TextBlock([new TextSpan(NotApplicableText, Bold: true), new TextSpan(": nothing to divide by in this period.")]) { FontSize = Small, SpaceAfter = 2 });
        }

        if (lines.Count > 0)
        {
            content.Add(new KeepTogether(new Column(lines)));
            content.Add(new Spacer(6));
        }
    }

    // Every figure the report prints as a number, "withheld" or "n/a"; a metric that is not recorded prints neither.
    private static IEnumerable<Figure> Figures(OutcomeReportModel model)
    {
        foreach (var o in model.Overview)
        {
            yield return o.Value;
        }

        foreach (var s in model.Summary)
        {
            yield return s.Current;
            yield return s.Previous;
        }

        foreach (var m in model.Sections.SelectMany(s => s.Metrics).Where(m => m.Recorded))
        {
            yield return m.Value;
            yield return m.Numerator;
            yield return m.Denominator;
            foreach (var f in m.Parts.Select(p => p.Count).Concat(m.Statistics.Select(s => s.Value)))
            {
                yield return f;
            }

            if (m.Parts.Count > 0)
            {
                yield return m.PartsTotal;
            }
        }

        foreach (var p in model.Trends.SelectMany(t => t.Points))
        {
            yield return p.Value;
        }

        foreach (var q in model.DataQuality)
        {
            yield return q.Lacking;
            yield return q.Checked;
        }
    }

    private static string Change(SummaryRow row)
    {
        if (!row.Current.IsPublished || !row.Previous.IsPublished)
        {
            return "—";
        }

        var decimals = Decimals(row.Unit);
        var change = Math.Round(row.Current.Value!.Value - row.Previous.Value!.Value, decimals, MidpointRounding.AwayFromZero);
        var digits = decimals > 0 ? "." + new string('0', decimals) : "";
        var text = change.ToString($"+#,##0{digits};−#,##0{digits};0{digits}", CultureInfo.InvariantCulture);
        return row.Unit == "%" ? text + " pts" : text;
    }

    private static void Section(ReportSection section, List<PdfElement> content)
    {
        content.Add(Title(section.Area));
        content.Add(Table(
            [new TableColumn(0.5f), new TableColumn(3.6f), new TableColumn(1.3f, TextAlignment.Right), new TableColumn(1.3f, TextAlignment.Right), new TableColumn(1.4f, TextAlignment.Right)],
            ["", "Metric", "Result", "Numerator", "Denominator"],
            section.Metrics.Select(m => m.Recorded
                ? new[] { m.Id, NameWithUnit(m.Name, m.Unit), Format(m.Value, m.Unit), Format(m.Numerator), Format(m.Denominator) }
                : [m.Id, m.Name, "not recorded", "", ""])));
        content.Add(new Spacer(10));
        foreach (var metric in section.Metrics.Where(m => m.Parts.Count > 0 || m.Statistics.Count > 0 || m.Note is { Length: > 0 }))
        {
            content.Add(Detail(metric));
        }

        content.Add(new Spacer(8));
    }

    // A metric's breakdown (label | count) and statistics (label | value) as two small tables side by side.
    private static KeepTogether Detail(MetricRow metric)
    {
        var children = new List<PdfElement>
        {
            new TextBlock([new TextSpan(metric.Id + " ", Bold: true), new TextSpan(metric.Name, Bold: true)]) { SpaceAfter = 3 },
        };
        var tables = new List<PdfElement>();
        if (metric.Parts.Count > 0)
        {
            var rows = metric.Parts.Select(p => new[] { p.Label, Format(p.Count) }).Append(["Total", Format(metric.PartsTotal)]);
            tables.Add(Table([new TableColumn(3), new TableColumn(1, TextAlignment.Right)], ["Breakdown", "Count"], rows));
        }

        if (metric.Statistics.Count > 0)
        {
            tables.Add(Table([new TableColumn(3), new TableColumn(1.3f, TextAlignment.Right)], ["Statistic", "Value"], metric.Statistics.Select(s => new[] { s.Label, Statistic(s) })));
        }

        if (tables.Count > 0)
        {
            children.Add(new Row([new RowCell(tables[0]), new RowCell(tables.Count > 1 ? tables[1] : new Spacer(0))], 14));
        }

        if (metric.Note is { Length: > 0 } note)
        {
            children.Add(new Spacer(3));
            children.Add(new TextBlock(note, italic: true) { FontSize = Small });
        }

        children.Add(new Spacer(10));
        return new KeepTogether(new Column(children));
    }

    // "12.5 hours", "40.0%", "15" for "Exits with a T-score": the unit is left off where the label already names it.
    private static string Statistic(StatisticRow statistic)
    {
        var value = Format(statistic.Value, statistic.Unit);
        var words = statistic.Label.Split([' ', '-', ',', '(', ')'], StringSplitOptions.RemoveEmptyEntries);
        return !statistic.Value.IsPublished || statistic.Unit is "%" or "" || words.Contains(statistic.Unit, StringComparer.OrdinalIgnoreCase)
            ? value
            : $"{value} {statistic.Unit}";
    }

    private static void Trends(OutcomeReportModel model, List<PdfElement> content)
    {
        content.Add(PageBreak.Instance);
        content.Add(Title("Trends over the last eight quarters", spaceAfter: 4));
        content.Add(new TextBlock("A line breaks at a quarter that is withheld or n/a: that quarter is shaded, and every quarter's value is listed under its chart.") { FontSize = Small, SpaceAfter = 8 });
        foreach (var series in model.Trends)
        {
            PdfElement chart = EmptyChartReason(series, model.Threshold) is { } reason
                ? new Table([new TableColumn(1, TextAlignment.Center)], [[new TextBlock(reason, italic: true)]], []) { CellPadding = 16, RowLines = false }
                : new Chart(TrendChart(series), 170);
            content.Add(new KeepTogether(new Column(
            [
                new TextBlock($"{series.MetricId} {NameWithUnit(series.Name, series.Unit)}", bold: true) { FontSize = Subheading, SpaceAfter = 2 },
                chart,
                new Spacer(4),
                QuarterValues(series),
                new Spacer(14),
            ])));
        }
    }

    private static Table QuarterValues(TrendSeries series)
    {
        var columns = series.Points.Select(_ => new TableColumn(1, TextAlignment.Center)).ToList();
        return new Table(
            columns,
            [[.. series.Points.Select(p => (PdfElement)new TextBlock(p.Quarter, bold: true) { FontSize = 8 })]],
            [[.. series.Points.Select(p => (PdfElement)new TextBlock(Format(p.Value, series.Unit)) { FontSize = 8 })]])
        {
            CellPadding = 2,
        };
    }

    /// A trend as the report draws it, as SVG markup for a web page: the director's start page shows the same chart
    /// the evaluators read.
    public static string TrendSvg(TrendSeries series, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(series);
        PdfFonts.RegisterWithScottPlot();
        return TrendChart(series).GetSvgHtml(width, height);
    }

    private static ScottPlot.Plot TrendChart(TrendSeries series)
    {
        var plot = new ScottPlot.Plot();
        for (var i = 0; i < series.Points.Count; i++)
        {
            if (!series.Points[i].Value.IsPublished)
            {
                var gap = plot.Add.HorizontalSpan(i - 0.45, i + 0.45);
                gap.FillStyle.Color = GapColor;
                gap.LineStyle.Width = 0;
            }
        }

        var segments = Segments(series.Points);
        foreach (var segment in segments)
        {
            var line = plot.Add.Scatter(segment.Select(p => (double)p.Quarter).ToArray(), segment.Select(p => p.Value).ToArray());
            line.Color = LineColor;
            line.LineWidth = 2;
            line.MarkerSize = 6;
        }

        plot.Axes.Bottom.SetTicks([.. series.Points.Select((_, i) => (double)i)], [.. series.Points.Select(p => p.Quarter)]);
        plot.Axes.SetLimitsX(-0.5, series.Points.Count - 0.5);
        var top = segments.Count == 0 ? 1 : segments.SelectMany(s => s).Max(p => p.Value);
        plot.Axes.SetLimitsY(0, series.Unit == "%" ? 105 : Math.Max(1, top * 1.15));
        plot.Axes.Left.Label.Text = series.Unit == "%" ? "%" : series.Unit.Replace("resident-days", "days", StringComparison.Ordinal);
        plot.Axes.Left.Label.FontSize = 10;
        plot.Axes.Left.TickLabelStyle.FontSize = 9;
        plot.Axes.Bottom.TickLabelStyle.FontSize = 9;
        return plot;
    }

    /// "Youth with an episode (%)", but not "Episodes per 1,000 resident-days (per 1,000 resident-days)".
    private static string NameWithUnit(string name, string unit) =>
        name.Contains(unit, StringComparison.Ordinal) ? name : $"{name} ({unit})";

    private static void Methods(OutcomeReportModel model, List<PdfElement> content)
    {
        content.Add(PageBreak.Instance);
        content.Add(Title("Methods"));
        content.Add(new TextBlock(
            "The reporting period P runs from its first to its last day, both included. Youth served are the distinct youth with at least one day in care in P. "
            + "Resident-days add up, over every stay, the nights in care within P: the admission day counts, the discharge day does not, and days while missing from care count. "
            + "Exits are stays that ended in P. A rate per 1,000 resident-days is the count divided by resident-days, times 1,000. The missing-from-care clock starts when "
            + "the program learned the youth was missing (or, by policy, when the youth was determined missing). Every percentage is shown with its numerator and denominator. "
            + "Counts are shown without decimals, rates per 1,000 resident-days with two, percentages and all other values with one.")
        { SpaceAfter = 6 });

        content.Add(new TextBlock(
            $"Small cells: every count from 1 to {model.Threshold - 1} is withheld, and so is any other figure from which a withheld count could be worked out, "
            + $"alone or together with the rest of the report and the previous period's report. Medians and means over fewer than {model.Threshold} records are withheld. Zero is shown.")
        { SpaceAfter = 6 });
        if (model.Disclosure is { Length: > 0 } disclosure)
        {
            content.Add(new TextBlock([new TextSpan("Disclosure check: ", Bold: true), new TextSpan(disclosure)]) { SpaceAfter = 6 });
        }

        content.Add(new TextBlock(
            "Events are counted in the period in which they happened, however late they were recorded: a debrief, screen, police report, review or "
            + "signature after the period's end counts against its own due time. A report requested again later counts what was recorded since, "
            + "so a later version may differ from an earlier one for the same period.") { FontSize = 9, SpaceAfter = 4 });
        content.Add(new Spacer(4));
        foreach (var method in model.Methods)
        {
            content.Add(new KeepTogether(new Column(
            [
                new TextBlock([new TextSpan($"{method.Id} {method.Name}", Bold: true), new TextSpan($" · {method.Area}", Italic: true)]) { SpaceAfter = 2 },
                new TextBlock(method.Definition) { FontSize = Small, SpaceAfter = 2 },
                new TextBlock([new TextSpan("Numerator: ", Italic: true), new TextSpan(method.Numerator), new TextSpan(". Denominator: ", Italic: true), new TextSpan(method.Denominator + ".")]) { FontSize = Small, SpaceAfter = 8 },
            ])));
        }
    }

    private static void DataQuality(OutcomeReportModel model, List<PdfElement> content)
    {
        content.Add(new Spacer(6));
        content.Add(Title("Data quality"));
        content.Add(new TextBlock("How many records of the period lacked each field the metrics rely on. A record lacking a field is left out of the metrics that need it.") { SpaceAfter = 6, KeepWithNext = true });
        content.Add(Table(
            [new TableColumn(4), new TableColumn(1.2f, TextAlignment.Right), new TableColumn(1.2f, TextAlignment.Right)],
            ["Field", "Records lacking it", "Records checked"],
            model.DataQuality.Select(q => new[] { q.Field, Format(q.Lacking), Format(q.Checked) })));
    }

    private static TextBlock Title(string text, float spaceAfter = 6) =>
        new(text, bold: true) { FontSize = Heading, SpaceAfter = spaceAfter, KeepWithNext = true };

    private static Row Facts(IEnumerable<(string Label, string Value)> facts) =>
        new(
        [
            new RowCell(new Column([.. facts.Select(f => new TextBlock(f.Label, bold: true) { SpaceAfter = 4 })]), 1),
            new RowCell(new Column([.. facts.Select(f => new TextBlock(f.Value) { SpaceAfter = 4 })]), 3),
        ]);

    private static Table Table(IReadOnlyList<TableColumn> columns, IReadOnlyList<string> header, IEnumerable<string[]> rows) =>
        new(
            columns,
            [[.. header.Select(h => (PdfElement)new TextBlock(h, bold: true) { FontSize = Small })]],
            [.. rows.Select(r => (IReadOnlyList<PdfElement>)[.. r.Select(c => (PdfElement)new TextBlock(c) { FontSize = Small })])])
        {
            ZebraStripes = true,
        };
}
