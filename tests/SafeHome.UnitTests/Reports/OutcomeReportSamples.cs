using SafeHome.Domain.Outcomes;
using SafeHome.Reports.Outcomes;
using SafeHome.UnitTests.Outcomes;

namespace SafeHome.UnitTests.Reports;

// Report models for the PDF tests. Each starts from the worked example and changes it with `with`, so the samples
// keep compiling while the model gains fields.
internal static class OutcomeReportSamples
{
    public const int Threshold = 11;

    private static readonly DateTime GeneratedAt = new(2026, 4, 10, 9, 0, 0, DateTimeKind.Utc);

    // Built once: the model is immutable, and building it runs the disclosure audit.
    private static readonly Lazy<OutcomeReportModel> Worked = new(() =>
        OutcomeReport.Build(OutcomeScenario.Build(), OutcomeScenario.Q1, new OutcomeReportSettings("Invented Program", Threshold, new MetricOptions()), GeneratedAt, 1));

    public static OutcomeReportModel WorkedExample() => Worked.Value;

    public static Figure Value(double value) => new(value, false, "value");

    public static Figure Withheld { get; } = Figure.Hidden with { Format = "value" };

    public static Figure NotApplicable { get; } = Figure.NotApplicable with { Format = "value" };

    public static TrendSeries Trend(string id, string name, string unit, params Figure[] points) =>
        new(id, name, unit, [.. points.Select((f, i) => new TrendPoint($"{2024 + ((i + 1) / 4)} Q{((i + 1) % 4) + 1}", f))]);

    // Sections of uneven length, so that over a long report some heading comes near the foot of a page.
    public static OutcomeReportModel ManySections(int sections)
    {
        var model = WorkedExample();
        var metrics = model.Sections.SelectMany(s => s.Metrics).ToList();
        var random = new Random(sections);
        return model with
        {
            Sections =
            [
                .. Enumerable.Range(1, sections).Select(i => new ReportSection(
                    $"Area {i} of the program",
                    [.. Enumerable.Range(0, 1 + random.Next(5)).Select(_ => metrics[random.Next(metrics.Count)])])),
            ],
        };
    }
}
