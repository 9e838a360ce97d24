using System.Globalization;
using SafeHome.Domain.Plans;
using SafeHome.Web.Infrastructure;

namespace SafeHome.Web.Pages.Plans;

public enum DiffChange
{
    Unchanged,
    Changed,
    Added,
    Removed,
}

/// One field of an item in two versions, as text; an item missing from a version shows an empty value.
public sealed record FieldDiff(string Label, string Old, string New)
{
    public bool Changed => !string.Equals(Old, New, StringComparison.Ordinal);
}

/// One strength, goal, objective or intervention across two versions, with the items under it.
public sealed record ItemDiff(string Kind, string Title, DiffChange Change, IReadOnlyList<FieldDiff> Fields, IReadOnlyList<ItemDiff> Children);

/// Two versions of one resident's plan side by side. Goals, objectives and interventions keep a lineage id across
/// versions, so an edited item is matched with its earlier self rather than shown as removed and added.
public static class PlanDiff
{
    private const string None = "—";

    public static IReadOnlyList<FieldDiff> Overview(ServicePlan from, ServicePlan to) => Fields(from, to, p =>
    [
        ("Status", p.Status.Display()),
        ("Effective date", Date(p.EffectiveOn)),
        ("Target date", Date(p.TargetOn)),
        ("Approved on", p.ApprovedAtUtc is { } approved ? approved.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : None),
        ("The youth's vision", Text(p.YouthVision)),
        ("Stage of change", p.StageOfChange.Display()),
    ]);

    public static IReadOnlyList<FieldDiff> Meeting(ServicePlan from, ServicePlan to) => Fields(from, to, p => p.Meeting is not { } m
        ? [("Held on", None), ("Attendees", None), ("How the youth took part", None), ("What the youth said", None), ("Team members the youth chose", None), ("Rights list acknowledged", None)]
        :
        [
            ("Held on", Date(m.HeldOn)),
            ("Attendees", m.Attendees),
            ("How the youth took part", m.YouthParticipation.Display()),
            ("What the youth said", Text(m.YouthFeedback)),
            ("Team members the youth chose", Text(string.Join(", ", new[] { m.ChosenMemberOne, m.ChosenMemberTwo }.OfType<string>()))),
            ("Rights list acknowledged", m.RightsAcknowledged ? "Yes" : "No"),
        ]);

    /// Strengths carry no lineage id: an unchanged strength is matched by its text, and the rest by their place in
    /// the list, which a revision copies, so an edited strength shows as changed.
    public static IReadOnlyList<ItemDiff> Strengths(ServicePlan from, ServicePlan to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var olds = from.Strengths.OrderBy(s => s.SortOrder).ToList();
        var pairs = new List<(PlanStrength? Old, PlanStrength? New)>();
        var unmatchedNew = new List<PlanStrength>();
        foreach (var strength in to.Strengths.OrderBy(s => s.SortOrder))
        {
            var same = olds.FirstOrDefault(o => o.Source == strength.Source && o.Text == strength.Text);
            if (same is null)
            {
                unmatchedNew.Add(strength);
                continue;
            }

            olds.Remove(same);
            pairs.Add((same, strength));
        }

        foreach (var strength in unmatchedNew)
        {
            var placed = olds.FirstOrDefault(o => o.SortOrder == strength.SortOrder);
            if (placed is not null)
            {
                olds.Remove(placed);
            }

            pairs.Add((placed, strength));
        }

        pairs.AddRange(olds.Select(o => ((PlanStrength?)o, (PlanStrength?)null)));
        return [.. pairs
            .OrderBy(p => p.New?.SortOrder ?? int.MaxValue).ThenBy(p => p.Old?.SortOrder)
            .Select(p => Item("Strength", p.Old, p.New, s => s.Text, s => [("Source", s.Source.Display()), ("Strength", s.Text)], (_, _) => []))];
    }

    public static IReadOnlyList<ItemDiff> Goals(ServicePlan from, ServicePlan to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        return ByLineage(from.Goals, to.Goals, g => g.LineageId, g => (int)g.Domain * 10_000 + g.SortOrder, (old, @new) => Item(
            "Goal", old, @new, g => g.YouthStatement, g =>
            [
                ("Domain", g.Domain.Display()),
                ("In the youth's words", g.YouthStatement),
                ("SMART goal", Text(g.SmartStatement)),
                ("Priority", g.Priority.Display()),
                ("Target date", Date(g.TargetOn)),
                ("Status", g.Status.Display()),
                ("Reason discontinued", Text(g.DiscontinuedReason)),
                ("Scale weight", g.GasWeight?.ToString(CultureInfo.InvariantCulture) ?? None),
                ("−2 much less than expected", Text(g.GasMuchLess)),
                ("−1 less than expected", Text(g.GasLess)),
                ("0 as expected", Text(g.GasExpected)),
                ("+1 more than expected", Text(g.GasMore)),
                ("+2 much more than expected", Text(g.GasMuchMore)),
            ],
            (o, n) => ByLineage(o?.Objectives ?? [], n?.Objectives ?? [], x => x.LineageId, x => x.SortOrder, Objective)));
    }

