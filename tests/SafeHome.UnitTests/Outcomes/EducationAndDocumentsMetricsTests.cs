using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Residents;

namespace SafeHome.UnitTests.Outcomes;

/// M13 and M24 worked by hand for 2026 Q1 (census day 31 Mar 2026).
///
/// M13, residents and their education records:
///   R1  16, in care since 1 Jan          enrolled in school since 2025-09-01           → enrolled in school
///   R2  16, admitted 18 Mar (14th day)   GED program since 20 Mar                       → GED program
///   R3      admitted 19 Mar (13th day)                                                   → too new, left out
///   R4  turns 19 on 31 Mar                                                               → older, left out
///   R5  17                               diploma 2025-06-01, "not enrolled" from 15 Jan → diploma or GED
///   R6  15                               school until 31 Jan, not enrolled from 1 Feb    → not enrolled
///   R7  15                               school, ended 30 Mar                            → no status recorded
///   R8      discharged on 31 Mar (not in care that day)                                  → not counted
///   R9      admitted 1 Apr                                                               → not counted
///   R10 14                               no record                                       → no status recorded
///   Denominator 6 (R1, R2, R5, R6, R7, R10); numerator 3 (R1, R2, R5) = 50 %.
///
/// M24, exits in Q1 and the documents at exit:
///   R8  31 Mar  all five                              → all five
///   X1  10 Feb  all five                              → all five
///   X2  20 Feb  birth certificate, state ID           → some
///   X3   1 Feb  none (13 at discharge)                → none
///   X4   1 Mar  not recorded                          → not recorded
///   Denominator 5; numerator 2 = 40 %. Of the 4 recorded: birth certificate 3 (75 %), Social Security card 2 (50 %),
///   state ID 3 (75 %), insurance 2 (50 %), medical records 2 (50 %).
public sealed class EducationAndDocumentsMetricsTests
{
    private const double Precision = 1e-9;
    private static readonly ReportingPeriod Q1 = ReportingPeriod.Quarter(2026, 1);

    private static readonly Guid R1 = Id(1), R2 = Id(2), R3 = Id(3), R4 = Id(4), R5 = Id(5), R6 = Id(6), R7 = Id(7), R8 = Id(8), R9 = Id(9), R10 = Id(10);
    private static readonly Guid X1 = Id(21), X2 = Id(22), X3 = Id(23), X4 = Id(24);

    private static MetricDataset Build() => new()
    {
        Residents =
        [
            new(R1, new DateOnly(2010, 1, 1)),
            new(R2, new DateOnly(2009, 6, 1)),
            new(R3, new DateOnly(2010, 1, 1)),
            new(R4, new DateOnly(2007, 3, 31)),
            new(R5, new DateOnly(2008, 4, 1)),
            new(R6, new DateOnly(2011, 1, 1)),
            new(R7, new DateOnly(2011, 1, 1)),
            new(R8, new DateOnly(2012, 1, 1)),
            new(R9, new DateOnly(2012, 1, 1)),
            new(R10, new DateOnly(2011, 5, 1)),
            new(X1, new DateOnly(2009, 1, 1)),
            new(X2, new DateOnly(2009, 1, 1)),
            new(X3, new DateOnly(2012, 6, 1)),
            new(X4, new DateOnly(2009, 1, 1)),
        ],
        Stays =
        [
            Open(R1, new DateOnly(2026, 1, 1)),
            Open(R2, new DateOnly(2026, 3, 18)),
            Open(R3, new DateOnly(2026, 3, 19)),
            Open(R4, new DateOnly(2026, 1, 1)),
            Open(R5, new DateOnly(2025, 12, 1)),
            Open(R6, new DateOnly(2025, 11, 1)),
            Open(R7, new DateOnly(2026, 1, 1)),
            Exit(R8, new DateOnly(2026, 3, 31), IdentityDocumentList.All),
            Open(R9, new DateOnly(2026, 4, 1)),
            Open(R10, new DateOnly(2026, 1, 1)),
            Exit(X1, new DateOnly(2026, 2, 10), IdentityDocumentList.All),
            Exit(X2, new DateOnly(2026, 2, 20), IdentityDocuments.BirthCertificate | IdentityDocuments.StateId),
            Exit(X3, new DateOnly(2026, 2, 1), IdentityDocuments.None),
            Exit(X4, new DateOnly(2026, 3, 1), null),
        ],
        Education =
        [
            new(R1, EducationStatus.EnrolledInSchool, new DateOnly(2025, 9, 1), null),
            new(R2, EducationStatus.EnrolledInGedProgram, new DateOnly(2026, 3, 20), null),
            new(R5, EducationStatus.DiplomaOrGed, new DateOnly(2025, 6, 1), null),
            new(R5, EducationStatus.NotEnrolled, new DateOnly(2026, 1, 15), null),
            new(R6, EducationStatus.EnrolledInSchool, new DateOnly(2025, 9, 1), new DateOnly(2026, 1, 31)),
            new(R6, EducationStatus.NotEnrolled, new DateOnly(2026, 2, 1), null),
            new(R7, EducationStatus.EnrolledInSchool, new DateOnly(2025, 9, 1), new DateOnly(2026, 3, 30)),
            new(R9, EducationStatus.EnrolledInSchool, new DateOnly(2025, 9, 1), null),
        ],
    };

    private static long Part(MetricResult result, string labelStart) =>
        Assert.Single(result.Parts, p => p.Label.StartsWith(labelStart, StringComparison.Ordinal)).Count;

    private static double? Statistic(MetricResult result, string labelStart) =>
        Assert.Single(result.Statistics, s => s.Label.StartsWith(labelStart, StringComparison.Ordinal)).Value;

