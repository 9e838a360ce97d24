using Microsoft.EntityFrameworkCore;

namespace SafeHome.Web.Infrastructure;

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;
}

public static class Paged
{
    public static Task<Paged<T>> CreateAsync<T>(IQueryable<T> query, int page, int pageSize = 20) =>
        CreateAsync(query, onePage => onePage, page, pageSize);

    /// For rows that cost lookups of their own: counts and pages the ordered query, then builds the rows of that page
    /// only (<paramref name="rowsOf"/> gets the page's slice of <paramref name="ordered"/>, as a subquery).
    public static async Task<Paged<T>> CreateAsync<TSource, T>(IQueryable<TSource> ordered, Func<IQueryable<TSource>, IQueryable<T>> rowsOf, int page, int pageSize = 20)
    {
        ArgumentNullException.ThrowIfNull(rowsOf);
        var total = await ordered.CountAsync();
        var pageCount = Math.Max(1, (total + pageSize - 1) / pageSize);
        var current = Math.Clamp(page, 1, pageCount);
        var items = await rowsOf(ordered.Skip((current - 1) * pageSize).Take(pageSize)).ToListAsync();
        return new Paged<T>(items, current, pageSize, total);
    }
}

public static class Search
{
    public const int MaxLength = 100;

    /// Upper-cased, trimmed search text, or null for "no filter". Matching uses Contains, which EF translates to
    /// instr/strpos, so % and _ are ordinary characters here, not wildcards.
    public static string? Normalize(string? term)
    {
        var cleaned = SafeHome.Domain.Common.Text.Clean(term);
        return cleaned.Length == 0 ? null : cleaned[..Math.Min(cleaned.Length, MaxLength)].ToUpperInvariant();
    }
}
