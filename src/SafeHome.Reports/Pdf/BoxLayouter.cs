namespace SafeHome.Reports.Pdf;

// Lays elements out without pagination; the paginator decides where boxes are cut.
internal sealed partial class BoxLayouter(RenderResources resources)
{
    private const uint HeaderShade = 0xFFE6E6E6;
    private const uint ZebraShade = 0xFFF4F4F4;
    private const uint RuleColor = 0xFF9A9A9A;

    public Box Layout(PdfElement element, float x, float width, TextAlignment inherited = TextAlignment.Left)
    {
        var box = new Box();
        LayoutInto(box, element, x, width, inherited);
        return box;
    }

    private void LayoutInto(Box box, PdfElement element, float x, float width, TextAlignment inherited)
    {
        switch (element)
        {
            case TextBlock text:
                LayoutText(box, text, x, width, inherited);
                break;
            case Column column:
                for (var i = 0; i < column.Children.Count; i++)
                {
                    if (i > 0)
                    {
                        box.Height += column.Spacing;
                    }

                    Append(box, Layout(column.Children[i], x, width, inherited), keepBreaks: true);
                }

                break;
            case Row row:
                LayoutRow(box, row, x, width);
                break;
            case Table table:
                LayoutTable(box, table, x, width);
                break;
            case Image image:
                var imageWidth = Math.Min(image.Width, width);
                box.Ops.Add(new DrawOp(OpKind.Image, x, 0, imageWidth, image.Height, 0, Payload: resources.Image(image.EncodedImage)));
                box.Height = image.Height;
                break;
            case Chart chart:
                box.Ops.Add(new DrawOp(OpKind.Chart, x, 0, width, chart.Height, 0, Payload: chart.Plot));
                box.Height = chart.Height;
                break;
            case Spacer spacer:
                box.Height = spacer.Height;
                box.Breaks.Add(spacer.Height);
                break;
            case KeepTogether keep:
                LayoutInto(box, keep.Content, x, width, inherited);
                box.Breaks.Clear();
                break;
            case PageBreak:
                break;
            default:
                throw new NotSupportedException($"Element type {element.GetType().Name} is not supported.");
        }
    }

    private static void Append(Box target, Box child, bool keepBreaks)
    {
        var dy = target.Height;
        foreach (var op in child.Ops)
        {
            target.Ops.Add(op.Shift(0, dy));
        }

        if (keepBreaks)
        {
            foreach (var b in child.Breaks)
            {
                target.Breaks.Add(b + dy);
            }
        }

        target.Height += child.Height;
        if (keepBreaks && (target.Breaks.Count == 0 || target.Breaks[^1] < target.Height))
        {
            target.Breaks.Add(target.Height);
        }
    }

    private void LayoutRow(Box box, Row row, float x, float width)
    {
        var total = 0f;
        foreach (var cell in row.Cells)
        {
            total += cell.RelativeWidth;
        }

        var usable = width - (row.Spacing * Math.Max(0, row.Cells.Count - 1));
        var cx = x;
        var height = 0f;
        foreach (var cell in row.Cells)
        {
            var cw = usable * cell.RelativeWidth / total;
            var child = Layout(cell.Content, cx, cw);
            box.Ops.AddRange(child.Ops);
            height = Math.Max(height, child.Height);
            cx += cw + row.Spacing;
        }

        box.Height = height;
    }

    public static TableGeometry Geometry(Table table, float x, float width)
    {
        var total = 0f;
        foreach (var column in table.Columns)
        {
            total += column.RelativeWidth;
        }

        var xs = new float[table.Columns.Count];
        var ws = new float[table.Columns.Count];
        var cx = x;
        for (var i = 0; i < xs.Length; i++)
        {
            xs[i] = cx;
            ws[i] = width * table.Columns[i].RelativeWidth / total;
            cx += ws[i];
        }

        return new TableGeometry(table, x, width, xs, ws);
    }

    public TableRow LayoutTableRow(TableGeometry g, IReadOnlyList<PdfElement> cells)
    {
        var pad = g.Table.CellPadding;
        var boxes = new Box[Math.Min(cells.Count, g.Xs.Length)];
        var height = 0f;
        for (var i = 0; i < boxes.Length; i++)
        {
            boxes[i] = Layout(cells[i], g.Xs[i] + pad, g.Widths[i] - (2 * pad), g.Table.Columns[i].Alignment);
            height = Math.Max(height, boxes[i].Height);
        }

        return new TableRow(boxes, height + (2 * pad));
    }

    // Draws the part [from, to) of every cell; a whole row passes null offsets.
    public static float EmitRow(
        List<DrawOp> target, TableGeometry g, TableRow row, float y, bool header, int index, float[]? from, float[]? to)
    {
        var table = g.Table;
        var pad = table.CellPadding;
        var height = row.Height;
        if (from is not null && to is not null)
        {
            height = 0;
            for (var i = 0; i < row.Cells.Length; i++)
            {
                height = Math.Max(height, to[i] - from[i]);
            }

            height += 2 * pad;
        }

        if (header ? table.HeaderShading : table.ZebraStripes && index % 2 == 1)
        {
            target.Add(new DrawOp(OpKind.Fill, g.X, y, g.Width, height, y, Color: header ? HeaderShade : ZebraShade));
        }

        for (var c = 0; c < row.Cells.Length; c++)
        {
            var cell = row.Cells[c];
            var lo = from?[c] ?? 0;
            var hi = to?[c] ?? float.MaxValue;
            var dy = y + pad - lo;
            foreach (var op in cell.Ops)
            {
                if (from is null || (op.Top >= lo - 0.01f && op.Top < hi - 0.01f))
                {
                    target.Add(op.Shift(0, dy));
                }
            }
        }

        if (table.RowLines)
        {
            target.Add(new DrawOp(OpKind.Line, g.X, y + height, g.Width, 0, y + height - 0.02f, Color: RuleColor));
        }

        return height;
    }

    private void LayoutTable(Box box, Table table, float x, float width)
    {
        var g = Geometry(table, x, width);
        foreach (var cells in table.HeaderRows)
        {
            box.Height += EmitRow(box.Ops, g, LayoutTableRow(g, cells), box.Height, header: true, 0, null, null);
        }

        for (var r = 0; r < table.Rows.Count; r++)
        {
            box.Height += EmitRow(box.Ops, g, LayoutTableRow(g, table.Rows[r]), box.Height, header: false, r, null, null);
            box.Breaks.Add(box.Height);
        }
    }
}

internal sealed record TableGeometry(Table Table, float X, float Width, float[] Xs, float[] Widths);

internal sealed record TableRow(Box[] Cells, float Height);
