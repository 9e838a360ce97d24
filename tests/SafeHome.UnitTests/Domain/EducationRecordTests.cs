using SafeHome.Domain.Common;
using SafeHome.Domain.Residents;

namespace SafeHome.UnitTests.Domain;

public sealed class EducationRecordTests
{
    private static readonly DateOnly Today = new(2026, 6, 15);
    private static readonly DateTime Now = new(2026, 6, 15, 15, 0, 0, DateTimeKind.Utc);
    private static readonly Guid ResidentId = Guid.CreateVersion7();

    private static EducationRecord Record(EducationStatus status, DateOnly startedOn, DateOnly? endedOn = null) =>
        new(ResidentId, status, startedOn, endedOn, Today, "counselor-1", Now);

    [Fact]
    public void A_record_keeps_its_status_dates_and_who_recorded_it()
    {
        var record = Record(EducationStatus.EnrolledInSchool, new DateOnly(2025, 9, 2), new DateOnly(2026, 6, 5));

        Assert.Equal(
            (ResidentId, EducationStatus.EnrolledInSchool, new DateOnly(2025, 9, 2), (DateOnly?)new DateOnly(2026, 6, 5), "counselor-1", Now),
            (record.ResidentId, record.Status, record.StartedOn, record.EndedOn, record.RecordedById, record.RecordedAtUtc));
        Assert.False(record.IsCurrent);
        Assert.True(record.Covers(new DateOnly(2026, 6, 5)));
        Assert.False(record.Covers(new DateOnly(2026, 6, 6)));
    }

    [Fact]
    public void A_start_date_in_the_future_is_refused()
    {
        var error = Assert.Throws<DomainRuleException>(() => Record(EducationStatus.EnrolledInSchool, Today.AddDays(1)));

        Assert.Equal(nameof(EducationRecord.StartedOn), error.Field);
    }

    [Theory]
    [InlineData(-1, "on or after the start date")]
    [InlineData(1, "future")]
    public void An_end_before_the_start_or_in_the_future_is_refused(int daysFromBoundary, string expected)
    {
        var start = new DateOnly(2026, 1, 10);
        var ended = daysFromBoundary < 0 ? start.AddDays(daysFromBoundary) : Today.AddDays(daysFromBoundary);

        var error = Assert.Throws<DomainRuleException>(() => Record(EducationStatus.EnrolledInGedProgram, start, ended));

        Assert.Equal(nameof(EducationRecord.EndedOn), error.Field);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_may_end_on_the_day_it_started_and_on_today()
    {
        Assert.Equal(Today, Record(EducationStatus.NotEnrolled, Today, Today).EndedOn);
    }

    [Fact]
    public void A_diploma_or_GED_never_ends()
    {
        var error = Assert.Throws<DomainRuleException>(() => Record(EducationStatus.DiplomaOrGed, new DateOnly(2025, 6, 1), new DateOnly(2026, 1, 1)));
        var diploma = Record(EducationStatus.DiplomaOrGed, new DateOnly(2025, 6, 1));

        Assert.Equal(nameof(EducationRecord.EndedOn), error.Field);
        Assert.Throws<DomainRuleException>(() => diploma.End(Today, Today));
        Assert.True(diploma.IsCurrent);
    }

    [Fact]
    public void A_current_record_can_be_ended_once()
    {
        var record = Record(EducationStatus.EnrolledInSchool, new DateOnly(2025, 9, 2));

        record.End(new DateOnly(2026, 6, 1), Today);

        Assert.Equal(new DateOnly(2026, 6, 1), record.EndedOn);
        Assert.Equal(nameof(EducationRecord.EndedOn), Assert.Throws<DomainRuleException>(() => record.End(Today, Today)).Field);
    }

    [Fact]
    public void An_unknown_status_is_refused()
    {
        var error = Assert.Throws<DomainRuleException>(() => Record((EducationStatus)99, new DateOnly(2025, 9, 2)));

        Assert.Equal(nameof(EducationRecord.Status), error.Field);
    }
}
