using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SafeHome.Data;
using SafeHome.Domain.Auditing;
using SafeHome.Domain.Staff;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Audit;

/// The CSV extract of a filtered timeline: RFC 4180, safe to open in a spreadsheet, named without a name, and audited.
public sealed class CsvExtractTests
{
    [Theory, Providers]
    public async Task Formula_cells_are_neutralised_and_every_cell_is_quoted(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);
        var resident = await app.CreateResidentAsync(null, "=1+1");
        var at = new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        string[] dangerous = ["=HYPERLINK(\"http://x.invalid\",\"y\")", "+1", "-2", "@SUM(1)", "\tTab", "\rReturn", "plain, with \"quotes\"\nand a line"];
        await AuditPages.SeedAsync(app, dangerous.Select(key => AuditPages.Entry(at, null, AuditActions.Update, "ServicePlan", key, resident, "{\"Goal\":{\"Old\":\"a\",\"New\":\"b\"}}")));

        var response = await browser.GetAsync($"/Audit/Resident/{resident}?handler=Csv&Filter.Type=ServicePlan");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("audit-extract-20260615.csv", response.Content.Headers.ContentDisposition!.FileName?.Trim('"'));
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        var rows = ParseCsv(text);
        Assert.Equal(
            ["Sequence", "When (local)", "User id", "User", "Action", "Record type", "Record key", "Resident id", "Changes", "Action (in words)", "Record type (in words)", "Fields changed (in words)"],
            rows[0]);
        Assert.Equal(dangerous.Length + 1, rows.Count);
        string[] expected = ["'=HYPERLINK(\"http://x.invalid\",\"y\")", "'+1", "'-2", "'@SUM(1)", "'\tTab", "'\rReturn", "plain, with \"quotes\"\nand a line"];
        Assert.Equal(expected.Reverse(), rows.Skip(1).Select(r => r[6]));
        Assert.All(rows.Skip(1), r => Assert.Equal(("update", "ServicePlan", resident.ToString(), "SafeHome (system)"), (r[4], r[5], r[7], r[3])));
        Assert.Contains("\"'=HYPERLINK(\"\"http://x.invalid\"\",\"\"y\"\")\"", text, StringComparison.Ordinal);
        Assert.All(text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("\"", line, StringComparison.Ordinal));
    }

    [Theory, Providers]
    public async Task A_resident_named_like_a_formula_is_shown_as_text_and_no_extract_cell_starts_a_formula(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (_, director) = await app.SignInNewAsync(Roles.ProgramDirector);
        var (_, browser) = await app.SignInNewAsync(Roles.Auditor);
        var resident = await app.CreateResidentAsync(null);
        (await director.SubmitFormAsync($"/Residents/Edit/{resident}", new() { ["Input.PreferredName"] = "=1+1" })).AssertRedirectTo($"/Residents/Details/{resident}");
        Assert.Equal("=1+1", await app.WithDbAsync(db => db.Residents.Where(r => r.Id == resident).Select(r => r.PreferredName).SingleAsync()));

        var page = await browser.GetDocumentAsync($"/Audit/Resident/{resident}");
        Assert.Equal("History of =1+1", page.QuerySelector("h1")!.TextContent);
        Assert.DoesNotContain("=1+1", page.Title, StringComparison.Ordinal);
        var text = await (await browser.GetAsync($"/Audit/Resident/{resident}?handler=Csv&Filter.Action=update")).Content.ReadAsStringAsync();

        var update = Assert.Single(ParseCsv(text.TrimStart('\uFEFF')).Skip(1));
        Assert.Contains("\"New\":\"=1\\u002B1\"", update[8], StringComparison.Ordinal);
        Assert.All(ParseCsv(text.TrimStart('\uFEFF')).SelectMany(r => r), cell => Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal), cell));
    }

    [Theory, Providers]
    public async Task The_extract_is_filtered_like_the_timeline_and_is_itself_audited(DatabaseProvider provider)
    {
        await using var app = await SafeHomeApp.StartAsync(provider);
        var (auditor, browser) = await app.SignInNewAsync(Roles.Auditor);
        var resident = await app.CreateResidentAsync(null);
        var at = new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        await AuditPages.SeedAsync(app,
        [
            AuditPages.Entry(at, null, AuditActions.Update, "ServicePlan", "p1", resident, "{}"),
            AuditPages.Entry(at.AddDays(1), null, AuditActions.View, "ServicePlan", "p1", resident),
            AuditPages.Entry(at.AddDays(2), null, AuditActions.Update, "ProgressNote", "n1", resident, "{}"),
        ]);
        var page = await browser.GetDocumentAsync($"/Audit/Resident/{resident}?Filter.Action=update&Filter.From=2026-05-01");
        var csvLink = AuditPages.Link(page, "csv-link")!;
        Assert.Contains("handler=Csv", csvLink, StringComparison.Ordinal);
        Assert.Contains("Filter.Action=update", csvLink, StringComparison.Ordinal);

        var response = await browser.GetAsync(csvLink);
        var rows = ParseCsv((await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF')).Skip(1).ToList();

        Assert.Equal(["n1", "p1"], rows.Select(r => r[6]));
        var export = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync());
        Assert.Equal((auditor.Id, AuditActions.Export, "AuditExtract", resident.ToString(), (Guid?)resident, (string?)null),
            (export.UserId, export.Action, export.EntityType, export.EntityKey, export.ResidentId, export.Changes));
        Assert.DoesNotContain("Testa", response.Content.Headers.ContentDisposition!.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    /// A strict RFC 4180 reader: every cell must be quoted, as the extract writes them.
    internal static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            Assert.Equal('"', text[i]);
            var cell = new StringBuilder();
            i++;
            while (true)
            {
                if (text[i] == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i += 2;
                        continue;
                    }

                    i++;
                    break;
                }

                cell.Append(text[i++]);
            }

            row.Add(cell.ToString());
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            Assert.Equal("\r\n", text.Substring(i, 2));
            i += 2;
            rows.Add([.. row]);
            row.Clear();
        }

        return rows;
    }
}
