using System.Net;

namespace SafeHome.IntegrationTests.Infrastructure;

public static class Responses
{
    public static string Location(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.Headers.Location?.OriginalString ?? string.Empty;
    }

    public static void AssertRedirectTo(this HttpResponseMessage response, string pathStart)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"expected a redirect to {pathStart}, got {(int)response.StatusCode}");
        Assert.StartsWith(pathStart, response.Location(), StringComparison.OrdinalIgnoreCase);
    }
}
