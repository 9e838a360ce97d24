namespace SafeHome.Reports.Disclosure;

/// De-identification by suppression (DOMAIN.md §8, SECURITY.md D3): in a table of counts with its row totals, column
/// totals and grand total, every count from 1 to threshold − 1 is withheld (primary suppression), and then, line by
/// line, a second cell is withheld wherever a row or column has exactly one (complementary suppression), so no
/// withheld count can be worked out by subtracting the published ones from a published total. Zeros are published:
/// "none" discloses no one.
public static class SmallCellSuppression
{
    /// The smallest count that may ever be published; a configured threshold below it is refused.
    public const int MinimumThreshold = 5;

    public const int DefaultThreshold = 11;

    public static SuppressedTable Apply(int[,] counts, int threshold = DefaultThreshold)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, MinimumThreshold);
        var rows = counts.GetLength(0);
        var columns = counts.GetLength(1);

        // The table with its margins: row totals in the last column, column totals in the last row, the grand total in
        // the corner. Each row and each column of this extended table is one line whose cells add up.
        var cells = new long[rows + 1, columns + 1];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var value = counts[r, c];
                ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(counts));
                cells[r, c] = value;
                cells[r, columns] += value;
                cells[rows, c] += value;
                cells[rows, columns] += value;
            }
        }

        var hidden = new bool[rows + 1, columns + 1];
        for (var r = 0; r <= rows; r++)
        {
            for (var c = 0; c <= columns; c++)
            {
                hidden[r, c] = cells[r, c] is > 0 && cells[r, c] < threshold;
            }
        }

        // Suppressions only grow, so this ends; each pass settles every line left with a single withheld cell.
        bool changed;
        do
        {
            changed = false;
            for (var r = 0; r <= rows; r++)
            {
                changed |= Complement([.. Enumerable.Range(0, columns + 1).Select(c => (r, c))], cells, hidden);
            }

            for (var c = 0; c <= columns; c++)
            {
                changed |= Complement([.. Enumerable.Range(0, rows + 1).Select(r => (r, c))], cells, hidden);
            }
        }
        while (changed);

        return new SuppressedTable(cells, hidden, rows, columns, threshold);
    }

    /// When exactly one cell of the line is withheld, withholds the smallest other one, preferring a count over a zero,
    /// so as little as possible is lost.
    private static bool Complement((int Row, int Column)[] line, long[,] cells, bool[,] hidden)
    {
        if (line.Count(p => hidden[p.Row, p.Column]) != 1 || line.Length < 2)
        {
            return false;
        }

        var pick = line.Where(p => !hidden[p.Row, p.Column])
            .OrderBy(p => cells[p.Row, p.Column] == 0 ? 1 : 0)
            .ThenBy(p => cells[p.Row, p.Column])
            .First();
        hidden[pick.Row, pick.Column] = true;
        return true;
    }
}

/// A count table after suppression: each cell, row total, column total and the grand total is either published or
/// withheld. Built only by <see cref="SmallCellSuppression.Apply"/>.
public sealed class SuppressedTable
{
    private readonly long[,] _cells;
    private readonly bool[,] _hidden;

    internal SuppressedTable(long[,] cells, bool[,] hidden, int rows, int columns, int threshold)
    {
        _cells = cells;
        _hidden = hidden;
        Rows = rows;
        Columns = columns;
        Threshold = threshold;
    }

    public int Rows { get; }

    public int Columns { get; }

    public int Threshold { get; }

    /// The published count of a cell, or null when it is withheld. Row index <see cref="Rows"/> is the column totals,
    /// column index <see cref="Columns"/> the row totals.
    public long? this[int row, int column] => _hidden[row, column] ? null : _cells[row, column];

    public long? RowTotal(int row) => this[row, Columns];

    public long? ColumnTotal(int column) => this[Rows, column];

    public long? GrandTotal => this[Rows, Columns];

    /// How many cells (margins included) are withheld, for the report's note on suppression.
    public int SuppressedCount
    {
        get
        {
            var count = 0;
            foreach (var hidden in _hidden)
            {
                count += hidden ? 1 : 0;
            }

            return count;
        }
    }
}
