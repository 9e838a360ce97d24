namespace SafeHome.Reports.Disclosure;

public enum Relation
{
    AtMost,
    Equal,
    AtLeast,
}

/// One linear constraint over non-negative variables: Σ coefficient × x[variable] (relation) bound.
public sealed record LinearConstraint(IReadOnlyDictionary<int, double> Terms, Relation Relation, double Bound);

/// The smallest and largest value a linear expression can take over non-negative variables under linear constraints:
/// the attacker's view of a withheld cell. A dense two-phase simplex with Bland's rule (no cycling); the problems here
/// have tens of variables, so clarity beats speed. The relaxation is over the reals, so the range it gives is never
/// narrower than the integer one: the audit may call a cell safe only when a reader really cannot pin it.
public static class LinearProgram
{
    private const double Epsilon = 1e-9;

    /// Null when the constraints cannot all hold (a contradiction in what is printed: a bug, never data).
    public static (double Min, double Max)? Range(int variables, IReadOnlyList<LinearConstraint> constraints, IReadOnlyDictionary<int, double> expression)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(expression);
        var min = Optimize(variables, constraints, expression, maximize: false);
        if (min is null)
        {
            return null;
        }

        var max = Optimize(variables, constraints, expression, maximize: true);
        return max is null ? null : (min.Value, max.Value);
    }

    /// The optimum of the expression, +∞ when a maximum is unbounded, or null when infeasible.
    public static double? Optimize(int variables, IReadOnlyList<LinearConstraint> constraints, IReadOnlyDictionary<int, double> expression, bool maximize)
    {
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(expression);
        var rows = constraints.Count;

        // Columns: the variables, one slack or surplus per inequality, one artificial per row that needs one, then the
        // right-hand side.
        var slackCount = constraints.Count(c => c.Relation != Relation.Equal);
        var columns = variables + slackCount + rows + 1;
        var rhs = columns - 1;
        var tableau = new double[rows + 1, columns];
        var basis = new int[rows];
        var artificialStart = variables + slackCount;
        var slack = variables;
        var scale = 1.0;
        for (var r = 0; r < rows; r++)
        {
            // Each row scaled to a largest coefficient of 1, so rates over thousands of resident-days stay well conditioned.
            var constraint = constraints[r];
            var largest = constraint.Terms.Count == 0 ? 1 : constraint.Terms.Values.Max(Math.Abs);
            largest = largest == 0 ? 1 : largest;
            var sign = (constraint.Bound < 0 ? -1.0 : 1.0) / largest;
            foreach (var (variable, coefficient) in constraint.Terms)
            {
                tableau[r, variable] += sign * coefficient;
            }

            tableau[r, rhs] = sign * constraint.Bound;
            scale = Math.Max(scale, Math.Abs(tableau[r, rhs]));
            var relation = sign > 0 ? constraint.Relation : Flip(constraint.Relation);
            if (relation == Relation.AtMost)
            {
                tableau[r, slack] = 1;
                basis[r] = slack++;
                continue;
            }

            if (relation == Relation.AtLeast)
            {
                tableau[r, slack++] = -1;
            }

            tableau[r, artificialStart + r] = 1;
            basis[r] = artificialStart + r;
        }

        // Phase 1: drive the artificial variables to zero (minimise their sum, i.e. maximise its negation).
        var objective = rows;
        for (var r = 0; r < rows; r++)
        {
            if (basis[r] >= artificialStart)
            {
                for (var c = 0; c < columns; c++)
                {
                    tableau[objective, c] -= tableau[r, c];
                }

                tableau[objective, basis[r]] += 1;
            }
        }

        if (!Solve(tableau, basis, columns - 1) || tableau[objective, rhs] < -1e-7 * scale * rows)
        {
            return null;
        }

        // Artificials still basic at zero are pivoted out where possible, then their columns are closed.
        for (var r = 0; r < rows; r++)
        {
            if (basis[r] < artificialStart)
            {
                continue;
            }

            var best = -1;
            for (var c = 0; c < artificialStart; c++)
            {
                if (Math.Abs(tableau[r, c]) > 1e-7 && (best < 0 || Math.Abs(tableau[r, c]) > Math.Abs(tableau[r, best])))
                {
                    best = c;
                }
            }

            if (best >= 0)
            {
                Pivot(tableau, basis, r, best);
            }
        }

        // Phase 2: the objective row holds −(expression) in reduced form; artificial columns may not re-enter.
        for (var c = 0; c < columns; c++)
        {
            tableau[objective, c] = 0;
        }

        var direction = maximize ? 1.0 : -1.0;
        foreach (var (variable, coefficient) in expression)
        {
            tableau[objective, variable] -= direction * coefficient;
        }

        for (var r = 0; r < rows; r++)
        {
            var factor = tableau[objective, basis[r]];
            if (factor != 0)
            {
                for (var c = 0; c < columns; c++)
                {
                    tableau[objective, c] -= factor * tableau[r, c];
                }
            }
        }

        if (!Solve(tableau, basis, artificialStart))
        {
            return maximize ? double.PositiveInfinity : double.NegativeInfinity;
        }

        return direction * tableau[objective, rhs];
    }

    private static Relation Flip(Relation relation) => relation switch
    {
        Relation.AtMost => Relation.AtLeast,
        Relation.AtLeast => Relation.AtMost,
        _ => Relation.Equal,
    };

    /// Maximises the objective row over the first <paramref name="enterable"/> columns; false when unbounded.
    private static bool Solve(double[,] tableau, int[] basis, int enterable)
    {
        var rows = basis.Length;
        var rhs = tableau.GetLength(1) - 1;
        for (var iteration = 0; iteration < 50_000; iteration++)
        {
            // Bland's rule: the lowest-index column that improves, then the lowest-index basic variable among ties.
            var entering = -1;
            for (var c = 0; c < enterable; c++)
            {
                if (tableau[rows, c] < -Epsilon)
                {
                    entering = c;
                    break;
                }
            }

            if (entering < 0)
            {
                return true;
            }

            var leaving = -1;
            var best = double.PositiveInfinity;
            for (var r = 0; r < rows; r++)
            {
                if (tableau[r, entering] > Epsilon)
                {
                    var ratio = tableau[r, rhs] / tableau[r, entering];
                    if (ratio < best - Epsilon || (Math.Abs(ratio - best) <= Epsilon && basis[r] < basis[leaving]))
                    {
                        best = ratio;
                        leaving = r;
                    }
                }
            }

            if (leaving < 0)
            {
                return false;
            }

            Pivot(tableau, basis, leaving, entering);
        }

        throw new InvalidOperationException("The disclosure audit's linear program did not converge.");
    }

    private static void Pivot(double[,] tableau, int[] basis, int row, int column)
    {
        var width = tableau.GetLength(1);
        var height = tableau.GetLength(0);
        var pivot = tableau[row, column];
        for (var c = 0; c < width; c++)
        {
            tableau[row, c] /= pivot;
        }

        for (var r = 0; r < height; r++)
        {
            var factor = tableau[r, column];
            if (r == row || factor == 0)
            {
                continue;
            }

            for (var c = 0; c < width; c++)
            {
                tableau[r, c] -= factor * tableau[row, c];
            }
        }

        basis[row] = column;
    }
}
