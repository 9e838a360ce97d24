using SafeHome.Domain.Outcomes;

namespace SafeHome.UnitTests.Outcomes;

public sealed class ReportingPeriodTests
{
    [Fact]
    public void A_quarter_runs_from_its_first_to_its_last_day_and_is_labelled_by_year_and_number()
    {
        var q3 = ReportingPeriod.Quarter(2026, 3);

        Assert.Equal(new DateOnly(2026, 7, 1), q3.Start);
        Assert.Equal(new DateOnly(2026, 9, 30), q3.End);
        Assert.Equal("2026 Q3", q3.Label);
        Assert.Equal(92, q3.Days);
        Assert.True(q3.Contains(new DateOnly(2026, 9, 30)));
        Assert.False(q3.Contains(new DateOnly(2026, 10, 1)));
    }

    [Fact]
    public void A_year_is_labelled_by_its_number()
    {
        var year = ReportingPeriod.Year(2024);

        Assert.Equal("2024", year.Label);
        Assert.Equal(366, year.Days);
    }

    [Fact]
    public void The_previous_period_is_of_the_same_kind_and_crosses_year_ends()
    {
        Assert.Equal(ReportingPeriod.Quarter(2025, 4), ReportingPeriod.Quarter(2026, 1).Previous);
        Assert.Equal(ReportingPeriod.Quarter(2026, 2), ReportingPeriod.Quarter(2026, 3).Previous);
        Assert.Equal(ReportingPeriod.Year(2025), ReportingPeriod.Year(2026).Previous);
        Assert.Equal(
            ReportingPeriod.Custom(new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 10)),
            ReportingPeriod.Custom(new DateOnly(2026, 1, 11), new DateOnly(2026, 1, 20)).Previous);
    }

    [Fact]
    public void Last_quarters_end_with_the_quarter_containing_the_end_oldest_first()
    {
        var quarters = ReportingPeriod.Year(2026).LastQuarters(8);

        Assert.Equal(
            ["2025 Q1", "2025 Q2", "2025 Q3", "2025 Q4", "2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"],
            quarters.Select(q => q.Label));
        Assert.Equal(["2026 Q2"], ReportingPeriod.Quarter(2026, 2).LastQuarters(1).Select(q => q.Label));
    }

    [Theory]
    [InlineData(2026, 0)]
    [InlineData(2026, 5)]
    [InlineData(0, 1)]
    public void An_impossible_quarter_is_refused(int year, int quarter)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportingPeriod.Quarter(year, quarter));
    }

    [Fact]
    public void A_custom_period_ending_before_it_starts_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportingPeriod.Custom(new DateOnly(2026, 2, 1), new DateOnly(2026, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ReportingPeriod.Quarter(2026, 1).LastQuarters(0));
    }
}
