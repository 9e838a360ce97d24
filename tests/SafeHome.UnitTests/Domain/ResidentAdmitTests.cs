using System.Globalization;
using SafeHome.Domain.Common;
using SafeHome.Domain.Residents;
using SafeHome.UnitTests.Builders;

namespace SafeHome.UnitTests.Domain;

public sealed class ResidentAdmitTests
{
    private static readonly DateOnly BornOn = new(2010, 5, 15);
    private static readonly DateOnly LeapDayBirth = new(2008, 2, 29);
    private static readonly DateOnly FarFuture = new(2040, 1, 1);

    private static Resident NewResident(DateOnly? bornOn = null) => new ResidentBuilder().BornOn(bornOn ?? BornOn).Build();

    private static Stay Admit(Resident resident, DateOnly admittedOn, DateOnly? today = null, string agency = ResidentTestExtensions.Agency, AdmissionAgeRange? ages = null) =>
        resident.Admit(admittedOn, ReferralSource.LawEnforcement, agency, "  Kin placement ", ages ?? AdmissionAgeRange.Default, today ?? FarFuture);

    [Fact]
    public void An_admission_opens_a_stay_with_the_given_details()
    {
        var resident = NewResident();
        var admittedOn = new DateOnly(2025, 9, 1);

        var stay = Admit(resident, admittedOn);

        Assert.Equal(resident.Id, stay.ResidentId);
        Assert.Equal(admittedOn, stay.AdmittedOn);
        Assert.Equal(ReferralSource.LawEnforcement, stay.ReferralSource);
        Assert.Equal(ResidentTestExtensions.Agency, stay.PlacingAgency);
        Assert.Equal("Kin placement", stay.PriorLivingSituation);
        Assert.True(stay.IsOpen);
        Assert.Same(stay, resident.CurrentStay);
        Assert.Same(stay, Assert.Single(resident.Stays));
    }

    [Fact]
    public void An_admission_today_is_accepted()
    {
        var today = new DateOnly(2025, 9, 1);

        var stay = Admit(NewResident(), today, today);

        Assert.Equal(today, stay.AdmittedOn);
    }

