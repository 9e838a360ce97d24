namespace SafeHome.Domain.Outcomes;

/// Computes the outcome metrics of DOMAIN.md §8 from plain rows. Pure: the same dataset, period and options always
/// give the same numbers, so the methods appendix can be checked by hand.
public static partial class OutcomeMetrics
{
    // Counts that several figures of a report print: the report links them so a reader's arithmetic across figures is
    // part of its disclosure audit.
    public const string CurrentResidentsKey = "current residents";
    public const string ExitsKey = "exits";
    private const string HoursUnit = "hours";
    private const string DaysUnit = "days";

    private static readonly Dictionary<string, string> NotRecordedNotes = new()
    {
        ["M12"] = "Follow-up contact after discharge (date, whether the youth was reached, any exploitation event reported) is not recorded yet.",
        ["M14"] = "School attendance days (AttendanceDay) are not recorded yet.",
        ["M15"] = "Health encounters (initial health exam, dental and behavioral health assessment dates) are not recorded yet.",
        ["M21"] = "Symptom measure administrations (CATS, UCLA PTSD-RI, CPSS scores) are not recorded yet.",
        ["M22"] = "CANS administrations (item ratings for needs and strengths) are not recorded yet.",
        ["M23"] = "Casey Life Skills Assessment administrations (domain scores) are not recorded yet.",
        ["M25"] = "Youth satisfaction surveys (offered, returned, scores) are not recorded yet.",
    };

    /// Nights in care within <paramref name="period"/>: the admission day counts, the discharge day does not, days
    /// while missing count, and days after <paramref name="through"/> are not counted.
    public static long ResidentDays(StayFact stay, ReportingPeriod period, DateOnly? through = null)
    {
        ArgumentNullException.ThrowIfNull(stay);
        var from = Math.Max(stay.AdmittedOn.DayNumber, period.Start.DayNumber);
        var to = Math.Min(stay.DischargedOn?.DayNumber ?? int.MaxValue, period.End.DayNumber + 1);
        if (through is { } last)
        {
            to = Math.Min(to, last.DayNumber + 1);
        }

        return Math.Max(0, to - from);
    }

    public static long ResidentDays(IEnumerable<StayFact> stays, ReportingPeriod period, DateOnly? through = null)
    {
        ArgumentNullException.ThrowIfNull(stays);
        return stays.Sum(s => ResidentDays(s, period, through));
    }

    public static MetricSet Compute(MetricDataset data, ReportingPeriod period, MetricOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var index = MetricIndex.For(data, options ?? MetricOptions.Default);
        return new PeriodComputation(index, period).Run();
    }

    internal static double? Percent(long numerator, long denominator) => denominator == 0 ? null : 100.0 * numerator / denominator;

    internal static double? PerThousand(long numerator, long residentDays) => residentDays == 0 ? null : 1000.0 * numerator / residentDays;

    /// Linear interpolation between closest ranks (Hyndman and Fan type 7, the spreadsheet default).
    internal static double? Quantile(double[] sorted, double p)
    {
        if (sorted.Length == 0)
        {
            return null;
        }

        var h = (sorted.Length - 1) * p;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
