using System.ComponentModel.DataAnnotations;
using System.Globalization;
using SafeHome.Domain.Residents;
using SafeHome.Web.Infrastructure;

namespace SafeHome.UnitTests.Infrastructure;

public sealed class ConcurrencyConflictTests
{
    public sealed class SampleInput
    {
        [Display(Name = "Legal name")]
        public string LegalName { get; set; } = "Testa Example";

        public string? Pronouns { get; set; }

        [Display(Name = "Date of birth")]
        public DateOnly DateOfBirth { get; set; } = new(2010, 5, 15);

        [Display(Name = "Interpreter needed")]
        public bool InterpreterNeeded { get; set; }

        public Sex Sex { get; set; } = Sex.Female;

        [Display(Name = "Weekly hours")]
        public decimal? WeeklyHours { get; set; } = 2.5m;

        public string Summary => $"{LegalName} {DateOfBirth}";
    }

    private static ConflictField[] Sorted(IReadOnlyList<ConflictField> fields) => [.. fields.OrderBy(f => f.Label, StringComparer.Ordinal)];

    [Fact]
    public void Equal_records_have_no_conflicts()
    {
        Assert.Empty(ConcurrencyConflict.Compare(new SampleInput(), new SampleInput()));
    }

    [Fact]
    public void Exactly_the_differing_fields_are_reported_with_their_display_names()
    {
        var saved = new SampleInput();
        var yours = new SampleInput { LegalName = "Testa Q. Example", DateOfBirth = new DateOnly(2010, 6, 1) };

        var conflicts = ConcurrencyConflict.Compare(saved, yours);

        Assert.Equal(
            [
                new ConflictField("Date of birth", "2010-05-15", "2010-06-01"),
                new ConflictField("Legal name", "Testa Example", "Testa Q. Example"),
            ],
            Sorted(conflicts));
    }

    [Fact]
    public void A_property_without_a_display_name_is_labelled_with_its_name()
    {
        var conflicts = ConcurrencyConflict.Compare(new SampleInput { Sex = Sex.Intersex }, new SampleInput());

        Assert.Equal(new ConflictField(nameof(SampleInput.Sex), "Intersex", "Female"), Assert.Single(conflicts));
    }

    [Fact]
    public void Yes_no_and_missing_values_are_shown_readably()
    {
        var saved = new SampleInput { InterpreterNeeded = true, Pronouns = "they/them" };
        var yours = new SampleInput { InterpreterNeeded = false, Pronouns = null };

        var conflicts = ConcurrencyConflict.Compare(saved, yours);

        Assert.Equal(
            [
                new ConflictField("Interpreter needed", "Yes", "No"),
                new ConflictField(nameof(SampleInput.Pronouns), "they/them", "—"),
            ],
            Sorted(conflicts));
    }

    [Fact]
    public void An_empty_string_and_a_missing_value_are_not_a_conflict()
    {
        Assert.Empty(ConcurrencyConflict.Compare(new SampleInput { Pronouns = string.Empty }, new SampleInput { Pronouns = null }));
    }

    [Fact]
    public void Numbers_are_formatted_the_same_in_every_culture()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

            var conflict = Assert.Single(ConcurrencyConflict.Compare(new SampleInput(), new SampleInput { WeeklyHours = 10.75m }));

            Assert.Equal(new ConflictField("Weekly hours", "2.5", "10.75"), conflict);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void Read_only_properties_are_not_compared()
    {
        var saved = new SampleInput();
        var yours = new SampleInput { LegalName = "Other Example" };

        var conflicts = ConcurrencyConflict.Compare(saved, yours);

        Assert.NotEqual(saved.Summary, yours.Summary);
        Assert.Equal("Legal name", Assert.Single(conflicts).Label);
    }
}
