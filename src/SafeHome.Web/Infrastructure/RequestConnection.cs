using Microsoft.EntityFrameworkCore;
using SafeHome.Data;

namespace SafeHome.Web.Infrastructure;

/// One database connection per request. EF opens and closes the connection around every query by default, so a page
/// of eight queries took eight trips through the pool (and, before issue 16, eight PRAGMA batches). Opening it once
/// when a page was matched keeps it open for the whole request, including the layout's banner; the DbContext closes
/// it when the request's scope ends. Static files and unmatched paths never touch the database.
public static class RequestConnection
{
    public static IApplicationBuilder UseOneConnectionPerRequest(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.GetEndpoint() is not null)
        {
            await context.RequestServices.GetRequiredService<SafeHomeDbContext>().Database.OpenConnectionAsync(context.RequestAborted);
        }

        await next(context);
    });
}
