namespace SafeHome.Domain.Outcomes;

public enum MetricStatus
{
    Computed,

    /// The app does not hold the data this metric needs yet; <see cref="MetricResult.Note"/> says what is missing.
    NotRecorded,
}

/// One disjoint share of a metric's <see cref="MetricResult.N"/>; a result's parts add up to N, so the report can run
/// small-cell suppression over them.
public sealed record MetricPart(string Label, long Count);

public sealed record MetricStatistic(string Label, double? Value, string Unit);

/// <param name="N">The people or records behind the value. For a proportion it equals the denominator; for a rate per
/// 1,000 resident-days it is the count of events (the denominator then being resident-days); for a median it is the
/// number of records the median is taken over.</param>
/// <param name="Value">The percentage, rate or median; null when there is nothing to divide by.</param>
public sealed record MetricResult(
    MetricDefinition Definition,
    MetricStatus Status,
    long Numerator,
    long Denominator,
    long N,
    double? Value,
    IReadOnlyList<MetricPart> Parts,
    IReadOnlyList<MetricStatistic> Statistics,
    string? Note = null)
{
    public string Id => Definition.Id;

    public static MetricResult NotRecorded(MetricDefinition definition, string note)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new(definition, MetricStatus.NotRecorded, 0, 0, 0, null, [], [], note);
    }
}

/// <param name="Field">What is missing, in words for the report.</param>
public sealed record DataQualityItem(string Field, long RecordsLacking, long RecordsChecked);

public sealed record MetricSet(
    ReportingPeriod Period,
    long YouthServed,
    long ResidentDays,
    long Admissions,
    long Exits,
    long CurrentResidentsAtEnd,
    IReadOnlyList<MetricResult> Results,
    IReadOnlyList<DataQualityItem> DataQuality)
{
    public MetricResult this[string id] =>
        Results.FirstOrDefault(r => r.Id == id) ?? throw new KeyNotFoundException($"No metric with id {id}.");
}

public sealed record MetricTrendPoint(ReportingPeriod Period, long Numerator, long Denominator, double? Value)
{
    public string Label => Period.Label;
}

public sealed record MetricTrend(MetricDefinition Definition, IReadOnlyList<MetricTrendPoint> Points);
