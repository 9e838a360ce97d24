namespace SafeHome.Domain.Outcomes;

public enum MetricStatus
{
    Computed,

    /// The app does not hold the data this metric needs yet; <see cref="MetricResult.Note"/> says what is missing.
    NotRecorded,
}

/// One disjoint share of a metric's <see cref="MetricResult.N"/>; a result's parts add up to N, so the report can run
/// small-cell suppression over them. The parts marked <paramref name="InNumerator"/> add up to the numerator: the report
/// needs to know what every printed figure is built on to keep withheld counts from being worked back.
public sealed record MetricPart(string Label, long Count, bool InNumerator = false);

public enum StatisticKind
{
    /// A count: the sum of the parts in <see cref="MetricStatistic.Over"/>, or a count of its own.
    Count,

    /// A percentage: 100 × (the parts in <see cref="MetricStatistic.Of"/>, or a count of its own) ÷ the parts in Over.
    Share,

    /// A median, quartile or mean over the records the parts in Over (or a count of its own) count.
    Summary,
}

/// A count that is not a sum of the breakdown's parts (episodes still open, exits holding one document). A reader
/// knows it is at least the parts in <paramref name="AtLeast"/> and at most those in <paramref name="AtMost"/> (when
/// given); <paramref name="Key"/> names it where other figures count the same thing ("current residents").
public sealed record OwnCount(string Key, long Count, IReadOnlyList<int>? AtLeast = null, IReadOnlyList<int>? AtMost = null);

/// A figure printed beside a metric, with what it is built on (<see cref="StatisticKind"/>).
public sealed record MetricStatistic(string Label, double? Value, string Unit)
{
    public StatisticKind Kind { get; init; } = StatisticKind.Count;

    public IReadOnlyList<int> Over { get; init; } = [];

    public IReadOnlyList<int> Of { get; init; } = [];

    public OwnCount? Own { get; init; }

    public static MetricStatistic CountOf(string label, long value, string unit, params int[] parts) =>
        new(label, value, unit) { Over = parts };

    public static MetricStatistic Separate(string label, OwnCount own, string unit) =>
        new(label, own.Count, unit) { Own = own };

    public static MetricStatistic Share(string label, double? value, int[] of, int[] over) =>
        new(label, value, "%") { Kind = StatisticKind.Share, Of = of, Over = over };

    public static MetricStatistic ShareOfOwn(string label, double? value, OwnCount own, int[] over) =>
        new(label, value, "%") { Kind = StatisticKind.Share, Own = own, Over = over };

    public static MetricStatistic SummaryOf(string label, double? value, string unit, params int[] parts) =>
        new(label, value, unit) { Kind = StatisticKind.Summary, Over = parts };

    public static MetricStatistic SummaryOfOwn(string label, double? value, string unit, OwnCount own) =>
        new(label, value, unit) { Kind = StatisticKind.Summary, Own = own };
}

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
public sealed record DataQualityItem(string Field, long RecordsLacking, long RecordsChecked)
{
    /// Where the same counts are printed in a metric's breakdown: the lacking records are the parts in
    /// <see cref="LackingParts"/> of <see cref="Metric"/>, the checked ones those in <see cref="CheckedParts"/>.
    public string? Metric { get; init; }

    public IReadOnlyList<int> LackingParts { get; init; } = [];

    public IReadOnlyList<int> CheckedParts { get; init; } = [];

    /// Otherwise the population checked, when the report prints it elsewhere: "exits" or "returns".
    public string? Population { get; init; }
}

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

