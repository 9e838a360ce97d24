using SafeHome.Domain.Outcomes;
using SafeHome.Reports.Disclosure;

namespace SafeHome.Reports.Outcomes;

/// One period's printed figures described to a <see cref="DisclosureModel"/>: each breakdown row is a count variable,
/// every printed count a sum of them, every percentage, rate and median built on the sums it really uses, and the links
/// a reader knows from the definitions (M2 and M11 count the same youth served; M8 and M9 the same exits). Costs rank
/// what readers need most, so protection takes a remainder before a key result.
internal sealed class PeriodFigures
{
    private const int OverviewCost = 40;
    private const int KeyResultCost = 50;
    private const int DenominatorCost = 30;
    private const int NumeratorCost = 20;
    private const int SummaryCost = 5;
    private const int StatisticCost = 3;
    private const int PartCost = 2;
    private const int QualityCost = 1;

    private readonly DisclosureModel _model;
    private readonly Dictionary<string, int> _own = [];

    private PeriodFigures(DisclosureModel model, MetricSet set)
    {
        _model = model;
        YouthServed = Own("Youth served", set.YouthServed, OverviewCost);
        ResidentDays = Own("Resident-days", set.ResidentDays, OverviewCost);
        Admissions = Own("Admissions", set.Admissions, OverviewCost);
        Exits = Own("Exits", set.Exits, OverviewCost);
        InCareAtEnd = Own("In care on the last day", set.CurrentResidentsAtEnd, OverviewCost);
        _own[OutcomeMetrics.CurrentResidentsKey] = InCareAtEnd.Variables[0];
        _own[OutcomeMetrics.ExitsKey] = Exits.Variables[0];
    }

    public DisclosureModel.Cell YouthServed { get; }

    public DisclosureModel.Cell ResidentDays { get; }

    public DisclosureModel.Cell Admissions { get; }

    public DisclosureModel.Cell Exits { get; }

    public DisclosureModel.Cell InCareAtEnd { get; }

    public Dictionary<string, MetricFigures> Metrics { get; } = [];

    public List<QualityFigures> DataQuality { get; } = [];

    public static PeriodFigures Add(DisclosureModel model, MetricSet set, MetricOptions options)
    {
        var figures = new PeriodFigures(model, set);
        foreach (var result in set.Results.Where(r => r.Status == MetricStatus.Computed))
        {
            figures.Metrics[result.Id] = figures.Metric(result);
        }

        figures.Link(options);
        foreach (var item in set.DataQuality)
        {
            figures.DataQuality.Add(figures.Quality(item));
        }

        return figures;
    }

    /// Every cell this period prints, for the count of what it withholds.
    public IEnumerable<DisclosureModel.Cell> Printed() =>
        new[] { YouthServed, ResidentDays, Admissions, Exits, InCareAtEnd }
            .Concat(Metrics.Values.SelectMany(m => m.Parts.Append(m.Total).Append(m.Numerator).Append(m.Denominator).Concat(m.Statistics.OfType<DisclosureModel.Cell>())))
            .Concat(DataQuality.SelectMany(q => new[] { q.Lacking, q.Checked }))
            .Distinct();

    public IEnumerable<DisclosureModel.Derived> Derived() =>
        Metrics.Values.SelectMany(m => m.Statistics.OfType<DisclosureModel.Derived>().Prepend(m.Value)).Distinct();

    private DisclosureModel.Cell Own(string label, long truth, int cost) => _model.Count(label, [_model.Variable(truth)], cost);

    private MetricFigures Metric(MetricResult result)
    {
        var id = result.Id;
        var parts = result.Parts.Select(p => _model.Variable(p.Count)).ToArray();
        var partCells = result.Parts.Select((p, i) => _model.Count($"{id} {p.Label}", [parts[i]], PartCost)).ToArray();
        var total = _model.Count($"{id} total", parts, DenominatorCost);
        var numeratorParts = parts.Where((_, i) => result.Parts[i].InNumerator).ToArray();
        var complementParts = parts.Where((_, i) => !result.Parts[i].InNumerator).ToArray();
        var numerator = _model.Count($"{id} numerator", numeratorParts, NumeratorCost);
        int[] Parts(IReadOnlyList<int> indexes) => [.. indexes.Select(i => parts[i])];

        DisclosureModel.Cell denominator;
        DisclosureModel.Derived value;
        switch (result.Definition.Unit)
        {
            case MetricUnit.PerThousandResidentDays:
                denominator = ResidentDays;
                value = _model.Ratio(numeratorParts, ResidentDays.Variables, 1000, OutcomeReport.RateDecimals, KeyResultCost, numerator, ResidentDays);
                break;
            case MetricUnit.Percent:
                denominator = total;
                _model.Implied($"{id} remainder", complementParts);
                value = _model.Ratio(numeratorParts, parts, 100, OutcomeReport.PercentDecimals, KeyResultCost, numerator, total);
                break;
            default:
                denominator = total;
                value = _model.Summary(parts, result.Value, KeyResultCost, total);
                break;
        }

        var statistics = result.Statistics.Select<MetricStatistic, DisclosureModel.IWithholdable>(s =>
        {
            var over = Parts(s.Over);
            var own = s.Own is { } o ? OwnVariable(id, o, parts) : (int?)null;
            switch (s.Kind)
            {
                case StatisticKind.Share:
                    int[] of = own is { } v ? [v] : Parts(s.Of);
                    var ofCell = _model.Find(of) ?? _model.Implied($"{id} {s.Label}", of);
                    if (own is { } held)
                    {
                        // The rest of the base, without the own count: a reader gets it by subtraction.
                        var rest = _model.Variable(_model.TruthOf(over) - _model.TruthOf([held]));
                        _model.KnowEqual([held, rest], over);
                        _model.Implied($"{id} {s.Label}, remainder", [rest]);
                    }
                    else
                    {
                        _model.Implied($"{id} {s.Label}, remainder", [.. over.Except(of)]);
                    }

                    return _model.Ratio(of, over, 100, OutcomeReport.PercentDecimals, StatisticCost, ofCell, _model.Find(over));
                case StatisticKind.Summary:
                    int[] records = own is { } r ? [r] : over;
                    return _model.Summary(records, s.Value, SummaryCost, _model.Find(records));
                default:
                    return _model.Count($"{id} {s.Label}", own is { } c ? [c] : over, StatisticCost);
            }
        }).ToList();

        return new MetricFigures(partCells, total, numerator, denominator, value, statistics, parts);
    }

