using System.Globalization;
using SafeHome.Reports.Pdf;

namespace SafeHome.Reports.Outcomes;

public sealed record RenderedReport(byte[] Bytes, int PageCount);

/// The outcome report as a PDF: cover, summary against the previous period, one section per area, trend charts, the
/// methods appendix and data quality. It draws only what <see cref="OutcomeReportModel"/> holds.
public static class OutcomeReportPdf
{
    private const float Heading = 15;
    private const float Subheading = 12;

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

    public static string Format(Figure figure, string unit = "")
    {
        if (figure.Withheld)
        {
            return "withheld";
        }

        if (figure.Value is not { } value)
        {
            return "n/a";
        }

        if (figure.Format == "count")
        {
            return value.ToString("N0", CultureInfo.InvariantCulture);
        }

        return unit == "%" ? value.ToString("0.0", CultureInfo.InvariantCulture) + "%" : value.ToString("0.0#", CultureInfo.InvariantCulture);
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
        content.Add(new TextBlock("Summary of key results", bold: true) { FontSize = Heading, SpaceAfter = 6 });
        content.Add(new TextBlock($"The program in {model.PeriodLabel}:") { SpaceAfter = 4 });
        content.Add(Table(
            [new TableColumn(3), new TableColumn(1, TextAlignment.Right)],
            ["Measure", model.PeriodLabel],
            model.Overview.Select(o => new[] { o.Label, Format(o.Value) })));
        content.Add(new Spacer(10));
        content.Add(new TextBlock($"Key results in {model.PeriodLabel} compared with {model.PreviousPeriodLabel}:") { SpaceAfter = 4 });
        content.Add(Table(
            [new TableColumn(0.6f), new TableColumn(3.4f), new TableColumn(1.4f, TextAlignment.Right), new TableColumn(1.4f, TextAlignment.Right), new TableColumn(1.2f, TextAlignment.Right)],
            ["", "Metric", model.PeriodLabel, model.PreviousPeriodLabel, "Change"],
            model.Summary.Select(s => new[] { s.MetricId, NameWithUnit(s.Name, s.Unit), Format(s.Current, s.Unit), Format(s.Previous, s.Unit), Change(s) })));
        content.Add(PageBreak.Instance);
    }

    private static string Change(SummaryRow row)
    {
        if (!row.Current.IsPublished || !row.Previous.IsPublished)
        {
            return "—";
        }

        var change = row.Current.Value!.Value - row.Previous.Value!.Value;
        var text = change.ToString("+0.0;−0.0;0.0", CultureInfo.InvariantCulture);
        return row.Unit == "%" ? text + " pts" : text;
    }

    private static void Section(ReportSection section, List<PdfElement> content)
    {
        content.Add(new TextBlock(section.Area, bold: true) { FontSize = Heading, SpaceAfter = 6 });
        content.Add(Table(
            [new TableColumn(0.5f), new TableColumn(2.5f), new TableColumn(1.2f, TextAlignment.Right), new TableColumn(1.2f, TextAlignment.Right), new TableColumn(1.5f, TextAlignment.Right), new TableColumn(2.9f)],
            ["", "Metric", "Result", "Numerator", "Denominator", "Breakdown"],
            section.Metrics.Select(m => m.Recorded
                ? new[] { m.Id, NameWithUnit(m.Name, m.Unit), Format(m.Value, m.Unit), Format(m.Numerator), Format(m.Denominator), Breakdown(m) }
                : [m.Id, m.Name, "not recorded", "", "", m.Note ?? ""])));
        content.Add(new Spacer(14));
    }

    private static string Breakdown(MetricRow metric)
    {
        var parts = metric.Parts.Select(p => $"{p.Label}: {Format(p.Count)}");
        var statistics = metric.Statistics.Select(s => s.Value.IsPublished && s.Unit != "%" ? $"{s.Label}: {Format(s.Value)} {s.Unit}".TrimEnd() : $"{s.Label}: {Format(s.Value, s.Unit)}");
        var text = string.Join("; ", parts.Concat(statistics));
        return metric.Note is { Length: > 0 } note ? $"{text}{(text.Length > 0 ? ". " : "")}{note}" : text;
    }

