using System.Globalization;

namespace SafeHome.Reports.Disclosure;

/// Everything a report prints, as arithmetic over the true counts behind it (SECURITY.md D3, DOMAIN.md §9). Each count
/// the report prints is a <see cref="Cell"/> (a sum of non-negative count variables); each percentage, rate, median or
/// mean is a <see cref="Derived"/> figure built on cells. What a reader learns from a published figure is a linear
/// constraint: a count fixes its sum, a percentage rounded to d decimals bounds its numerator between two multiples of
/// its denominator, a median proves its base reaches the threshold, and the metric definitions themselves relate the
/// figures (youth served is the same population in M2 and M11). The audit solves, for every withheld cell, the
/// smallest and largest value it can take given all of that, and fails when that range holds fewer values than the
/// threshold. <see cref="Protect"/> chooses what to withhold so the audit passes.
public sealed class DisclosureModel
{
    private readonly List<long> _truth = [];
    private readonly List<LinearConstraint> _structure = [];
    private readonly List<Cell> _cells = [];
    private readonly Dictionary<string, Cell> _cellsByExpression = [];
    private readonly List<Derived> _derived = [];

    public DisclosureModel(int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, SmallCellSuppression.MinimumThreshold);
        Threshold = threshold;
    }

    public int Threshold { get; }

    public IReadOnlyList<Cell> Cells => _cells;

    public IReadOnlyList<Derived> DerivedFigures => _derived;

    /// A new count variable a reader does not see directly.
    public int Variable(long truth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(truth);
        _truth.Add(truth);
        return _truth.Count - 1;
    }

    public long TruthOf(IReadOnlyList<int> variables) => variables.Sum(v => _truth[v]);

    /// A printed count: the sum of <paramref name="variables"/>. The same sum printed twice is one cell, so it is
    /// withheld or published in every place alike. A higher cost marks a figure readers need more (a key result).
    public Cell Count(string label, IReadOnlyList<int> variables, int cost) => Register(label, variables, cost, printed: true);

    /// A count the report does not print but lets a reader compute, such as the remainder beside a percentage: when
    /// it is small it must keep as wide a range as a withheld printed count.
    public Cell Implied(string label, IReadOnlyList<int> variables) => Register(label, variables, 0, printed: false);

    public Cell? Find(IReadOnlyList<int> variables) => _cellsByExpression.GetValueOrDefault(Key(variables));

    /// Takes another model's decisions for the figures added since the given counts: that period's report has been
    /// (or will be) published with them, and a reader holds it beside this one.
    public void Freeze(DisclosureModel decided, (int Cells, int Derived) decidedFrom, (int Cells, int Derived) decidedTo, (int Cells, int Derived) from)
    {
        ArgumentNullException.ThrowIfNull(decided);
        for (var i = 0; decidedFrom.Cells + i < decidedTo.Cells; i++)
        {
            _cells[from.Cells + i].Withheld = decided._cells[decidedFrom.Cells + i].Withheld;
            _cells[from.Cells + i].Frozen = true;
        }

        for (var i = 0; decidedFrom.Derived + i < decidedTo.Derived; i++)
        {
            _derived[from.Derived + i].Withheld = decided._derived[decidedFrom.Derived + i].Withheld;
            _derived[from.Derived + i].Frozen = true;
        }
    }

    /// Where figures added next will start, for <see cref="Freeze"/>.
    public (int Cells, int Derived) Mark => (_cells.Count, _derived.Count);

    private Cell Register(string label, IReadOnlyList<int> variables, int cost, bool printed)
    {
        ArgumentNullException.ThrowIfNull(variables);
        var key = Key(variables);
        if (_cellsByExpression.TryGetValue(key, out var existing))
        {
            existing.Cost = Math.Max(existing.Cost, cost);
            if (printed && !existing.Printed)
            {
                existing.Printed = true;
                existing.Label = label;
            }

            return existing;
        }

        var cell = new Cell(label, [.. variables.Order()], TruthOf(variables), cost, printed);
        _cells.Add(cell);
        _cellsByExpression[key] = cell;
        return cell;
    }

    /// A printed percentage (scale 100) or rate (scale 1,000) of one sum over another, rounded to the printed decimals.
    public Derived Ratio(IReadOnlyList<int> numerator, IReadOnlyList<int> denominator, double scale, int decimals, int cost, params Cell?[] builtOn)
    {
        ArgumentNullException.ThrowIfNull(builtOn);
        var figure = new Derived(this, DerivedKind.Ratio, [.. numerator], [.. denominator], scale, decimals, cost, [.. builtOn.OfType<Cell>()]);
        _derived.Add(figure);
        return figure;
    }

    /// A printed median, quartile or mean over the records that <paramref name="over"/> counts.
    public Derived Summary(IReadOnlyList<int> over, double? value, int cost, params Cell?[] builtOn)
    {
        ArgumentNullException.ThrowIfNull(builtOn);
        var figure = new Derived(this, DerivedKind.Summary, [], [.. over], 1, 0, cost, [.. builtOn.OfType<Cell>()]) { SummaryValue = value };
        _derived.Add(figure);
        return figure;
    }

    /// What a reader knows from the definitions alone, e.g. that two metrics count the same youth.
    public void Know(IReadOnlyDictionary<int, double> terms, Relation relation, double bound) =>
        _structure.Add(new LinearConstraint(terms, relation, bound));

    /// Two sums a reader knows are equal (or one at most the other). A link the data contradict is left out and
    /// counted in <see cref="IgnoredLinks"/>, so a wrong assumption shows in tests instead of failing a report.
    public void KnowEqual(IReadOnlyList<int> left, IReadOnlyList<int> right) => Link(left, right, Relation.Equal);

    public void KnowAtMost(IReadOnlyList<int> left, IReadOnlyList<int> right) => Link(left, right, Relation.AtMost);

    public int IgnoredLinks { get; private set; }

    private void Link(IReadOnlyList<int> left, IReadOnlyList<int> right, Relation relation)
    {
        var (l, r) = (TruthOf(left), TruthOf(right));
        if (relation == Relation.Equal ? l != r : l > r)
        {
            IgnoredLinks++;
            return;
        }

        Know(Difference(left, right), relation, 0);
    }

    /// Withholds the small counts and what is built on them, then, while the audit finds a withheld cell a reader
    /// could narrow below the threshold, withholds the published figure whose loss widens it most for its cost:
    /// remainders and breakdown rows cost less than key results, so those go first.
    public void Protect()
    {
        foreach (var cell in _cells.Where(c => !c.Frozen))
        {
            // An implied count that is not small may be known: it is never audited.
            cell.Withheld = cell.Printed ? cell.Withheld || Small(cell.Truth) : Small(cell.Truth);
        }

        foreach (var figure in _derived.Where(d => !d.Frozen))
        {
            figure.Withheld |= figure.PrimaryWithheld();
        }

        // Withholding only removes constraints, so a range only ever widens: after the first full audit only the
        // counts still too narrow, and each newly withheld one, need looking at again.
        Inherit();
        var failing = new Queue<Cell>(Audit().Problems.Select(p => p.Cell));
        for (var round = 0; failing.Count > 0; round++)
        {
            if (round > 100_000)
            {
                throw new DisclosureAuditException("Suppression did not settle.");
            }

            var cell = failing.Peek();
            if (Knowledge.From(Published()).RangeOf(cell) is { } range && range.Width >= Threshold)
            {
                failing.Dequeue();
                continue;
            }

            var chosen = ChooseToWithhold(cell);
            if (chosen is null)
            {
                // Nothing this report prints is involved: earlier reports (frozen) and what a reader knows from the
                // definitions pin it already, so withholding more here would protect nothing. It stays withheld.
                cell.Inherited = true;
                failing.Dequeue();
                continue;
            }

            chosen.Withheld = true;
            Inherit();
            if (chosen is Cell withheld)
            {
                failing.Enqueue(withheld);
            }
        }
    }

    /// Attacks the report as printed: for every withheld cell, the range a reader can narrow it to.
    public DisclosureAuditResult Audit()
    {
        var knowledge = Knowledge.From(Published());
        var ranges = new List<CellRange>();
        var problems = new List<CellRange>();
        foreach (var cell in _cells.Where(c => c.Withheld && !c.Inherited))
        {
            var range = knowledge.RangeOf(cell)
                ?? throw new DisclosureAuditException("The printed figures contradict each other; the report is not stored.");
            ranges.Add(range);
            if (range.Width < Threshold)
            {
                problems.Add(range);
            }
        }

        return new DisclosureAuditResult(Threshold, ranges, problems)
        {
            Inherited = _cells.Count(c => c.Inherited && c.Printed),
        };
    }

    private bool Small(long count) => count > 0 && count < Threshold;

    private void Inherit()
    {
        bool changed;
        do
        {
            changed = false;
            foreach (var figure in _derived.Where(d => !d.Withheld && !d.Frozen && d.BuiltOn.Any(c => c.Withheld)))
            {
                figure.Withheld = true;
                changed = true;
            }
        }
        while (changed);
    }

    private IWithholdable? ChooseToWithhold(Cell target)
    {
        var published = Published();
        var before = Knowledge.From(published).RangeOf(target)!.Width;
        var distance = Distances(target.Variables, published);
        var component = distance.Keys.ToHashSet();
        int Near(IEnumerable<int> variables) => variables.Where(distance.ContainsKey).Select(v => distance[v]).DefaultIfEmpty(int.MaxValue).Min();

        // Figures closest to the withheld count first (they are what pins it), cheapest among equals.
        var candidates = _cells.Where(c => c.Printed && !c.Withheld && !c.Frozen && c.Variables.Any(component.Contains))
            .Select(c => (Figure: (IWithholdable)c, Near: Near(c.Variables)))
            .Concat(_derived.Where(d => !d.Withheld && !d.Frozen && d.Variables.Any(component.Contains)).Select(d => (Figure: (IWithholdable)d, Near: Near(d.Variables))))
            .OrderBy(c => c.Figure.Cost)
            .ThenBy(c => c.Near)
            .ToList();
        var nearest = candidates.OrderBy(c => Math.Min(c.Near, 3)).ThenBy(c => c.Figure.Cost).Select(c => c.Figure).Take(12).ToList();

        long WidthWithout(params IWithholdable[] figures)
        {
            foreach (var figure in figures)
            {
                figure.Withheld = true;
            }

            var local = Published().Where(c => c.Terms.Keys.Any(component.Contains)).ToList();
            var width = Knowledge.From(local).RangeOf(target)?.Width ?? 0;
            foreach (var figure in figures)
            {
                figure.Withheld = false;
            }

            return width;
        }

        IWithholdable? best = null;
        var bestWidth = before;
        foreach (var (candidate, _) in candidates)
        {
            var width = WidthWithout(candidate);
            if (width >= Threshold)
            {
                return candidate;
            }

            if (width > bestWidth)
            {
                best = candidate;
                bestWidth = width;
            }
        }

        // No single figure is enough: the cheapest pair that is (a breakdown row printed again as a statistic must go
        // in both places), taking its cheaper half now; the next round finds the other.
        var pair = nearest.SelectMany((a, i) => nearest.Skip(i + 1).Select(b => (A: a, B: b)))
            .Where(p => WidthWithout(p.A, p.B) >= Threshold)
            .OrderBy(p => p.A.Cost + p.B.Cost)
            .Select(p => p.A.Cost <= p.B.Cost ? p.A : p.B)
            .FirstOrDefault();

        // Otherwise what widens the range most, or the cheapest figure touching it, and look again.
        return pair ?? best ?? nearest.FirstOrDefault();
    }

    private List<LinearConstraint> Published()
    {
        var constraints = new List<LinearConstraint>(_structure);
        foreach (var cell in _cells.Where(c => c.Printed && !c.Withheld))
        {
            constraints.Add(cell.Published);
        }

        foreach (var figure in _derived.Where(d => !d.Withheld))
        {
            constraints.AddRange(figure.Published);
        }

        return constraints;
    }

    /// Every count tied to <paramref name="start"/> through a published figure or a known link, with how many
    /// constraints away it is: what could be withheld to widen the range, nearest first.
    private static Dictionary<int, int> Distances(IEnumerable<int> start, List<LinearConstraint> constraints)
    {
        var distance = start.Distinct().ToDictionary(v => v, _ => 0);
        var frontier = distance.Keys.ToList();
        for (var step = 1; frontier.Count > 0; step++)
        {
            var reached = new HashSet<int>(frontier);
            var next = new List<int>();
            foreach (var constraint in constraints)
            {
                if (constraint.Terms.Keys.Any(reached.Contains))
                {
                    foreach (var v in constraint.Terms.Keys)
                    {
                        if (distance.TryAdd(v, step))
                        {
                            next.Add(v);
                        }
                    }
                }
            }

            frontier = next;
        }

        return distance;
    }

    private static Dictionary<int, double> Difference(IReadOnlyList<int> left, IReadOnlyList<int> right)
    {
        var terms = new Dictionary<int, double>();
        foreach (var v in left)
        {
            terms[v] = terms.GetValueOrDefault(v) + 1;
        }

        foreach (var v in right)
        {
            terms[v] = terms.GetValueOrDefault(v) - 1;
        }

        return terms.Where(t => t.Value != 0).ToDictionary(t => t.Key, t => t.Value);
    }

    private static string Key(IReadOnlyList<int> variables) =>
        string.Join(',', variables.Order().Select(v => v.ToString(CultureInfo.InvariantCulture)));

    /// What a reader knows: counts pinned by substitution (a published total less its published parts), and the
    /// constraints left over the counts still free, which the linear program solves per connected group.
    private sealed class Knowledge
    {
        private readonly Dictionary<int, double> _fixed = [];
        private readonly List<LinearConstraint> _rest = [];
        private readonly Dictionary<int, List<int>> _byVariable = [];
        private bool _contradiction;

        public static Knowledge From(List<LinearConstraint> constraints)
        {
            var knowledge = new Knowledge();
            knowledge.Reduce(constraints);
            return knowledge;
        }

        public CellRange? RangeOf(Cell cell)
        {
            if (_contradiction)
            {
                return null;
            }

            var known = cell.Variables.Where(_fixed.ContainsKey).Sum(v => _fixed[v]);
            var free = cell.Variables.Where(v => !_fixed.ContainsKey(v)).ToList();
            if (free.Count == 0)
            {
                var value = (long)Math.Round(known);
                return new CellRange(cell, value, value);
            }

            var component = Reach(free);
            var index = component.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
            var local = component.SelectMany(v => _byVariable.GetValueOrDefault(v) ?? []).Distinct()
                .Select(i => _rest[i])
                .Select(c => new LinearConstraint(c.Terms.ToDictionary(t => index[t.Key], t => t.Value), c.Relation, c.Bound))
                .ToList();
            if (LinearProgram.Range(component.Count, local, free.ToDictionary(v => index[v], _ => 1.0)) is not { } range)
            {
                return null;
            }

            var low = (long)Math.Ceiling(range.Min + known - 1e-6);
            long? high = double.IsPositiveInfinity(range.Max) ? null : (long)Math.Floor(range.Max + known + 1e-6);
            return new CellRange(cell, Math.Max(0, low), high);
        }

        /// The free counts tied to <paramref name="start"/> through any constraint: the part of the report a reader
        /// would solve together. Nothing else can move the range, so the linear programs stay small.
        public HashSet<int> Reach(IEnumerable<int> start)
        {
            var seen = new HashSet<int>(start.Where(v => !_fixed.ContainsKey(v)));
            var queue = new Queue<int>(seen);
            while (queue.TryDequeue(out var v))
            {
                foreach (var i in _byVariable.GetValueOrDefault(v) ?? [])
                {
                    foreach (var other in _rest[i].Terms.Keys)
                    {
                        if (seen.Add(other))
                        {
                            queue.Enqueue(other);
                        }
                    }
                }
            }

            return seen;
        }

        private void Reduce(List<LinearConstraint> constraints)
        {
            var done = new bool[constraints.Count];
            bool changed;
            do
            {
                changed = false;
                for (var i = 0; i < constraints.Count; i++)
                {
                    var c = constraints[i];
                    if (done[i] || c.Relation != Relation.Equal)
                    {
                        continue;
                    }

                    var (free, coefficient, rest, count) = (-1, 0.0, c.Bound, 0);
                    foreach (var (variable, value) in c.Terms)
                    {
                        if (value == 0)
                        {
                            continue;
                        }

                        if (_fixed.TryGetValue(variable, out var known))
                        {
                            rest -= value * known;
                        }
                        else if (++count == 1)
                        {
                            (free, coefficient) = (variable, value);
                        }
                    }

                    if (count > 1)
                    {
                        continue;
                    }

                    done[i] = true;
                    if (count == 0)
                    {
                        _contradiction |= Math.Abs(rest) > 1e-6 * Math.Max(1, Math.Abs(c.Bound));
                        continue;
                    }

                    var solved = rest / coefficient;
                    _contradiction |= solved < -1e-6;
                    _fixed[free] = Math.Max(0, solved);
                    changed = true;
                }
            }
            while (changed);

            for (var i = 0; i < constraints.Count; i++)
            {
                if (done[i])
                {
                    continue;
                }

                var c = constraints[i];
                var terms = new Dictionary<int, double>();
                var bound = c.Bound;
                foreach (var (variable, value) in c.Terms)
                {
                    if (_fixed.TryGetValue(variable, out var known))
                    {
                        bound -= value * known;
                    }
                    else if (value != 0)
                    {
                        terms[variable] = value;
                    }
                }

                if (terms.Count == 0)
                {
                    var slack = 1e-6 * Math.Max(1, Math.Abs(c.Bound));
                    _contradiction |= c.Relation switch
                    {
                        Relation.AtMost => bound < -slack,
                        Relation.AtLeast => bound > slack,
                        _ => Math.Abs(bound) > slack,
                    };
                    continue;
                }

                _rest.Add(new LinearConstraint(terms, c.Relation, bound));
                foreach (var v in terms.Keys)
                {
                    if (!_byVariable.TryGetValue(v, out var list))
                    {
                        _byVariable[v] = list = [];
                    }

                    list.Add(_rest.Count - 1);
                }
            }
        }
    }

    public interface IWithholdable
    {
        int Cost { get; }

        bool Withheld { get; set; }
    }

    /// A count the report prints (or, not <see cref="Printed"/>, lets a reader compute). <see cref="Frozen"/> cells
    /// belong to another period's report: their decision was taken there.
    public sealed class Cell : IWithholdable
    {
        internal Cell(string label, int[] variables, long truth, int cost, bool printed)
        {
            Label = label;
            Variables = variables;
            Truth = truth;
            Cost = cost;
            Printed = printed;
        }

        /// What the report calls it, for the run's failure reason; never a value.
        public string Label { get; internal set; }

        public bool Printed { get; internal set; }

        public IReadOnlyList<int> Variables { get; }

        public long Truth { get; }

        public int Cost { get; internal set; }

        public bool Frozen { get; internal set; }

        public bool Withheld { get; set; }

        /// Pinned by earlier reports and the definitions alone, whatever this report prints: not this report's leak.
        public bool Inherited { get; internal set; }

        /// What printing it tells a reader: the sum equals its value.
        internal LinearConstraint Published => field ??= new LinearConstraint(Variables.ToDictionary(v => v, _ => 1.0), Relation.Equal, Truth);

    }

    public enum DerivedKind
    {
        Ratio,
        Summary,
    }

    /// A percentage, rate (<see cref="DerivedKind.Ratio"/>) or a median or mean (<see cref="DerivedKind.Summary"/>).
    public sealed class Derived : IWithholdable
    {
        private readonly DisclosureModel _model;
        private readonly int[] _numerator;
        private readonly int[] _denominator;

        internal Derived(DisclosureModel model, DerivedKind kind, int[] numerator, int[] denominator, double scale, int decimals, int cost, Cell[] builtOn)
        {
            _model = model;
            Kind = kind;
            _numerator = numerator;
            _denominator = denominator;
            Scale = scale;
            Decimals = decimals;
            Cost = cost;
            BuiltOn = builtOn;
            Numerator = model.TruthOf(numerator);
            Denominator = model.TruthOf(denominator);
        }

        public DerivedKind Kind { get; }

        public double Scale { get; }

        public int Decimals { get; }

        public int Cost { get; }

        public bool Frozen { get; internal set; }

        public bool Withheld { get; set; }

        /// The cells whose suppression this figure inherits.
        public IReadOnlyList<Cell> BuiltOn { get; }

        public long Numerator { get; }

        /// A summary's own value (a median or mean): it bounds no count, so only its base is audited.
        public double? SummaryValue { get; init; }

        /// For a summary, the number of records it is taken over.
        public long Denominator { get; }

        /// "n/a": nothing to divide by, or no record to summarise. Printing it tells a reader the base is zero.
        public bool NotApplicable => Denominator == 0;

        /// The value as printed, rounded to the printed decimals.
        public double? Printed => Kind == DerivedKind.Ratio && !NotApplicable
            ? Math.Round(Scale * Numerator / Denominator, Decimals, MidpointRounding.AwayFromZero)
            : null;

        internal IEnumerable<int> Variables => _numerator.Concat(_denominator);


        /// A ratio built on a small numerator, a small remainder or a small base; a summary of fewer records than the
        /// threshold. A rate's base (resident-days) is not a count of people, so only its events are checked.
        internal bool PrimaryWithheld()
        {
            if (NotApplicable)
            {
                return false;
            }

            if (Kind == DerivedKind.Summary)
            {
                return Denominator < _model.Threshold;
            }

            var remainderIsCount = Scale == 100;
            return _model.Small(Numerator) || (remainderIsCount && (_model.Small(Denominator - Numerator) || _model.Small(Denominator)));
        }

        internal IReadOnlyList<LinearConstraint> Published => field ??= [.. Constraints()];

        private IEnumerable<LinearConstraint> Constraints()
        {
            var denominator = _denominator.GroupBy(v => v).ToDictionary(g => g.Key, g => (double)g.Count());
            if (NotApplicable)
            {
                yield return new LinearConstraint(denominator, Relation.Equal, 0);
                yield break;
            }

            if (Kind == DerivedKind.Summary)
            {
                // Printed only over enough records: the printed value proves the base reached the threshold.
                yield return new LinearConstraint(denominator, Relation.AtLeast, _model.Threshold);
                yield break;
            }

            // scale × numerator ÷ denominator rounds to the printed value p: (p − h) × den ≤ scale × num ≤ (p + h) × den.
            var half = (0.5 * Math.Pow(10, -Decimals)) + 1e-9;
            var printed = Printed!.Value;
            yield return new LinearConstraint(Combine(Scale, -(printed + half)), Relation.AtMost, 0);
            yield return new LinearConstraint(Combine(Scale, -(printed - half)), Relation.AtLeast, 0);
            yield return new LinearConstraint(denominator, Relation.AtLeast, 1);

            Dictionary<int, double> Combine(double numeratorFactor, double denominatorFactor)
            {
                var terms = new Dictionary<int, double>();
                foreach (var v in _numerator)
                {
                    terms[v] = terms.GetValueOrDefault(v) + numeratorFactor;
                }

                foreach (var v in _denominator)
                {
                    terms[v] = terms.GetValueOrDefault(v) + denominatorFactor;
                }

                return terms;
            }
        }
    }
}

/// The range a reader can narrow a withheld count to: [Low, High], High null when unbounded.
public sealed record CellRange(DisclosureModel.Cell Cell, long Low, long? High)
{
    /// How many values the count can still take.
    public long Width => High is { } high ? high - Low + 1 : long.MaxValue;
}

public sealed record DisclosureAuditResult(int Threshold, IReadOnlyList<CellRange> Ranges, IReadOnlyList<CellRange> Problems)
{
    public bool Passed => Problems.Count == 0;

    /// Withheld counts that earlier reports already let a reader work out, whatever this one prints.
    public int Inherited { get; init; }

    /// The narrowest range any withheld count keeps (null when nothing is withheld).
    public long? NarrowestWidth => Ranges.Count == 0 ? null : Ranges.Min(r => r.Width);
}

/// The report would let a reader work back a withheld count: it is not stored, and the run says why.
public sealed class DisclosureAuditException : Exception
{
    public DisclosureAuditException()
    {
    }

    public DisclosureAuditException(string message)
        : base(message)
    {
    }

    public DisclosureAuditException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