    /// A count outside the breakdown: shared by key within the period, and bounded by the parts it must lie between.
    private int OwnVariable(string metricId, OwnCount own, int[] parts)
    {
        var key = own.Key is OutcomeMetrics.CurrentResidentsKey or OutcomeMetrics.ExitsKey ? own.Key : $"{metricId} {own.Key}";
        if (!_own.TryGetValue(key, out var variable))
        {
            variable = _model.Variable(own.Count);
            _own[key] = variable;
            if (own.AtLeast is { } atLeast)
            {
                _model.KnowAtMost([.. atLeast.Select(i => parts[i])], [variable]);
            }

            if (own.AtMost is { } atMost)
            {
                _model.KnowAtMost([variable], [.. atMost.Select(i => parts[i])]);
            }
        }

        return variable;
    }

    /// What a reader knows from the definitions: the same populations counted in several metrics.
    private void Link(MetricOptions options)
    {
        int[] All(string id) => Metrics.TryGetValue(id, out var m) ? [.. m.PartVariables] : [];
        void Same(string id, IReadOnlyList<int> other)
        {
            if (Metrics.ContainsKey(id) && other.Count > 0)
            {
                _model.KnowEqual(All(id), other);
            }
        }

        void Within(string id, IReadOnlyList<int> other)
        {
            if (Metrics.ContainsKey(id) && other.Count > 0)
            {
                _model.KnowAtMost(All(id), other);
            }
        }

        Same("M2", YouthServed.Variables);
        Same("M11", YouthServed.Variables);
        Same("M8", Exits.Variables);
        Same("M9", Exits.Variables);
        if (options.ExcludeMedicalTransfersFromPermanency)
        {
            Within("M10", Exits.Variables);
        }
        else
        {
            Same("M10", Exits.Variables);
        }

        Within("M20", Exits.Variables);
        if (options.DocumentsMinimumAge > 0)
        {
            Within("M24", Exits.Variables);
        }
        else
        {
            Same("M24", Exits.Variables);
        }

        Same("M4", All("M1"));
        Within("M5", All("M1"));
        Same("M6", All("M7"));
        Within("M6", All("M3"));
        Within("M16", Admissions.Variables);
        Within("M13", InCareAtEnd.Variables);
        _model.KnowAtMost(InCareAtEnd.Variables, YouthServed.Variables);
    }

    private QualityFigures Quality(DataQualityItem item)
    {
        if (item.Metric is { } id && Metrics.TryGetValue(id, out var metric))
        {
            int[] Pick(IReadOnlyList<int> indexes) => [.. indexes.Select(i => metric.PartVariables[i])];
            var checkedParts = Pick(item.CheckedParts);
            var checkedCell = _model.Count(item.Field + ", checked", checkedParts, QualityCost);
            if (item.LackingParts.Count > 0)
            {
                var lackingParts = Pick(item.LackingParts);
                _model.Implied(item.Field + ", complete", [.. checkedParts.Except(lackingParts)]);
                return new QualityFigures(item.Field, _model.Count(item.Field, lackingParts, QualityCost), checkedCell);
            }

            return new QualityFigures(item.Field, Split(item, checkedParts), checkedCell);
        }

        if (item.Population is { } population && _own.TryGetValue(population, out var variable))
        {
            return new QualityFigures(item.Field, Split(item, [variable]), _model.Count(item.Field + ", checked", [variable], QualityCost));
        }

        var total = _model.Variable(item.RecordsChecked);
        return new QualityFigures(item.Field, Split(item, [total]), _model.Count(item.Field + ", checked", [total], QualityCost));
    }

    /// Lacking records as a count of their own within the checked ones, with the complete ones as its remainder.
    private DisclosureModel.Cell Split(DataQualityItem item, int[] checkedVariables)
    {
        var lacking = _model.Variable(item.RecordsLacking);
        var complete = _model.Variable(item.RecordsChecked - item.RecordsLacking);
        _model.KnowEqual([lacking, complete], checkedVariables);
        _model.Implied(item.Field + ", complete", [complete]);
        return _model.Count(item.Field, [lacking], QualityCost);
    }
}

internal sealed record MetricFigures(
    IReadOnlyList<DisclosureModel.Cell> Parts,
    DisclosureModel.Cell Total,
    DisclosureModel.Cell Numerator,
    DisclosureModel.Cell Denominator,
    DisclosureModel.Derived Value,
    IReadOnlyList<DisclosureModel.IWithholdable> Statistics,
    IReadOnlyList<int> PartVariables);

internal sealed record QualityFigures(string Field, DisclosureModel.Cell Lacking, DisclosureModel.Cell Checked);
