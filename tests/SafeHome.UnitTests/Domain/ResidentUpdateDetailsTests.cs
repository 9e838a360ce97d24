using SafeHome.Domain.Common;
using SafeHome.Domain.Residents;
using SafeHome.UnitTests.Builders;

namespace SafeHome.UnitTests.Domain;

public sealed class ResidentUpdateDetailsTests
{
    private static readonly DateOnly Today = ResidentBuilder.DefaultToday;
    private static readonly DateOnly BornOn = new(2010, 5, 15);

    [Fact]
    public void Valid_new_details_replace_the_old_ones_after_cleaning()
    {
        var resident = new ResidentBuilder().BornOn(BornOn).Build();
        var details = new ResidentBuilder().WithLegalName("  Testa Q. Example ").WithPreferredName("Q").BornOn(BornOn.AddDays(3)).Details();

        resident.UpdateDetails(details, Today, AdmissionAgeRange.Default);

        Assert.Equal(details.LegalName.Trim(), resident.LegalName);
        Assert.Equal("Q", resident.PreferredName);
        Assert.Equal(BornOn.AddDays(3), resident.DateOfBirth);
    }

    [Fact]
    public void A_blank_legal_name_is_refused_as_at_creation()
    {
        var resident = new ResidentBuilder().Build();
        var details = new ResidentBuilder().WithLegalName(" ").Details();

        var error = Assert.Throws<DomainRuleException>(() => resident.UpdateDetails(details, Today, AdmissionAgeRange.Default));

        Assert.Equal(nameof(Resident.LegalName), error.Field);
        Assert.Equal("Testa Example", resident.LegalName);
    }

    [Fact]
    public void A_date_of_birth_in_the_future_is_refused_as_at_creation()
    {
        var resident = new ResidentBuilder().Build();
        var details = new ResidentBuilder().BornOn(Today.AddDays(1)).Details();

        var error = Assert.Throws<DomainRuleException>(() => resident.UpdateDetails(details, Today, AdmissionAgeRange.Default));

        Assert.Equal(nameof(Resident.DateOfBirth), error.Field);
    }

    [Fact]
    public void A_date_of_birth_that_makes_the_resident_too_young_at_an_existing_admission_is_refused()
    {
        var resident = new ResidentBuilder().BornOn(BornOn).Build();
        var admittedOn = BornOn.AddYears(10);
        resident.AdmitOn(admittedOn);
        var details = new ResidentBuilder().WithLegalName("Renamed Example").BornOn(admittedOn.AddYears(-10).AddDays(1)).Details();

        var error = Assert.Throws<DomainRuleException>(() => resident.UpdateDetails(details, Today, AdmissionAgeRange.Default));

        Assert.Equal(nameof(ResidentDetails.DateOfBirth), error.Field);
        Assert.Contains("would be 9", error.Message, StringComparison.Ordinal);
        Assert.Equal(BornOn, resident.DateOfBirth);
        Assert.Equal("Testa Example", resident.LegalName);
    }

    [Fact]
    public void A_date_of_birth_that_makes_the_resident_too_old_at_a_later_admission_is_refused()
    {
        var resident = new ResidentBuilder().BornOn(new DateOnly(2003, 1, 10)).Build();
        resident.AdmitOn(new DateOnly(2015, 6, 1)).DischargeOn(new DateOnly(2016, 6, 1));
        resident.AdmitOn(new DateOnly(2024, 6, 1));
        var details = new ResidentBuilder().BornOn(new DateOnly(2002, 6, 1)).Details();

        var error = Assert.Throws<DomainRuleException>(() => resident.UpdateDetails(details, Today, AdmissionAgeRange.Default));

        Assert.Equal(nameof(ResidentDetails.DateOfBirth), error.Field);
        Assert.Contains("would be 22", error.Message, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2003, 1, 10), resident.DateOfBirth);
    }

    [Fact]
    public void A_date_of_birth_after_an_existing_admission_is_refused()
    {
        var resident = new ResidentBuilder().BornOn(BornOn).Build();
        var admittedOn = new DateOnly(2024, 1, 1);
        resident.AdmitOn(admittedOn);
        var details = new ResidentBuilder().BornOn(admittedOn.AddDays(1)).Details();

        var error = Assert.Throws<DomainRuleException>(() => resident.UpdateDetails(details, Today, AdmissionAgeRange.Default));

        Assert.Equal(nameof(ResidentDetails.DateOfBirth), error.Field);
        Assert.Equal(BornOn, resident.DateOfBirth);
    }

    [Fact]
    public void A_date_of_birth_that_keeps_every_admission_in_range_is_accepted()
    {
        var resident = new ResidentBuilder().BornOn(BornOn).Build();
        var admittedOn = BornOn.AddYears(12);
        resident.AdmitOn(admittedOn);
        var newBirth = admittedOn.AddYears(-10);

        resident.UpdateDetails(new ResidentBuilder().BornOn(newBirth).Details(), Today, AdmissionAgeRange.Default);

        Assert.Equal(newBirth, resident.DateOfBirth);
    }

    [Fact]
    public void The_site_age_range_passed_in_is_the_one_applied()
    {
        var resident = new ResidentBuilder().BornOn(BornOn).Build();
        resident.AdmitOn(BornOn.AddYears(13));
        var details = new ResidentBuilder().BornOn(BornOn.AddYears(1)).Details();

        resident.UpdateDetails(details, Today, AdmissionAgeRange.Default);
        var error = Assert.Throws<DomainRuleException>(() => resident.UpdateDetails(new ResidentBuilder().BornOn(BornOn).Details(), Today, new AdmissionAgeRange(10, 12)));

        Assert.Equal(nameof(ResidentDetails.DateOfBirth), error.Field);
        Assert.Equal(BornOn.AddYears(1), resident.DateOfBirth);
    }
}
