namespace SafeHome.Reports.Outcomes;

/// What an outcome report says, and nothing more: labels, quarter or year names, and figures already through
/// small-cell suppression (DOMAIN.md §9, SECURITY.md D3). There is no resident row, id, date of birth or day in it by
/// construction: every figure is a <see cref="Figure"/> (a published number or "withheld") and every date a period
/// label, so nothing downstream (the PDF, a future export) can leak what this model never held.
public sealed record OutcomeReportModel(
    string ProgramName,
    string PeriodLabel,
    string PreviousPeriodLabel,
    string GeneratedAt,
    int Version,
    int Threshold,
    IReadOnlyList<OverviewFigure> Overview,
    IReadOnlyList<SummaryRow> Summary,
    IReadOnlyList<ReportSection> Sections,
    IReadOnlyList<TrendSeries> Trends,
    IReadOnlyList<MethodEntry> Methods,
    IReadOnlyList<DataQualityRow> DataQuality,
    int SuppressedCells)
{
    /// The disclosure audit's result in words, for the methods appendix.
    public string Disclosure { get; init; } = "";
}

/// A published number, or a withheld one (<see cref="Value"/> null, shown as "<threshold" or "withheld"). A figure
/// that is not applicable (nothing to divide by) is <see cref="NotApplicable"/>.
public readonly record struct Figure(double? Value, bool Withheld, string Format)
{
    public static Figure Count(long value) => new(value, false, "count");

    public static Figure Hidden { get; } = new(null, true, "count");

    public static Figure NotApplicable { get; } = new(null, false, "count");

    public bool IsPublished => Value is not null && !Withheld;
}

public sealed record OverviewFigure(string Label, Figure Value);

public sealed record SummaryRow(string MetricId, string Name, string Unit, Figure Current, Figure Previous);

public sealed record ReportSection(string Area, IReadOnlyList<MetricRow> Metrics);

/// One metric in its section: the headline value with numerator and denominator, its breakdown and statistics, or
/// why it is not recorded.
public sealed record MetricRow(
    string Id,
    string Name,
    string Unit,
    bool Recorded,
    Figure Value,
    Figure Numerator,
    Figure Denominator,
    IReadOnlyList<PartRow> Parts,
    Figure PartsTotal,
    IReadOnlyList<StatisticRow> Statistics,
    string? Note);

public sealed record PartRow(string Label, Figure Count);

public sealed record StatisticRow(string Label, Figure Value, string Unit);

public sealed record TrendSeries(string MetricId, string Name, string Unit, IReadOnlyList<TrendPoint> Points);

public sealed record TrendPoint(string Quarter, Figure Value);

public sealed record MethodEntry(string Id, string Name, string Area, string Numerator, string Denominator, string Definition);

public sealed record DataQualityRow(string Field, Figure Lacking, Figure Checked);
