using AngleSharp.Html.Dom;
using SafeHome.Domain.Auditing;
using SafeHome.IntegrationTests.Infrastructure;

namespace SafeHome.IntegrationTests.Pages.Audit;

/// Reading the auditor screens back in tests, and seeding history quickly (the interceptor seals the rows).
internal static class AuditPages
{
    /// Action, Record and Fields are the stored names (the cells' data-raw), so tests of which entries are shown stay
    /// exact; the *Words are what the auditor reads (see PlainWordsTests).
    public sealed record Row(
        long Sequence, string Who, string Action, string Record, string Fields, string RecordHref, string ActionWords, string RecordWords, string FieldWords);

    public static IReadOnlyList<Row> Rows(IHtmlDocument document) =>
        [.. document.QuerySelectorAll("#timeline tbody tr").Select(tr => new Row(
            long.Parse(tr.GetAttribute("data-sequence")!, System.Globalization.CultureInfo.InvariantCulture),
            tr.QuerySelector(".who")?.TextContent.Trim() ?? string.Empty,
            tr.QuerySelector(".action")!.GetAttribute("data-raw")!,
            tr.QuerySelector(".record")!.GetAttribute("data-raw")!,
            string.Join(", ", tr.QuerySelectorAll(".fields .field").Select(f => f.GetAttribute("data-raw"))),
            System.Net.WebUtility.HtmlDecode(tr.QuerySelector(".record a")!.GetAttribute("href")!),
            tr.QuerySelector(".action")!.TextContent.Trim(),
            tr.QuerySelector(".record")!.TextContent.Trim(),
            tr.QuerySelector(".fields")!.TextContent.Trim()))];

    public static string? Link(IHtmlDocument document, string id) =>
        document.QuerySelector($"a#{id}")?.GetAttribute("href") is { } href ? System.Net.WebUtility.HtmlDecode(href) : null;

    public static async Task SeedAsync(SafeHomeApp app, IEnumerable<AuditEntry> entries) =>
        await app.WithDbAsync(async db =>
        {
            db.AuditEntries.AddRange(entries);
            return await db.SaveChangesAsync();
        });

    public static AuditEntry Entry(DateTime atUtc, string? userId, string action, string type, string key, Guid? residentId, string? changes = null) =>
        new(atUtc, userId, action, type, key, changes, residentId);
}