    [Fact]
    public void M13_counts_school_age_residents_in_care_for_14_days_on_the_census_day_by_their_status_that_day()
    {
        var m13 = OutcomeMetrics.Compute(Build(), Q1)["M13"];

        Assert.Equal(MetricStatus.Computed, m13.Status);
        Assert.Equal((3, 6, 6), (m13.Numerator, m13.Denominator, m13.N));
        Assert.Equal(50.0, m13.Value!.Value, Precision);
        Assert.Equal(1, Part(m13, "Enrolled in school"));
        Assert.Equal(1, Part(m13, "Enrolled in a GED program"));
        Assert.Equal(1, Part(m13, "Diploma or GED"));
        Assert.Equal(1, Part(m13, "Not enrolled"));
        Assert.Equal(2, Part(m13, "No education status recorded"));
        Assert.Equal(m13.Denominator, m13.Parts.Sum(p => p.Count));
        Assert.Equal(1, Statistic(m13, "In care fewer than 14 days"));
        Assert.Equal(1, Statistic(m13, "Older than 18"));
    }

    [Fact]
    public void M13_school_age_is_a_setting()
    {
        // Only R6, R7 (15) and R10 (14) are 15 or younger; none of them is enrolled.
        var m13 = OutcomeMetrics.Compute(Build(), Q1, new MetricOptions { SchoolAgeMax = 15 })["M13"];

        Assert.Equal((0, 3), (m13.Numerator, m13.Denominator));
        Assert.Equal(0.0, m13.Value!.Value, Precision);
        Assert.Equal(4, Statistic(m13, "Older than 15"));
    }

    [Fact]
    public void M13_uses_the_last_day_with_complete_data_when_the_period_is_not_over()
    {
        // On 19 Mar R2 (2 days) and R3 (1 day) are too new; R4 is still 18 and R8 still in care, both without a record;
        // R7 is still enrolled. Counted: R1 and R7 enrolled, R5 diploma, R6 not enrolled, R4, R8 and R10 none = 3 of 7.
        var data = Build() with { DataThrough = new DateOnly(2026, 3, 19) };

        var m13 = OutcomeMetrics.Compute(data, Q1)["M13"];

        Assert.Equal((3, 7), (m13.Numerator, m13.Denominator));
        Assert.Equal(3, Part(m13, "No education status recorded"));
        Assert.Equal(2, Part(m13, "Enrolled in school"));
        Assert.Equal(2, Statistic(m13, "In care fewer than 14 days"));
        Assert.Contains("2026-03-19", m13.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void M24_counts_exits_with_all_five_documents_and_each_document_over_recorded_exits()
    {
        var m24 = OutcomeMetrics.Compute(Build(), Q1)["M24"];

        Assert.Equal(MetricStatus.Computed, m24.Status);
        Assert.Equal((2, 5), (m24.Numerator, m24.Denominator));
        Assert.Equal(40.0, m24.Value!.Value, Precision);
        Assert.Equal(2, Part(m24, "All five"));
        Assert.Equal(1, Part(m24, "Some"));
        Assert.Equal(1, Part(m24, "None"));
        Assert.Equal(1, Part(m24, "Documents not recorded"));
        Assert.Equal(m24.Denominator, m24.Parts.Sum(p => p.Count));
        Assert.Equal(75.0, Statistic(m24, "Birth certificate")!.Value, Precision);
        Assert.Equal(50.0, Statistic(m24, "Social Security card")!.Value, Precision);
        Assert.Equal(75.0, Statistic(m24, "Driver's licence or state ID")!.Value, Precision);
        Assert.Equal(50.0, Statistic(m24, "Health-insurance information")!.Value, Precision);
        Assert.Equal(50.0, Statistic(m24, "Medical records")!.Value, Precision);
        Assert.All(m24.Statistics.Take(5), s => Assert.Equal("%", s.Unit));
        Assert.Equal(4, Statistic(m24, "Exits with the checklist recorded"));
    }

    [Fact]
    public void M24_can_count_only_youth_of_a_minimum_age_at_discharge()
    {
        // X3 was 13 when discharged on 1 Feb, so drops out with its "none".
        var m24 = OutcomeMetrics.Compute(Build(), Q1, new MetricOptions { DocumentsMinimumAge = 14 })["M24"];

        Assert.Equal((2, 4), (m24.Numerator, m24.Denominator));
        Assert.Equal(0, Part(m24, "None"));
    }

    [Fact]
    public void Both_add_a_data_quality_line_for_what_is_missing()
    {
        var quality = OutcomeMetrics.Compute(Build(), Q1).DataQuality;

        Assert.Contains(quality, q => q is { Field: "School-age residents without an education status on the census day", RecordsLacking: 2, RecordsChecked: 6, Metric: "M13" });
        Assert.Contains(quality, q => q is { Field: "Exits without the identity-document checklist", RecordsLacking: 1, RecordsChecked: 5, Metric: "M24" });
    }

    [Fact]
    public void With_no_exits_or_residents_the_value_is_empty_not_zero()
    {
        var set = OutcomeMetrics.Compute(new MetricDataset(), Q1);

        Assert.Null(set["M13"].Value);
        Assert.Null(set["M24"].Value);
    }

    private static StayFact Open(Guid resident, DateOnly admitted) => new(Guid.CreateVersion7(), resident, admitted, null, null, null, null);

    private static StayFact Exit(Guid resident, DateOnly discharged, IdentityDocuments? documents) =>
        new(Guid.CreateVersion7(), resident, new DateOnly(2025, 10, 1), discharged, DischargeType.Planned, DischargeReason.CompletedProgram, DischargeDestination.RelativeKin, documents);

    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");
}
