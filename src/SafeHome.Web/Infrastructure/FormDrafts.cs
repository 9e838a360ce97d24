using System.Reflection;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using SafeHome.Data;
using SafeHome.Domain.Staff;

namespace SafeHome.Web.Infrastructure;

public sealed class DraftOptions
{
    public const string Section = "Drafts";

    /// How long typed-but-unsaved text is kept on the server (issue 18: short-lived).
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromHours(24);

    /// How often a page with a long form sends what changed since the last time.
    public int AutosaveSeconds { get; set; } = 30;
}

/// Typing kept on the server while it is not saved yet (issue 18): by the page's own script while a person types,
/// and from a form that arrived after the session ended. Bound to the person and the page, sealed at rest, never
/// in browser storage. On the page's next GET for that person, the fields come back into the form through
/// ModelState, which every input tag helper reads before the model, so no page restores anything by hand.
public sealed class FormDrafts(SafeHomeDbContext db, TimeProvider clock, IOptions<DraftOptions> options)
{
    /// ViewData key of the <see cref="FormDraft"/> a page was given back, for the layout's notice.
    public const string RestoredKey = "SafeHome.RestoredDraft";

    // Never kept: the antiforgery token (a fresh page has its own), which handler was pressed, and anything that
    // could be a password.
    private static readonly string[] Skipped = ["__RequestVerificationToken", "handler", "path"];

    private const int MaxFields = 400;

    public TimeSpan Lifetime => options.Value.Lifetime;

    /// The page a draft belongs to: the path and query a GET of the form's page uses (a POST's handler left out).
    public static string? PageOf(PathString path, QueryString query)
    {
        var text = path.Value;
        if (string.IsNullOrEmpty(text) || text[0] != '/' || text.StartsWith("//", StringComparison.Ordinal) || text.Contains('\\', StringComparison.Ordinal))
        {
            return null;
        }

        var kept = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query.Value)
            .Where(p => !string.Equals(p.Key, "handler", StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .SelectMany(p => p.Value.Select(v => KeyValuePair.Create(p.Key, v)))
            .ToList();
        var page = text + (kept.Count == 0 ? string.Empty : QueryString.Create(kept).Value);
        return page.Length <= FormDraft.PathMaxLength ? page : null;
    }

    /// The same, from the address a page's script reports for itself ("/Notes/Edit/…?x=y").
    public static string? PageOf(string? local)
    {
        if (string.IsNullOrEmpty(local) || local.Length > FormDraft.PathMaxLength * 2 || !Uri.TryCreate("http://localhost" + local, UriKind.Absolute, out var uri)
            || !local.StartsWith('/'))
        {
            return null;
        }

        return PageOf(new PathString(Uri.UnescapeDataString(uri.AbsolutePath)), new QueryString(uri.Query));
    }

    /// Keeps a form's fields for the person and page; false when the form is too large to keep (nothing is then kept).
    public async Task<bool> KeepAsync(string userId, string page, IFormCollection form, DraftOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(form);
        var fields = form
            .Where(f => !Skipped.Contains(f.Key, StringComparer.OrdinalIgnoreCase) && !f.Key.Contains("password", StringComparison.OrdinalIgnoreCase))
            .Take(MaxFields + 1)
            .ToDictionary(f => f.Key, f => f.Value.Select(v => v ?? string.Empty).ToArray(), StringComparer.Ordinal);
        var json = JsonSerializer.Serialize(fields);
        if (fields.Count > MaxFields || json.Length > FormDraft.FieldsMaxLength)
        {
            return false;
        }

        await DeleteExpiredAsync(CancellationToken.None);
        var now = clock.UtcNow();
        var draft = await db.FormDrafts.FirstOrDefaultAsync(d => d.UserId == userId && d.Path == page);
        if (draft is null)
        {
            draft = FormDraft.Start(userId, page);
            db.FormDrafts.Add(draft);
        }

        draft.Keep(json, origin, now, Lifetime);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two saves of one page raced to the first insert; the other one's copy is as recent as this one.
            db.ChangeTracker.Clear();
        }

        return true;
    }

    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow();
        return db.FormDrafts.Where(d => d.ExpiresAtUtc <= now).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<FormDraft?> FindAsync(string userId, string page)
    {
        var now = clock.UtcNow();
        return await db.FormDrafts.AsNoTracking().FirstOrDefaultAsync(d => d.UserId == userId && d.Path == page && d.ExpiresAtUtc > now);
    }

    public Task DiscardAsync(string userId, string page) =>
        db.FormDrafts.Where(d => d.UserId == userId && d.Path == page).ExecuteDeleteAsync();

