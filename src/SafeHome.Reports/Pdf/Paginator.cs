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
        var items = new List<(PdfElement Element, float SpaceBefore)>();
        Flatten(content, 0, 0, items);
        for (var i = 0; i < items.Count; i++)
        {
            var (element, space) = items[i];
            if (space > 0 && !AtTop)
            {
                y += space;
            }

            if (element is TextBlock { KeepWithNext: true } && !AtTop && y + KeptHeight(items, i) > bottom + Epsilon)
            {
                NewPage();
            }

            Flow(element);
        }
    }

    // A column flows child after child, so it is opened into the one sequence; a heading can then see what follows
    // it even when that sits outside the heading's own column.
    private static void Flatten(IReadOnlyList<PdfElement> children, float spacing, float spaceBefore, List<(PdfElement, float)> items)
    {
        for (var i = 0; i < children.Count; i++)
        {
            var space = i == 0 ? spaceBefore : spacing;
            if (children[i] is Column column)
            {
                Flatten(column.Children, column.Spacing, space, items);
            }
            else
            {
                items.Add((children[i], space));
            }
        }
    }

    // The heading at index start, any headings and spacers right after it, and the first piece of the block they lead.
    private float KeptHeight(List<(PdfElement Element, float SpaceBefore)> items, int start)
    {
        var height = 0f;
        for (var j = start; j < items.Count; j++)
        {
            var (element, space) = items[j];
            if (j > start)
            {
                height += space;
            }

            switch (element)
            {
                case TextBlock { KeepWithNext: true }:
                    height += layouter.Layout(element, left, width).Height;
                    break;
                case Spacer spacer:
                    height += spacer.Height;
                    break;
                case PageBreak:
                    return height;
                default:
                    return height + FirstPiece(element);
            }
        }

        return height;
    }

    // What must follow a heading on its page: two lines of a paragraph, a table's header and first row, or a block
    // that is never cut.
    private float FirstPiece(PdfElement element)
    {
        switch (element)
        {
            case TextBlock:
                var text = layouter.Layout(element, left, width);
                return text.Breaks.Count > 2 ? text.Breaks[1] : text.Height;
            case Table table:
                var g = BoxLayouter.Geometry(table, left, width);
                var height = 0f;
                foreach (var header in table.HeaderRows)
                {
                    height += layouter.LayoutTableRow(g, header).Height;
                }

                return table.Rows.Count > 0 ? height + layouter.LayoutTableRow(g, table.Rows[0]).Height : height;
            default:
                return layouter.Layout(element, left, width).Height;
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
