using SafeHome.Reports.Disclosure;
using SafeHome.Reports.Outcomes;

namespace SafeHome.UnitTests.Reports;

/// The audit attacks printed figures the way a reader with a calculator would; these tests show it finds what a
/// calculator finds, and that protection withholds the fewest, cheapest figures that stop it.
public sealed class DisclosureModelTests
{
    [Fact]
    public void The_audit_finds_a_share_of_a_published_total_that_gives_back_a_withheld_count()
    {
        // 42 youth: 1 confirmed, 2 suspected, 39 without an event; the shares 2.4 % and 4.8 % printed beside 42.
        var model = new DisclosureModel(11);
        var (confirmed, suspected, none) = (model.Variable(1), model.Variable(2), model.Variable(39));
        model.Count("youth served", [confirmed, suspected, none], 40);
        model.Count("confirmed", [confirmed], 2).Withheld = true;
        model.Count("suspected", [suspected], 2).Withheld = true;
        model.Count("no event", [none], 2).Withheld = true;
        model.Ratio([confirmed], [confirmed, suspected, none], 100, 1, 3);
        model.Ratio([suspected], [confirmed, suspected, none], 100, 1, 3);

        var audit = model.Audit();

        Assert.False(audit.Passed);
        Assert.Contains(audit.Problems, p => p.Cell.Label == "confirmed" && p.Low == 1 && p.High == 1);
        Assert.Contains(audit.Problems, p => p.Cell.Label == "suspected" && p.Low == 2 && p.High == 2);
    }

    [Fact]
    public void Protection_withholds_the_shares_and_keeps_the_total()
    {
        var model = new DisclosureModel(11);
        var (confirmed, suspected, none) = (model.Variable(1), model.Variable(2), model.Variable(39));
        var total = model.Count("youth served", [confirmed, suspected, none], 40);
        model.Count("confirmed", [confirmed], 2);
        model.Count("suspected", [suspected], 2);
        var rest = model.Count("no event", [none], 2);
        var shares = new[] { model.Ratio([confirmed], [confirmed, suspected, none], 100, 1, 3), model.Ratio([suspected], [confirmed, suspected, none], 100, 1, 3) };

        model.Protect();

        Assert.True(model.Audit().Passed);
        Assert.False(total.Withheld);
        Assert.True(rest.Withheld);
        Assert.All(shares, s => Assert.True(s.Withheld));
        Assert.All(model.Audit().Ranges, r => Assert.True(r.Width >= 11));
    }

    [Fact]
    public void A_rate_with_its_resident_days_pins_its_events_and_is_withheld()
    {
        var model = new DisclosureModel(11);
        var (episodes, days) = (model.Variable(3), model.Variable(2_760));
        var events = model.Count("episodes", [episodes], 20);
        model.Count("resident-days", [days], 40);
        var rate = model.Ratio([episodes], [days], 1000, 2, 50);
        events.Withheld = true;
        Assert.False(model.Audit().Passed);

        model.Protect();

        Assert.True(rate.Withheld);
        Assert.True(model.Audit().Passed);
    }

    [Fact]
    public void A_printed_median_proves_its_base_reached_the_threshold()
    {
        var model = new DisclosureModel(11);
        var (a, b) = (model.Variable(5), model.Variable(12));
        model.Count("total", [a, b], 30);
        var first = model.Count("first", [a], 2);
        model.Count("second", [b], 2);
        model.Summary([b], 40.5, 5);
        first.Withheld = true;

        // The total 17 less the second's 12 pins the first anyway; with the second withheld, the median over it still
        // bounds it to at least 11, so the first has 7 values left: too few.
        model.Cells.Single(c => c.Label == "second").Withheld = true;
        var problem = Assert.Single(model.Audit().Problems, p => p.Cell.Label == "first");
        Assert.Equal((0, 6L), (problem.Low, problem.High!.Value));
    }

    [Fact]
    public void Linear_program_ranges_are_exact_on_small_systems_and_report_contradictions_and_open_ends()
    {
        // x0 + x1 = 3 and x0 >= 1: x0 lies in [1, 3]; adding x0 >= 4 contradicts; x1 alone is unbounded above.
        var constraints = new List<LinearConstraint>
        {
            new(new Dictionary<int, double> { [0] = 1, [1] = 1 }, Relation.Equal, 3),
            new(new Dictionary<int, double> { [0] = 1 }, Relation.AtLeast, 1),
        };

        var range = LinearProgram.Range(2, constraints, new Dictionary<int, double> { [0] = 1 });

        Assert.NotNull(range);
        Assert.Equal(1, range.Value.Min, 6);
        Assert.Equal(3, range.Value.Max, 6);
        Assert.Null(LinearProgram.Range(2, [.. constraints, new(new Dictionary<int, double> { [0] = 1 }, Relation.AtLeast, 4)], new Dictionary<int, double> { [0] = 1 }));
        Assert.Equal(double.PositiveInfinity, LinearProgram.Optimize(2, [constraints[1]], new Dictionary<int, double> { [1] = 1 }, maximize: true));
    }

    [Fact]
    public void The_outside_attacker_catches_the_leaks_of_the_old_report()
    {
        // The 2026 Q3 report as it was printed: M11's counts withheld, its shares of 42 youth printed.
        var m11 = new MetricRow("M11", "Re-exploitation during a stay", "%", true, Figure.Hidden, Figure.Hidden, Figure.Count(42),
            [new("Confirmed event", Figure.Hidden), new("Suspected event only", Figure.Hidden), new("No event recorded", Figure.Count(39))],
            Figure.Count(42),
            [new("Confirmed", new Figure(2.4, false, "value"), "%"), new("Suspected only", new Figure(4.8, false, "value"), "%")],
            null);
        var model = OutcomeReportSamples.WorkedExample() with { Threshold = 11, Sections = [new ReportSection("Safety", [m11])] };

        var findings = ReportAttacker.Attack(model);

        Assert.Contains("M11: \"Confirmed\" count = 1", findings);
        Assert.Contains("M11: \"Suspected only\" count = 2", findings);
        Assert.Contains("M11: withheld parts add up to 3", findings);
    }
}

/// A report the audit refuses fails its run with a reason a director can read, naming the figure but no count.
public sealed class ReportJobFailureReasonTests
{
    [Fact]
    public void A_failed_disclosure_audit_fails_the_run_with_its_own_reason()
    {
        var model = new DisclosureModel(11);
        var (confirmed, others) = (model.Variable(2), model.Variable(40));
        model.Count("youth served", [confirmed, others], 40);
        model.Count("M11 Confirmed event", [confirmed], 2).Withheld = true;
        model.Count("M11 No event recorded", [others], 2);
        var audit = model.Audit();
        var failure = new DisclosureAuditException($"The disclosure audit found {audit.Problems.Count} withheld figure(s) a reader could narrow below 11, first \"{audit.Problems[0].Cell.Label}\"; the report was not stored.");

        var reason = SafeHome.Web.Jobs.OutcomeReportJob.Readable(failure);

        Assert.Equal(failure.Message, reason);
        Assert.Contains("M11 Confirmed event", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("2", reason.Replace("11", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.StartsWith("The report could not be built", SafeHome.Web.Jobs.OutcomeReportJob.Readable(new InvalidCastException()), StringComparison.Ordinal);
    }
}
