using System.Text;
using SafeHome.Domain.Common;
using SafeHome.Domain.Residents;
using SafeHome.UnitTests.Builders;

namespace SafeHome.UnitTests.Domain;

public sealed class ResidentCreateTests
{
    private static readonly DateOnly Today = ResidentBuilder.DefaultToday;

    [Fact]
    public void A_resident_with_valid_details_keeps_them_and_records_the_creation_time()
    {
        var details = new ResidentBuilder().Details();

        var resident = Resident.Create(details, Today, ResidentBuilder.DefaultNowUtc);

        Assert.Equal(details.LegalName, resident.LegalName);
        Assert.Equal(details.PreferredName, resident.PreferredName);
        Assert.Equal(details.DateOfBirth, resident.DateOfBirth);
        Assert.Equal(details.CustodyStatus, resident.CustodyStatus);
        Assert.Equal(ResidentBuilder.DefaultNowUtc, resident.CreatedAtUtc);
        Assert.NotEqual(Guid.Empty, resident.Id);
        Assert.Empty(resident.Stays);
        Assert.Null(resident.CurrentStay);
    }

    [Fact]
    public void Names_are_trimmed_and_composed_to_nfc()
    {
        var decomposedLegal = "  Jose\u0301 Nu\u0301n\u0303ez Example \t";
        var decomposedPreferred = " Zoe\u0308 ";

        var resident = new ResidentBuilder().WithLegalName(decomposedLegal).WithPreferredName(decomposedPreferred).Build();

        Assert.Equal(decomposedLegal.Trim().Normalize(NormalizationForm.FormC), resident.LegalName);
        Assert.Equal("Zo\u00EB", resident.PreferredName);
        Assert.True(resident.LegalName.IsNormalized(NormalizationForm.FormC));
        Assert.NotEqual(decomposedLegal.Trim(), resident.LegalName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    public void A_blank_legal_name_is_refused_and_the_error_names_the_legal_name(string legalName)
    {
        var error = Assert.Throws<DomainRuleException>(() => new ResidentBuilder().WithLegalName(legalName).Build());

        Assert.Equal(nameof(Resident.LegalName), error.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_preferred_name_is_refused_and_the_error_names_the_preferred_name(string preferredName)
    {
        var error = Assert.Throws<DomainRuleException>(() => new ResidentBuilder().WithPreferredName(preferredName).Build());

        Assert.Equal(nameof(Resident.PreferredName), error.Field);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(400)]
    public void A_date_of_birth_today_or_later_is_refused(int daysAfterToday)
    {
        var builder = new ResidentBuilder().BornOn(Today.AddDays(daysAfterToday));

        var error = Assert.Throws<DomainRuleException>(() => builder.Build());

        Assert.Equal(nameof(Resident.DateOfBirth), error.Field);
    }

    [Fact]
    public void A_date_of_birth_yesterday_is_accepted()
    {
        var resident = new ResidentBuilder().BornOn(Today.AddDays(-1)).Build();

        Assert.Equal(Today.AddDays(-1), resident.DateOfBirth);
    }

    [Fact]
    public void A_date_of_birth_before_1900_is_refused()
    {
        var error = Assert.Throws<DomainRuleException>(() => new ResidentBuilder().BornOn(new DateOnly(1899, 12, 31)).Build());

        Assert.Equal(nameof(Resident.DateOfBirth), error.Field);
    }

    [Fact]
    public void A_date_of_birth_on_the_first_day_of_1900_is_accepted()
    {
        var resident = new ResidentBuilder().BornOn(new DateOnly(1900, 1, 1)).Build();

        Assert.Equal(new DateOnly(1900, 1, 1), resident.DateOfBirth);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    [InlineData("  they/them ", "they/them")]
    public void Optional_text_is_trimmed_and_blank_becomes_null(string? pronouns, string? expected)
    {
        var resident = new ResidentBuilder().WithPronouns(pronouns).Build();

        Assert.Equal(expected, resident.Pronouns);
    }

    [Fact]
    public void A_given_id_is_kept_so_a_double_submit_finds_the_same_record()
    {
        var id = Guid.NewGuid();

        var resident = new ResidentBuilder().WithId(id).Build();

        Assert.Equal(id, resident.Id);
    }

    [Fact]
    public void An_empty_given_id_is_replaced_by_a_new_one()
    {
        var first = new ResidentBuilder().WithId(Guid.Empty).Build();
        var second = new ResidentBuilder().WithId(Guid.Empty).Build();

        Assert.NotEqual(Guid.Empty, first.Id);
        Assert.NotEqual(first.Id, second.Id);
    }
}