    private static void Trends(OutcomeReportModel model, List<PdfElement> content)
    {
        content.Add(PageBreak.Instance);
        content.Add(new TextBlock("Trends over the last eight quarters", bold: true) { FontSize = Heading, SpaceAfter = 4 });
        content.Add(new TextBlock("A quarter whose figure is withheld is left out of the line; its value is listed as withheld.") { FontSize = 9, SpaceAfter = 8 });
        foreach (var series in model.Trends)
        {
            var chart = new Chart(TrendChart(series), 170);
            var values = new TextBlock(string.Join("   ", series.Points.Select(p => $"{p.Quarter}: {Format(p.Value, series.Unit)}"))) { FontSize = 8, SpaceAfter = 12 };
            content.Add(new KeepTogether(new Column(
            [
                new TextBlock($"{series.MetricId} {NameWithUnit(series.Name, series.Unit)}", bold: true) { FontSize = Subheading, SpaceAfter = 2 },
                chart,
                values,
            ])));
        }
    }

    private static ScottPlot.Plot TrendChart(TrendSeries series)
    {
        var plot = new ScottPlot.Plot();
        var published = series.Points.Select((p, i) => (p, i)).Where(x => x.p.Value.IsPublished).ToList();
        if (published.Count > 0)
        {
            var line = plot.Add.Scatter(published.Select(x => (double)x.i).ToArray(), published.Select(x => x.p.Value.Value!.Value).ToArray());
            line.LineWidth = 2;
            line.MarkerSize = 6;
        }

        plot.Axes.Bottom.SetTicks([.. series.Points.Select((_, i) => (double)i)], [.. series.Points.Select(p => p.Quarter)]);
        plot.Axes.SetLimitsX(-0.5, series.Points.Count - 0.5);
        var top = published.Count == 0 ? 1 : published.Max(x => x.p.Value.Value!.Value);
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
        content.Add(new TextBlock("Methods", bold: true) { FontSize = Heading, SpaceAfter = 6 });
        content.Add(new TextBlock(
            "The reporting period P runs from its first to its last day, both included. Youth served are the distinct youth with at least one day in care in P. "
            + "Resident-days add up, over every stay, the nights in care within P: the admission day counts, the discharge day does not, and days while missing from care count. "
            + "Exits are stays that ended in P. A rate per 1,000 resident-days is the count divided by resident-days, times 1,000. The missing-from-care clock starts when "
            + "the program learned the youth was missing (or, by policy, when the youth was determined missing). Every percentage is shown with its numerator and denominator.")
        { SpaceAfter = 6 });
        content.Add(new TextBlock(
            $"Small cells: every count from 1 to {model.Threshold - 1} is withheld, and in each table a second figure is withheld wherever one withheld count could otherwise be "
            + $"worked out from a total (complementary suppression). Medians and means over fewer than {model.Threshold} records are withheld. Zero is shown.")
        { SpaceAfter = 10 });
        foreach (var method in model.Methods)
        {
            content.Add(new KeepTogether(new Column(
            [
                new TextBlock([new TextSpan($"{method.Id} {method.Name}", Bold: true), new TextSpan($" · {method.Area}", Italic: true)]) { SpaceAfter = 2 },
                new TextBlock(method.Definition) { FontSize = 9, SpaceAfter = 2 },
                new TextBlock([new TextSpan("Numerator: ", Italic: true), new TextSpan(method.Numerator), new TextSpan(". Denominator: ", Italic: true), new TextSpan(method.Denominator + ".")]) { FontSize = 9, SpaceAfter = 8 },
            ])));
        }
    }

    private static void DataQuality(OutcomeReportModel model, List<PdfElement> content)
    {
        content.Add(new TextBlock("Data quality", bold: true) { FontSize = Heading, SpaceAfter = 6 });
        content.Add(new TextBlock("How many records of the period lacked each field the metrics rely on. A record lacking a field is left out of the metrics that need it.") { SpaceAfter = 6 });
        content.Add(Table(
            [new TableColumn(4), new TableColumn(1.2f, TextAlignment.Right), new TableColumn(1.2f, TextAlignment.Right)],
            ["Field", "Records lacking it", "Records checked"],
            model.DataQuality.Select(q => new[] { q.Field, Format(q.Lacking), Format(q.Checked) })));
    }

    private static Row Facts(IEnumerable<(string Label, string Value)> facts) =>
        new(
        [
            new RowCell(new Column([.. facts.Select(f => new TextBlock(f.Label, bold: true) { SpaceAfter = 4 })]), 1),
            new RowCell(new Column([.. facts.Select(f => new TextBlock(f.Value) { SpaceAfter = 4 })]), 3),
        ]);

    private static Table Table(IReadOnlyList<TableColumn> columns, IReadOnlyList<string> header, IEnumerable<string[]> rows) =>
        new(
            columns,
            [[.. header.Select(h => (PdfElement)new TextBlock(h, bold: true) { FontSize = 9 })]],
            [.. rows.Select(r => (IReadOnlyList<PdfElement>)[.. r.Select(c => (PdfElement)new TextBlock(c) { FontSize = 9 })])])
        {
            ZebraStripes = true,
        };
}
