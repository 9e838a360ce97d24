using SafeHome.Domain.Residents;

namespace SafeHome.UnitTests.Domain;

public sealed class AgesTests
{
    private static readonly DateOnly BornOn = new(2010, 5, 15);
    private static readonly DateOnly LeapDayBirth = new(2008, 2, 29);

    [Fact]
    public void The_age_goes_up_on_the_birthday_and_not_the_day_before()
    {
        for (var years = 1; years <= 30; years++)
        {
            var birthday = BornOn.AddYears(years);
            Assert.Equal(years - 1, Ages.YearsOn(BornOn, birthday.AddDays(-1)));
            Assert.Equal(years, Ages.YearsOn(BornOn, birthday));
        }
    }

    [Fact]
    public void The_age_on_the_date_of_birth_is_zero()
    {
        Assert.Equal(0, Ages.YearsOn(BornOn, BornOn));
        Assert.Equal(0, Ages.YearsOn(BornOn, BornOn.AddYears(1).AddDays(-1)));
    }

    [Fact]
    public void A_date_before_birth_gives_a_negative_age()
    {
        Assert.True(Ages.YearsOn(BornOn, BornOn.AddDays(-1)) < 0);
    }

    [Fact]
    public void A_leap_day_birthday_is_reached_on_29_February_in_leap_years()
    {
        Assert.Equal(11, Ages.YearsOn(LeapDayBirth, new DateOnly(2020, 2, 28)));
        Assert.Equal(12, Ages.YearsOn(LeapDayBirth, new DateOnly(2020, 2, 29)));
    }

    // The same convention as DateOnly.AddYears: in a common year the birthday falls on 28 February.
    [Fact]
    public void A_leap_day_birthday_is_reached_on_28_February_in_common_years()
    {
        Assert.Equal(9, Ages.YearsOn(LeapDayBirth, new DateOnly(2018, 2, 27)));
        Assert.Equal(10, Ages.YearsOn(LeapDayBirth, new DateOnly(2018, 2, 28)));
        Assert.Equal(10, Ages.YearsOn(LeapDayBirth, new DateOnly(2018, 3, 1)));
    }

    [Fact]
    public void The_age_is_the_same_as_counting_whole_years_by_hand()
    {
        var births = new[] { BornOn, LeapDayBirth, new DateOnly(2005, 12, 31), new DateOnly(2012, 1, 1) };
        var day = new DateOnly(2015, 1, 1);
        for (var i = 0; i < 365 * 12; i++, day = day.AddDays(1))
        {
            foreach (var birth in births)
            {
                Assert.Equal(CountWholeYears(birth, day), Ages.YearsOn(birth, day));
            }
        }
    }

    private static int CountWholeYears(DateOnly birth, DateOnly on)
    {
        var years = 0;
        while (birth.AddYears(years + 1) <= on)
        {
            years++;
        }

        return years;
    }
}
