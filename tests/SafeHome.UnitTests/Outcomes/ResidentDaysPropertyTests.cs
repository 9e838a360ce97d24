using CsCheck;
using SafeHome.Domain.Outcomes;
using SafeHome.Domain.Residents;

namespace SafeHome.UnitTests.Outcomes;

public sealed class ResidentDaysPropertyTests
{
    private static readonly DateOnly Origin = new(2024, 6, 1);

    private static readonly Gen<StayFact> Stays =
        from admitted in Gen.Int[0, 900]
        from length in Gen.Int[0, 500]
        from open in Gen.Bool
        select new StayFact(
            Guid.NewGuid(),
            Guid.NewGuid(),
            Origin.AddDays(admitted),
            open ? null : Origin.AddDays(admitted + length),
            null,
            null,
            null);

    [Fact]
    public void Resident_days_over_the_four_quarters_of_a_year_equal_resident_days_over_the_year()
    {
        Stays.List[0, 40].Sample(stays =>
        {
            var year = ReportingPeriod.Year(2025);
            var quarters = year.LastQuarters(4).Sum(q => OutcomeMetrics.ResidentDays(stays, q));
            Assert.Equal(OutcomeMetrics.ResidentDays(stays, year), quarters);
        });
    }

    [Fact]
    public void Resident_days_never_exceed_the_days_of_the_period_per_stay()
    {
        Stays.Sample(stay =>
        {
            var period = ReportingPeriod.Quarter(2025, 3);
            Assert.InRange(OutcomeMetrics.ResidentDays(stay, period), 0, period.Days);
        });
    }
}
