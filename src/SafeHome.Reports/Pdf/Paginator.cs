namespace SafeHome.Reports.Pdf;

// First pass: flows the content into pages of positioned draw operations.
internal sealed class Paginator(BoxLayouter layouter, float left, float width, float top, float bottom)
{
    private const float Epsilon = 0.01f;

    private float y;

    public List<DrawOp> Ops { get; } = [];

    // Index into Ops where each page starts.
    public List<int> PageStarts { get; } = [];

    private bool AtTop => y <= top + Epsilon;

    public void Run(IReadOnlyList<PdfElement> content)
    {
        NewPage();
        foreach (var element in content)
        {
            Flow(element);
        }
    }

    private void NewPage()
    {
        PageStarts.Add(Ops.Count);
        y = top;
    }

    private void Flow(PdfElement element)
    {
        switch (element)
        {
            case Column column:
                for (var i = 0; i < column.Children.Count; i++)
                {
                    if (i > 0 && !AtTop)
                    {
                        y += column.Spacing;
                    }

                    Flow(column.Children[i]);
                }

                break;
            case PageBreak:
                if (!AtTop || Ops.Count > PageStarts[^1])
                {
                    NewPage();
                }

                break;
            case Spacer spacer:
                y += spacer.Height;
                if (y > bottom)
                {
                    NewPage();
                }

                break;
            case Table table:
                FlowTable(table);
                break;
            case TextBlock:
                PlaceSplittable(layouter.Layout(element, left, width));
                break;
            default:
                PlaceWhole(layouter.Layout(element, left, width));
                break;
        }
    }

    private void Emit(Box box, float from, float to)
    {
        var dy = y - from;
        foreach (var op in box.Ops)
        {
            if (op.Top >= from - Epsilon && op.Top < to - Epsilon)
            {
                Ops.Add(op.Shift(0, dy));
            }
        }
    }

    private void PlaceWhole(Box box)
    {
        if (y + box.Height > bottom + Epsilon && !AtTop)
        {
            NewPage();
        }

        Emit(box, 0, float.MaxValue);
        y += box.Height;
    }

    private void PlaceSplittable(Box box)
    {
        var offset = 0f;
        while (true)
        {
            var available = bottom - y;
            if (box.Height - offset <= available + Epsilon)
            {
                Emit(box, offset, float.MaxValue);
                y += box.Height - offset;
                return;
            }

            var cut = LastBreakWithin(box.Breaks, offset, offset + available);
            if (cut <= offset)
            {
                if (!AtTop)
                {
                    NewPage();
                    continue;
                }

                // Nothing fits even on an empty page: place the next piece and let it overflow.
                cut = FirstBreakAfter(box.Breaks, offset, box.Height);
            }

            Emit(box, offset, cut);
            offset = cut;
            NewPage();
        }
    }

    private static float LastBreakWithin(List<float> breaks, float after, float limit)
    {
        var best = after;
        foreach (var b in breaks)
        {
            if (b > limit + Epsilon)
            {
                break;
            }

            if (b > after + Epsilon)
            {
                best = b;
            }
        }

        return best;
    }

    private static float FirstBreakAfter(List<float> breaks, float after, float fallback)
    {
        foreach (var b in breaks)
        {
            if (b > after + Epsilon)
            {
                return b;
            }
        }

        return fallback;
    }

    private void FlowTable(Table table)
    {
        var g = BoxLayouter.Geometry(table, left, width);
        var headers = new TableRow[table.HeaderRows.Count];
        var headerHeight = 0f;
        for (var i = 0; i < headers.Length; i++)
        {
            headers[i] = layouter.LayoutTableRow(g, table.HeaderRows[i]);
            headerHeight += headers[i].Height;
        }

        var first = true;
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = layouter.LayoutTableRow(g, table.Rows[r]);
            if (first)
            {
                if (y + headerHeight + row.Height > bottom + Epsilon && !AtTop)
                {
                    NewPage();
                }

                EmitHeader(g, headers);
                first = false;
            }
            else if (y + row.Height > bottom + Epsilon && y > top + headerHeight + Epsilon)
            {
                NewPage();
                EmitHeader(g, headers);
            }

            if (y + row.Height <= bottom + Epsilon)
            {
                y += BoxLayouter.EmitRow(Ops, g, row, y, header: false, r, null, null);
            }
            else
            {
                SplitRow(g, headers, row, r);
            }
        }

        if (first)
        {
            EmitHeader(g, headers);
        }
    }

    private void EmitHeader(TableGeometry g, TableRow[] headers)
    {
        foreach (var header in headers)
        {
            y += BoxLayouter.EmitRow(Ops, g, header, y, header: true, 0, null, null);
        }
    }

    // Only a row taller than a whole page gets here; it is cut between lines, each cell on its own line boundary.
    private void SplitRow(TableGeometry g, TableRow[] headers, TableRow row, int index)
    {
        var pad = g.Table.CellPadding;
        var n = row.Cells.Length;
        var from = new float[n];
        var to = new float[n];
        while (true)
        {
            var available = bottom - y - (2 * pad);
            var done = true;
            var progress = false;
            for (var c = 0; c < n; c++)
            {
                var cell = row.Cells[c];
                to[c] = cell.Height - from[c] <= available + Epsilon
                    ? cell.Height
                    : LastBreakWithin(cell.Breaks, from[c], from[c] + available);
                progress |= to[c] > from[c] + Epsilon;
                done &= to[c] >= cell.Height - Epsilon;
            }

            if (!progress)
            {
                for (var c = 0; c < n; c++)
                {
                    to[c] = FirstBreakAfter(row.Cells[c].Breaks, from[c], row.Cells[c].Height);
                }

                done = true;
                for (var c = 0; c < n; c++)
                {
                    done &= to[c] >= row.Cells[c].Height - Epsilon;
                }
            }

            y += BoxLayouter.EmitRow(Ops, g, row, y, header: false, index, from, to);
            if (done)
            {
                return;
            }

            (from, to) = (to, from);
            NewPage();
            EmitHeader(g, headers);
        }
    }
}
