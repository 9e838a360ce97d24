using System.Globalization;
using System.Net;
using System.Text;
using SafeHome.Reports.Pdf;

namespace SafeHome.Benchmarks;

// The benchmark content: a long metric table with a repeated header and one line chart, all synthetic.
public static class MetricReport
{
    public const int RowCount = 1400;
    public const float FontSize = 9;
    public const float Padding = 3;
    public const float ChartHeight = 260;
    public const string Title = "Synthetic metric report";

    public static readonly string[] Header = ["Metric", "Region", "Period", "Count", "Rate %", "Change"];

    public static readonly float[] RelativeWidths = [2.2f, 1.4f, 1.1f, 0.9f, 0.9f, 0.9f];

    // Numbers are right-aligned, labels left-aligned.
    public static readonly bool[] RightAligned = [false, false, false, true, true, true];

    private static readonly string[] Regions = ["North", "South", "East", "West", "Central", "Coastal"];

    public static string[][] Rows()
    {
        var random = new Random(1234);
        var rows = new string[RowCount][];
        for (var i = 0; i < RowCount; i++)
        {
            rows[i] =
            [
                string.Create(CultureInfo.InvariantCulture, $"Metric {i + 1:0000} service contacts"),
                Regions[i % Regions.Length],
                string.Create(CultureInfo.InvariantCulture, $"2025-Q{(i % 4) + 1}"),
                random.Next(0, 5000).ToString(CultureInfo.InvariantCulture),
                (random.NextDouble() * 100).ToString("0.0", CultureInfo.InvariantCulture),
                ((random.NextDouble() * 20) - 10).ToString("+0.0;-0.0", CultureInfo.InvariantCulture),
            ];
        }

        return rows;
    }

    public static (double[] Xs, double[] Ys) Series()
    {
        var xs = new double[52];
        var ys = new double[52];
        for (var i = 0; i < xs.Length; i++)
        {
            xs[i] = i + 1;
            ys[i] = 40 + (15 * Math.Sin(i / 6.0)) + (i * 0.3);
        }

        return (xs, ys);
    }

    public static ScottPlot.Plot Plot()
    {
        var (xs, ys) = Series();
        var plot = new ScottPlot.Plot();
        plot.Add.Scatter(xs, ys);
        plot.Title("Weekly contacts");
        plot.XLabel("Week");
        plot.YLabel("Contacts");
        return plot;
    }

    public static PdfDocument Document(string[][] rows, ScottPlot.Plot plot)
    {
        var columns = new TableColumn[Header.Length];
        for (var c = 0; c < columns.Length; c++)
        {
            columns[c] = new TableColumn(RelativeWidths[c], RightAligned[c] ? TextAlignment.Right : TextAlignment.Left);
        }

        var body = new IReadOnlyList<PdfElement>[rows.Length];
        for (var r = 0; r < rows.Length; r++)
        {
            var cells = new PdfElement[Header.Length];
            for (var c = 0; c < cells.Length; c++)
            {
                cells[c] = new TextBlock(rows[r][c]) { FontSize = FontSize };
            }

            body[r] = cells;
        }

        var header = Header.Select(h => (PdfElement)new TextBlock(h, bold: true) { FontSize = FontSize }).ToArray();
        var metadata = new PdfMetadata(Title, "Benchmark", "Benchmark content", "metrics", "SafeHome.Benchmarks", "SafeHome.Reports", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        return new PdfDocument(
            metadata,
            [
                new TextBlock(Title, bold: true) { FontSize = 14, SpaceAfter = 6 },
                new Chart(plot, ChartHeight),
                new Spacer(8),
                new Table(columns, [header], body) { CellPadding = Padding },
            ])
        {
            Footer = page => new TextBlock($"Page {page.PageNumber} of {page.PageCount}") { FontSize = 8, Alignment = TextAlignment.Center },
        };
    }

    public static string Html(string[][] rows)
    {
        var html = new StringBuilder(rows.Length * 200);
        html.Append("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>")
            .Append("body{font-family:'DejaVu Sans',sans-serif;font-size:9pt;margin:0}")
            .Append("h1{font-size:14pt;margin:0 0 6pt}")
            .Append("table{width:100%;border-collapse:collapse}thead{display:table-header-group}")
            .Append("th{background:#e6e6e6;text-align:left}th,td{padding:3pt;border-bottom:0.5pt solid #9a9a9a}")
            .Append("tr{break-inside:avoid}.n{text-align:right}")
            .Append("</style></head><body><h1>").Append(Title).Append("</h1>");
        AppendSvgChart(html);
        html.Append("<table><colgroup>");
        var total = RelativeWidths.Sum();
        foreach (var w in RelativeWidths)
        {
            html.Append(CultureInfo.InvariantCulture, $"<col style=\"width:{w / total * 100:0.##}%\">");
        }

        html.Append("</colgroup><thead><tr>");
        for (var c = 0; c < Header.Length; c++)
        {
            html.Append(RightAligned[c] ? "<th class=\"n\">" : "<th>").Append(Header[c]).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append("<tr>");
            for (var c = 0; c < row.Length; c++)
            {
                html.Append(RightAligned[c] ? "<td class=\"n\">" : "<td>").Append(WebUtility.HtmlEncode(row[c])).Append("</td>");
            }

            html.Append("</tr>");
        }

        return html.Append("</tbody></table></body></html>").ToString();
    }

    private static void AppendSvgChart(StringBuilder html)
    {
        var (xs, ys) = Series();
        const double width = 515, height = 260, left = 50, bottom = 35, top = 25;
        double minY = ys.Min(), maxY = ys.Max();
        html.Append(CultureInfo.InvariantCulture, $"<svg width=\"{width}pt\" height=\"{height}pt\" viewBox=\"0 0 {width} {height}\" style=\"font-size:9px\">")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"16\" text-anchor=\"middle\" font-size=\"13\">Weekly contacts</text>")
            .Append(CultureInfo.InvariantCulture, $"<rect x=\"{left}\" y=\"{top}\" width=\"{width - left - 10}\" height=\"{height - top - bottom}\" fill=\"none\" stroke=\"black\"/>")
            .Append("<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"");
        for (var i = 0; i < xs.Length; i++)
        {
            var x = left + ((xs[i] - 1) / (xs.Length - 1) * (width - left - 10));
            var y = top + ((maxY - ys[i]) / (maxY - minY) * (height - top - bottom));
            html.Append(CultureInfo.InvariantCulture, $"{x:0.#},{y:0.#} ");
        }

        html.Append("\"/>");
        for (var t = 0; t <= 5; t++)
        {
            var v = minY + ((maxY - minY) * t / 5);
            var y = top + ((maxY - v) / (maxY - minY) * (height - top - bottom));
            html.Append(CultureInfo.InvariantCulture, $"<text x=\"{left - 4}\" y=\"{y + 3:0.#}\" text-anchor=\"end\">{v:0}</text>");
        }

        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{width / 2}\" y=\"{height - 4}\" text-anchor=\"middle\">Week</text></svg>");
    }
}
