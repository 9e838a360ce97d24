using SafeHome.Domain.Residents;

namespace SafeHome.UnitTests.Domain;

public sealed class AdmissionAgeRangeTests
{
    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(15, true)]
    [InlineData(21, true)]
    [InlineData(22, false)]
    [InlineData(-1, false)]
    public void The_default_range_admits_ages_10_to_21_inclusive(int age, bool admitted) =>
        Assert.Equal(admitted, AdmissionAgeRange.Default.Contains(age));

    [Fact]
    public void A_site_range_includes_both_ends_and_nothing_outside()
    {
        var range = new AdmissionAgeRange(12, 17);

        var admitted = Enumerable.Range(0, 30).Where(range.Contains).ToArray();

        Assert.Equal(Enumerable.Range(12, 6), admitted);
    }
}
