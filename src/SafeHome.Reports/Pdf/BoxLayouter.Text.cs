namespace SafeHome.Reports.Pdf;

// Greedy line breaking at spaces, measuring each word once with the cached SKFont.
internal sealed partial class BoxLayouter
{
    private readonly List<Run> lineRuns = [];

    private void LayoutText(Box box, TextBlock block, float x, float width, TextAlignment inherited)
    {
        var align = block.Alignment ?? inherited;
        var size = block.FontSize;
        var lineHeight = size * block.LineSpacing;
        var regular = resources.Font(0, size);
        var baseline = ((lineHeight - (regular.Descent - regular.Ascent)) / 2) - regular.Ascent;
        var spans = block.Spans;

        if (spans.Count == 1 && !spans[0].Text.Contains('\n', StringComparison.Ordinal))
        {
            var span = spans[0];
            var style = PdfFonts.StyleIndex(span.Bold, span.Italic);
            var measured = resources.Font(style, size).Font.MeasureText(span.Text);
            if (measured <= width)
            {
                if (span.Text.Length > 0)
                {
                    box.Ops.Add(new DrawOp(OpKind.Text, x + Offset(align, width, measured), baseline, measured, lineHeight, 0, span.Text, style, size));
                }

                box.Height = lineHeight + block.SpaceAfter;
                box.Breaks.Add(lineHeight);
                return;
            }
        }

        var state = new LineState { X = x, Width = width, Align = align, LineHeight = lineHeight, Baseline = baseline, Size = size };
        foreach (var span in spans)
        {
            BreakSpan(box, ref state, span);
        }

        if (lineRuns.Count > 0 || state.Lines == 0)
        {
            FlushLine(box, ref state);
        }

        box.Height = state.Top + block.SpaceAfter;
    }

    private void BreakSpan(Box box, ref LineState s, TextSpan span)
    {
        var text = span.Text;
        var style = PdfFonts.StyleIndex(span.Bold, span.Italic);
        var info = resources.Font(style, s.Size);
        var runStart = -1;
        var runEnd = 0;
        var runTextEnd = 0;
        var runX = 0f;
        var runEndX = 0f;
        var i = 0;

        // Spaces between spans stay in the text so extraction keeps them; a wrapped line drops its trailing spaces.
        void CloseRun(ref LineState s, bool keepSpaces)
        {
            if (runStart >= 0 && runEnd > runStart)
            {
                lineRuns.Add(new Run(Slice(text, runStart, keepSpaces ? runTextEnd : runEnd), style, runX, runEndX - runX));
                s.ContentWidth = runEndX;
            }

            runStart = -1;
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (c == '\n')
            {
                CloseRun(ref s, keepSpaces: false);
                FlushLine(box, ref s);
                i++;
                continue;
            }

            if (c == ' ')
            {
                var j = i;
                while (j < text.Length && text[j] == ' ')
                {
                    j++;
                }

                if (runStart < 0 && lineRuns.Count == 0 && s.LineX == 0)
                {
                    i = j;
                    continue;
                }

                if (runStart < 0)
                {
                    runStart = i;
                    runX = s.LineX;
                    runEnd = i;
                    runEndX = s.LineX;
                }

                runTextEnd = j;
                s.LineX += (j - i) * info.SpaceWidth;
                i = j;
                continue;
            }

            var end = i;
            while (end < text.Length && text[end] != ' ' && text[end] != '\n')
            {
                end++;
            }

            var word = text.AsSpan(i, end - i);
            var w = info.Font.MeasureText(word);
            if (s.LineX + w <= s.Width)
            {
                if (runStart < 0)
                {
                    runStart = i;
                    runX = s.LineX;
                }

                s.LineX += w;
                runEnd = end;
                runTextEnd = end;
                runEndX = s.LineX;
                i = end;
                continue;
            }

            if (runStart >= 0 || lineRuns.Count > 0)
            {
                CloseRun(ref s, keepSpaces: false);
                FlushLine(box, ref s);
                continue;
            }

            // A word wider than the whole line is cut where it stops fitting.
            var fits = (int)info.Font.BreakText(word, s.Width, out var fitWidth);
            if (fits < 1)
            {
                fits = 1;
                fitWidth = info.Font.MeasureText(word[..1]);
            }

            if (fits < word.Length && char.IsHighSurrogate(word[fits - 1]))
            {
                fits = fits > 1 ? fits - 1 : fits + 1;
                fitWidth = info.Font.MeasureText(word[..fits]);
            }

            lineRuns.Add(new Run(text.Substring(i, fits), style, 0, fitWidth));
            s.ContentWidth = fitWidth;
            FlushLine(box, ref s);
            i += fits;
        }

        CloseRun(ref s, keepSpaces: true);
    }

    private void FlushLine(Box box, ref LineState s)
    {
        var offset = Offset(s.Align, s.Width, s.ContentWidth);
        foreach (var run in lineRuns)
        {
            box.Ops.Add(new DrawOp(OpKind.Text, s.X + offset + run.X, s.Top + s.Baseline, run.Width, s.LineHeight, s.Top, run.Text, run.Style, s.Size));
        }

        lineRuns.Clear();
        s.Top += s.LineHeight;
        s.Lines++;
        s.LineX = 0;
        s.ContentWidth = 0;
        box.Breaks.Add(s.Top);
    }

    private static float Offset(TextAlignment align, float width, float content) => align switch
    {
        TextAlignment.Center => (width - content) / 2,
        TextAlignment.Right => width - content,
        _ => 0,
    };

    private static string Slice(string text, int start, int end) =>
        start == 0 && end == text.Length ? text : text[start..end];

    private readonly record struct Run(string Text, int Style, float X, float Width);

    private struct LineState
    {
        public float X;
        public float Width;
        public TextAlignment Align;
        public float LineHeight;
        public float Baseline;
        public float Size;
        public float Top;
        public float LineX;
        public float ContentWidth;
        public int Lines;
    }
}