    private static ItemDiff Objective(PlanObjective? old, PlanObjective? @new) => Item(
        "Objective", old, @new, o => o.Criterion, o =>
        [
            ("Measurable criterion", o.Criterion),
            ("Metric", o.MetricType.Display()),
            ("Baseline", Text(o.Baseline)),
            ("Baseline date", Date(o.BaselineOn)),
            ("Target", o.Target),
            ("Target date", Date(o.TargetOn)),
            ("Measured by", Text(o.MeasurementMethod)),
            ("Responsible", o.Responsible.Display()),
            ("Responsible person", Text(o.ResponsibleName)),
            ("Status", o.Status.Display()),
            ("Reason discontinued", Text(o.DiscontinuedReason)),
        ],
        (o, n) => ByLineage(o?.Interventions ?? [], n?.Interventions ?? [], x => x.LineageId, x => x.SortOrder, Intervention));

    private static ItemDiff Intervention(PlanIntervention? old, PlanIntervention? @new) => Item(
        "Intervention", old, @new, i => i.Type, i =>
        [
            ("Type", i.Type),
            ("Model", Text(i.Model)),
            ("Frequency", Text(i.Frequency)),
            ("Provider", Text(i.Provider)),
            ("Responsible staff", Text(i.ResponsibleStaff)),
            ("Start date", Date(i.StartOn)),
            ("End date", Date(i.EndOn)),
            ("Reason discontinued", Text(i.DiscontinuedReason)),
        ],
        (_, _) => []);

    /// Items of the later version in its order, then those only the earlier version has.
    private static IReadOnlyList<ItemDiff> ByLineage<T>(IEnumerable<T> olds, IEnumerable<T> news, Func<T, Guid> lineage, Func<T, int> order, Func<T?, T?, ItemDiff> diff)
        where T : class
    {
        var oldByLineage = olds.ToDictionary(lineage);
        var newList = news.OrderBy(order).ToList();
        var newLineages = newList.Select(lineage).ToHashSet();
        return
        [
            .. newList.Select(n => diff(oldByLineage.GetValueOrDefault(lineage(n)), n)),
            .. oldByLineage.Values.Where(o => !newLineages.Contains(lineage(o))).OrderBy(order).Select(o => diff(o, null)),
        ];
    }

    private static ItemDiff Item<T>(string kind, T? old, T? @new, Func<T, string> title, Func<T, (string Label, string Value)[]> fields, Func<T?, T?, IReadOnlyList<ItemDiff>> children)
        where T : class
    {
        var shown = @new ?? old ?? throw new ArgumentException("An item is in at least one of the versions.", nameof(old));
        var oldFields = old is null ? null : fields(old);
        var newFields = @new is null ? null : fields(@new);
        var labels = fields(shown).Select(f => f.Label).ToList();
        var diffs = labels.Select((label, i) => new FieldDiff(label, oldFields?[i].Value ?? string.Empty, newFields?[i].Value ?? string.Empty)).ToList();
        var under = children(old, @new);
        var change = old is null ? DiffChange.Added
            : @new is null ? DiffChange.Removed
            : diffs.Any(d => d.Changed) || under.Any(c => c.Change != DiffChange.Unchanged) ? DiffChange.Changed
            : DiffChange.Unchanged;
        return new ItemDiff(kind, title(shown), change, diffs, under);
    }

    private static List<FieldDiff> Fields(ServicePlan from, ServicePlan to, Func<ServicePlan, (string Label, string Value)[]> fields)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var olds = fields(from);
        var news = fields(to);
        return [.. olds.Select((f, i) => new FieldDiff(f.Label, f.Value, news[i].Value))];
    }

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? None;

    private static string Text(string? text) => string.IsNullOrEmpty(text) ? None : text;
}

/// What the diff partials render: fields or an item, and the two version labels for the column headers.
public sealed record DiffFieldsView(IReadOnlyList<FieldDiff> Fields, DiffChange Change, string FromLabel, string ToLabel);

public sealed record DiffItemView(ItemDiff Item, string FromLabel, string ToLabel);
