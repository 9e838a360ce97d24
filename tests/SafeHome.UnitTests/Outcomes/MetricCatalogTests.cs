using SafeHome.Domain.Outcomes;
using SafeHome.Web.Infrastructure;

namespace SafeHome.UnitTests.Outcomes;

/// The methods appendix is worded from the options the metrics were computed with, never from fixed numbers.
public sealed class MetricCatalogTests
{
    private static MetricDefinition Described(MetricOptions options, string id) => Assert.Single(MetricCatalog.Describe(options), d => d.Id == id);

    [Fact]
    public void M26_is_described_with_the_signing_deadline_it_was_computed_with()
    {
        var day = Described(new MetricOptions { NoteSigningHours = 24 }, "M26");
        var twoDays = Described(new MetricOptions { NoteSigningHours = 48 }, "M26");

        Assert.Contains("24 hours", day.Numerator, StringComparison.Ordinal);
        Assert.Contains("24 hours", day.Definition, StringComparison.Ordinal);
        Assert.DoesNotContain("72", day.Numerator + day.Definition, StringComparison.Ordinal);
        Assert.Contains("48 hours", twoDays.Numerator, StringComparison.Ordinal);
        Assert.Contains("48 hours", twoDays.Definition, StringComparison.Ordinal);
        Assert.DoesNotContain("24", twoDays.Numerator + twoDays.Definition, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_signing_window_is_the_apps_default_signing_deadline()
    {
        Assert.Equal(new NotesOptions().SigningDeadlineHours, MetricOptions.Default.NoteSigningHours);
        Assert.Contains($"{new NotesOptions().SigningDeadlineHours} hours", MetricCatalog.Get("M26").Definition, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_configurable_threshold_reaches_the_wording()
    {
        var options = new MetricOptions
        {
            NcmecHours = 12,
            NcmecUnderAge = 17,
            DebriefHours = 36,
            ScreenHours = 60,
            PlanActiveWithinDays = 21,
            SchoolAgeMax = 19,
            DocumentsMinimumAge = 14,
            ExcludeMedicalTransfersFromPermanency = true,
        };

        static string Text(MetricDefinition d) => string.Join(' ', d.Name, d.Numerator, d.Denominator, d.Definition);
        Assert.Contains("12 hours", Text(Described(options, "M5")), StringComparison.Ordinal);
        Assert.Contains("under 17", Text(Described(options, "M5")), StringComparison.Ordinal);
        Assert.Contains("36 hours", Text(Described(options, "M6")), StringComparison.Ordinal);
        Assert.Contains("60 hours", Text(Described(options, "M7")), StringComparison.Ordinal);
        Assert.Contains("left out", Described(options, "M10").Definition, StringComparison.Ordinal);
        Assert.Contains("19 or younger", Described(options, "M13").Definition, StringComparison.Ordinal);
        Assert.Contains("21 days", Described(options, "M16").Numerator, StringComparison.Ordinal);
        Assert.Contains("21 days", Described(options, "M16").Denominator, StringComparison.Ordinal);
        Assert.Contains("14 or older", Described(options, "M24").Denominator, StringComparison.Ordinal);
        Assert.DoesNotContain("72", Text(Described(options, "M6")) + Text(Described(options, "M7")), StringComparison.Ordinal);
        Assert.DoesNotContain("30 days", Text(Described(options, "M16")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalogue_is_the_description_under_the_default_options_and_options_never_change_ids_areas_or_units()
    {
        Assert.Equal(MetricCatalog.Describe(MetricOptions.Default), MetricCatalog.All);
        var other = MetricCatalog.Describe(new MetricOptions { NoteSigningHours = 48, PlanActiveWithinDays = 45, NcmecHours = 12 });
        Assert.Equal(MetricCatalog.All.Select(d => (d.Id, d.Area, d.Unit)), other.Select(d => (d.Id, d.Area, d.Unit)));
    }
}