    [Fact]
    public void An_admission_in_the_future_is_refused()
    {
        var resident = NewResident();
        var today = new DateOnly(2025, 9, 1);

        var error = Assert.Throws<DomainRuleException>(() => Admit(resident, today.AddDays(1), today));

        Assert.Equal(nameof(Stay.AdmittedOn), error.Field);
        Assert.Empty(resident.Stays);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void An_admission_on_or_before_the_date_of_birth_is_refused(int daysAfterBirth)
    {
        var resident = NewResident();
        var anyAge = new AdmissionAgeRange(0, 120);

        var error = Assert.Throws<DomainRuleException>(() => Admit(resident, BornOn.AddDays(daysAfterBirth), ages: anyAge));

        Assert.Equal(nameof(Stay.AdmittedOn), error.Field);
        Assert.Contains("after the date of birth", error.Message, StringComparison.Ordinal);
        Assert.Empty(resident.Stays);
    }

    [Fact]
    public void An_admission_the_day_after_birth_passes_the_birth_rule_when_the_age_range_allows_it()
    {
        var stay = Admit(NewResident(), BornOn.AddDays(1), ages: new AdmissionAgeRange(0, 120));

        Assert.Equal(BornOn.AddDays(1), stay.AdmittedOn);
    }

    public static TheoryData<DateOnly, bool> AgeEdges => new()
    {
        { BornOn.AddYears(10).AddDays(-1), false }, // the day before the 10th birthday
        { BornOn.AddYears(10), true },              // the 10th birthday
        { BornOn.AddYears(21), true },              // the 21st birthday
        { BornOn.AddYears(22).AddDays(-1), true },  // the last day aged 21
        { BornOn.AddYears(22), false },             // the 22nd birthday
    };

    [Theory]
    [MemberData(nameof(AgeEdges))]
    public void The_age_on_the_admission_date_must_be_between_10_and_21_inclusive(DateOnly admittedOn, bool accepted)
    {
        var resident = NewResident();

        var error = Record.Exception(() => Admit(resident, admittedOn));

        if (accepted)
        {
            Assert.Null(error);
            Assert.Equal(admittedOn, Assert.Single(resident.Stays).AdmittedOn);
        }
        else
        {
            Assert.Equal(nameof(Stay.AdmittedOn), Assert.IsType<DomainRuleException>(error).Field);
            Assert.Empty(resident.Stays);
        }
    }

    [Fact]
    public void The_refusal_states_the_age_the_resident_would_have_been()
    {
        var admittedOn = BornOn.AddYears(10).AddDays(-1);

        var error = Assert.Throws<DomainRuleException>(() => Admit(NewResident(), admittedOn));

        Assert.Contains("would be 9 at admission on 2020-05-14", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<DateOnly, bool> LeapDayEdges => new()
    {
        { new DateOnly(2018, 2, 27), false }, // two days before the first 10th anniversary in a common year
        { new DateOnly(2018, 3, 1), true },   // 10 under every convention
        { new DateOnly(2020, 2, 28), true },  // aged 11, the day before an actual 29 February birthday
        { new DateOnly(2029, 3, 1), true },   // 21 under every convention
        { new DateOnly(2030, 2, 27), true },  // still 21
        { new DateOnly(2030, 3, 1), false },  // 22 under every convention
    };

    [Theory]
    [MemberData(nameof(LeapDayEdges))]
    public void A_resident_born_on_29_February_is_held_to_the_same_range(DateOnly admittedOn, bool accepted)
    {
        var resident = NewResident(LeapDayBirth);

        var error = Record.Exception(() => Admit(resident, admittedOn));

        Assert.Equal(accepted, error is null);
        Assert.Equal(accepted ? 1 : 0, resident.Stays.Count);
    }

    [Fact]
    public void The_site_age_range_passed_in_is_the_one_applied()
    {
        var resident = NewResident();
        var admittedOn = BornOn.AddYears(18);

        var error = Assert.Throws<DomainRuleException>(() => Admit(resident, admittedOn, ages: new AdmissionAgeRange(12, 17)));
        var stay = Admit(resident, admittedOn, ages: new AdmissionAgeRange(12, 18));

        Assert.Contains("ages 12 to 17", error.Message, StringComparison.Ordinal);
        Assert.Equal(admittedOn, stay.AdmittedOn);
    }

    [Fact]
    public void An_open_stay_blocks_a_second_admission()
    {
        var resident = NewResident();
        var first = Admit(resident, new DateOnly(2024, 1, 10));

        var error = Assert.Throws<DomainRuleException>(() => Admit(resident, new DateOnly(2025, 1, 10)));

        Assert.Equal(nameof(Stay.AdmittedOn), error.Field);
        Assert.Contains("open stay", error.Message, StringComparison.Ordinal);
        Assert.Same(first, Assert.Single(resident.Stays));
    }

    [Fact]
    public void Readmission_on_the_discharge_day_is_allowed()
    {
        var resident = NewResident();
        var first = Admit(resident, new DateOnly(2024, 1, 10));
        var dischargedOn = new DateOnly(2024, 8, 1);
        first.DischargeOn(dischargedOn);

        var second = Admit(resident, dischargedOn);

        Assert.Equal(2, resident.Stays.Count);
        Assert.Same(second, resident.CurrentStay);
        Assert.False(first.IsOpen);
    }

    [Fact]
    public void Readmission_after_the_discharge_day_is_allowed()
    {
        var resident = NewResident();
        Admit(resident, new DateOnly(2024, 1, 10)).DischargeOn(new DateOnly(2024, 8, 1));

        var second = Admit(resident, new DateOnly(2025, 2, 3));

        Assert.Same(second, resident.CurrentStay);
    }

    [Theory]
    [InlineData("2024-01-10")] // the earlier stay's admission day
    [InlineData("2024-03-01")] // inside the earlier stay
    [InlineData("2024-07-31")] // its last day in care
    [InlineData("2023-06-01")] // before it: the new stay is open-ended, so it would run across the earlier one
    public void A_retroactive_admission_that_overlaps_an_earlier_closed_stay_is_refused(string admittedOn)
    {
        var resident = NewResident();
        var earlier = Admit(resident, new DateOnly(2024, 1, 10));
        earlier.DischargeOn(new DateOnly(2024, 8, 1));

        var error = Assert.Throws<DomainRuleException>(() => Admit(resident, DateOnly.Parse(admittedOn, CultureInfo.InvariantCulture)));

        Assert.Equal(nameof(Stay.AdmittedOn), error.Field);
        Assert.Contains("2024-01-10 to 2024-08-01", error.Message, StringComparison.Ordinal);
        Assert.Same(earlier, Assert.Single(resident.Stays));
    }

    [Fact]
    public void A_retroactive_admission_is_refused_when_any_of_several_closed_stays_ends_after_it()
    {
        var resident = NewResident();
        Admit(resident, new DateOnly(2022, 1, 10)).DischargeOn(new DateOnly(2022, 5, 1));
        Admit(resident, new DateOnly(2023, 1, 10)).DischargeOn(new DateOnly(2023, 5, 1));

        var error = Assert.Throws<DomainRuleException>(() => Admit(resident, new DateOnly(2022, 9, 1)));

        Assert.Contains("2023-01-10 to 2023-05-01", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, resident.Stays.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_placing_agency_is_required(string agency)
    {
        var resident = NewResident();

        var error = Assert.Throws<DomainRuleException>(() => Admit(resident, new DateOnly(2025, 9, 1), agency: agency));

        Assert.Equal(nameof(Stay.PlacingAgency), error.Field);
        Assert.Empty(resident.Stays);
        Assert.Null(resident.CurrentStay);
    }

    [Fact]
    public void The_placing_agency_is_trimmed_and_composed_to_nfc()
    {
        var stay = Admit(NewResident(), new DateOnly(2025, 9, 1), agency: "  Servicios Jo\u0301venes ");

        Assert.Equal("Servicios J\u00F3venes", stay.PlacingAgency);
    }
}
