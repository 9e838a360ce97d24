using System.Net;

namespace SafeHome.IntegrationTests.Infrastructure;

public static class Responses
{
    public static string Location(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        // The cookie handler redirects to absolute URLs, pages to relative ones; compare paths either way.
        var location = response.Headers.Location;
        return location is null ? string.Empty : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
    }

    public static void AssertRedirectTo(this HttpResponseMessage response, string pathStart)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            Assert.Fail($"expected a redirect to {pathStart}, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 3000)]}");
        }

        Assert.StartsWith(pathStart, response.Location(), StringComparison.OrdinalIgnoreCase);
    }
}
