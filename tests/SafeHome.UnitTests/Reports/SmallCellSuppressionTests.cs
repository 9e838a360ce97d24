using CsCheck;
using SafeHome.Reports.Disclosure;

namespace SafeHome.UnitTests.Reports;

/// Issue 7 item 2 on the suppression rule alone: over random cohorts, every published cell is 0 or at least the
/// threshold, every row and column (margins included) has no withheld cell or at least two, every small count is
/// withheld, and what is published is exactly the data.
public sealed class SmallCellSuppressionTests
{
    private static readonly Gen<(int[,] Counts, int Threshold)> Cohorts =
        from rows in Gen.Int[1, 6]
        from columns in Gen.Int[1, 6]
        from values in Gen.Int[0, 40].Array[rows * columns]
        from threshold in Gen.Int[SmallCellSuppression.MinimumThreshold, 15]
        select (ToTable(values, rows, columns), threshold);

    private static int[,] ToTable(int[] values, int rows, int columns)
    {
        var table = new int[rows, columns];
        for (var i = 0; i < values.Length; i++)
        {
            table[i / columns, i % columns] = values[i];
        }

        return table;
    }

    private static long Exact(int[,] counts, int row, int column)
    {
        int rows = counts.GetLength(0), columns = counts.GetLength(1);
        long sum = 0;
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                if ((row == rows || row == r) && (column == columns || column == c))
                {
                    sum += counts[r, c];
                }
            }
        }

        return sum;
    }

    [Fact]
    public void Every_published_cell_is_zero_or_at_least_the_threshold_and_equals_the_data()
    {
        Cohorts.Sample(cohort =>
        {
            var (counts, threshold) = cohort;
            var table = SmallCellSuppression.Apply(counts, threshold);
            for (var r = 0; r <= table.Rows; r++)
            {
                for (var c = 0; c <= table.Columns; c++)
                {
                    var exact = Exact(counts, r, c);
                    if (table[r, c] is { } published)
                    {
                        Assert.True(published == 0 || published >= threshold, $"published {published} at ({r},{c}) under {threshold}");
                        Assert.Equal(exact, published);
                    }
                    else
                    {
                        Assert.True(exact >= 0);
                    }

                    if (exact is > 0 && exact < threshold)
                    {
                        Assert.Null(table[r, c]);
                    }
                }
            }
        });
    }

    [Fact]
    public void No_row_or_column_has_exactly_one_withheld_cell_so_none_can_be_recovered_from_its_total()
    {
        Cohorts.Sample(cohort =>
        {
            var table = SmallCellSuppression.Apply(cohort.Counts, cohort.Threshold);
            for (var r = 0; r <= table.Rows; r++)
            {
                var withheld = Enumerable.Range(0, table.Columns + 1).Count(c => table[r, c] is null);
                Assert.True(withheld != 1, $"row {r} has one withheld cell");
            }

            for (var c = 0; c <= table.Columns; c++)
            {
                var withheld = Enumerable.Range(0, table.Rows + 1).Count(r => table[r, c] is null);
                Assert.True(withheld != 1, $"column {c} has one withheld cell");
            }
        });
    }

    [Fact]
    public void A_worked_example_withholds_the_small_cell_and_the_smallest_partner_in_its_row_and_column()
    {
        // Two programs × two quarters: 3 is small; its row total 23 and column total 15 would give it away.
        var table = SmallCellSuppression.Apply(new[,] { { 3, 20 }, { 12, 30 } });

        Assert.Null(table[0, 0]);
        Assert.Null(table[0, 1]);
        Assert.Null(table[1, 0]);
        Assert.Null(table[1, 1]);
        Assert.Equal((23L, 42L, 15L, 50L, 65L), (table.RowTotal(0)!.Value, table.RowTotal(1)!.Value, table.ColumnTotal(0)!.Value, table.ColumnTotal(1)!.Value, table.GrandTotal!.Value));
        Assert.Equal(4, table.SuppressedCount);
    }

    [Fact]
    public void Zeros_and_large_counts_are_all_published_and_a_threshold_below_five_is_refused()
    {
        var table = SmallCellSuppression.Apply(new[,] { { 0, 25 }, { 40, 0 } });

        Assert.Equal(0, table.SuppressedCount);
        Assert.Equal(65L, table.GrandTotal);
        Assert.Throws<ArgumentOutOfRangeException>(() => SmallCellSuppression.Apply(new[,] { { 1 } }, threshold: 4));
    }
}