    /// Puts the kept fields back: into the page's bound properties (so a form drawn from the model, a list of
    /// checkboxes say, shows them) and into ModelState as attempted values (so a field whose text does not bind, a
    /// half-typed date, shows as typed). Binding's validation messages are dropped: nothing was submitted yet.
    public static async Task RestoreAsync(FormDraft draft, PageHandlerExecutingContext context)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(context);
        var fields = JsonSerializer.Deserialize<Dictionary<string, string[]>>(draft.Fields) ?? [];
        var form = new FormCollection(fields.ToDictionary(f => f.Key, f => new StringValues(f.Value), StringComparer.OrdinalIgnoreCase));
        var values = new FormValueProvider(BindingSource.Form, form, System.Globalization.CultureInfo.CurrentCulture);
        var services = context.HttpContext.RequestServices;
        var modelState = context.ModelState;
        var metadataProvider = services.GetRequiredService<IModelMetadataProvider>();
        var binders = services.GetRequiredService<IModelBinderFactory>();
        var parameters = services.GetRequiredService<ParameterBinder>();
        foreach (var bound in context.ActionDescriptor.BoundProperties.OfType<PageBoundPropertyDescriptor>())
        {
            // Bound the way the page's POST binds it, into the instance the GET handler filled. [BindProperty] says
            // "not on a GET" through its request predicate; this GET is standing in for the post that was typed.
            var info = new BindingInfo(bound.BindingInfo ?? new BindingInfo()) { RequestPredicate = null };
            var parameter = new Microsoft.AspNetCore.Mvc.Abstractions.ParameterDescriptor { Name = bound.Name, ParameterType = bound.ParameterType, BindingInfo = info };
            var metadata = metadataProvider.GetMetadataForProperty(context.HandlerInstance.GetType(), bound.Property.Name);
            var binder = binders.CreateBinder(new ModelBinderFactoryContext { BindingInfo = info, Metadata = metadata, CacheToken = null });
            var result = await parameters.BindModelAsync(context, binder, values, parameter, metadata, bound.Property.GetValue(context.HandlerInstance), context.HandlerInstance);
            if (result.IsModelSet)
            {
                bound.Property.SetValue(context.HandlerInstance, result.Model);
            }
        }

        foreach (var (name, typed) in fields)
        {
            var raw = new StringValues(typed);
            modelState.SetModelValue(name, raw.Count == 1 ? raw[0] : raw.ToArray(), raw.ToString());
        }

        foreach (var entry in modelState.Values)
        {
            entry.Errors.Clear();
            entry.ValidationState = ModelValidationState.Unvalidated;
        }
    }
}

/// Gives a page back the typing kept for it (on a GET that renders the page) and forgets it once the form is saved
/// (a POST to the page that ends in a redirect, this app's sign of a saved form). Every page, so no page restores
/// or clears anything by hand.
public sealed class FormDraftFilter : IAsyncPageFilter
{
    // One per app (the filter is registered as an instance): a static cache would hold every app instance's pages,
    // and all they reach, for the life of the process.
    private readonly ConcurrentDictionary<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor, bool> _forms = new();

    // A [BindProperty] without SupportsGet is filled only by a post: the page has a form of its own. A page whose
    // posts change nothing (a list's search, signing out: AllowAuditorPost) keeps no typing.
    private bool HasPostedForm(PageHandlerExecutingContext context) =>
        _forms.GetOrAdd(context.ActionDescriptor, static descriptor => !descriptor.EndpointMetadata.OfType<AllowAuditorPostAttribute>().Any()
            && descriptor.BoundProperties
            .OfType<PageBoundPropertyDescriptor>()
            .Any(p => p.Property.GetCustomAttribute<BindPropertyAttribute>() is { } own
                ? !own.SupportsGet
                : p.Property.DeclaringType?.GetCustomAttribute<BindPropertiesAttribute>() is { SupportsGet: false }));

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        var http = context.HttpContext;
        var request = http.Request;
        // A page with no posted form (lists, overviews, filters read from the address) has nothing to give typing
        // back to: no lookup there, so reading pages keep their query budget (PageQueryTests).
        if (executed.Exception is not null || !HasPostedForm(context)
            || http.User.UserId() is not { } userId || FormDrafts.PageOf(request.Path, request.QueryString) is not { } page
            || SignedOutForms.IsAutosave(request))
        {
            return;
        }

        var drafts = http.RequestServices.GetRequiredService<FormDrafts>();
        if (HttpMethods.IsGet(request.Method) && executed.Result is PageResult && context.HandlerInstance is PageModel model)
        {
            if (await drafts.FindAsync(userId, page) is { } draft)
            {
                await FormDrafts.RestoreAsync(draft, context);
                model.ViewData[FormDrafts.RestoredKey] = draft;
            }
        }
        else if (HttpMethods.IsPost(request.Method) && executed.Result is RedirectToPageResult or RedirectResult or LocalRedirectResult)
        {
            await drafts.DiscardAsync(userId, page);
        }
    }
}
