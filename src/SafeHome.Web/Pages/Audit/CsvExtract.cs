using System.Text;

namespace SafeHome.Web.Pages.Audit;

/// RFC 4180 CSV for the audit file. Every cell is quoted, and a cell a spreadsheet would read as a formula
/// (=, +, -, @, tab, CR first) is prefixed with a single quote, so opening the extract runs nothing.
public static class CsvExtract
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string Cell(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && Array.IndexOf(FormulaStarts, text[0]) >= 0)
        {
            text = "'" + text;
        }

        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    public static void AppendRow(StringBuilder csv, params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(cells);
        csv.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
    }
}
