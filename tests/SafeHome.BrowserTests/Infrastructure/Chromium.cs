using Microsoft.Playwright;

namespace SafeHome.BrowserTests.Infrastructure;

/// Debian's Chromium (`apt-get install chromium`), never a browser Playwright downloads: nothing can be
/// downloaded on these machines, so `playwright install` is never run.
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        if (!File.Exists(ExecutablePath))
        {
            throw new FileNotFoundException($"{ExecutablePath} is missing: install it with `apt-get install -y chromium`.", ExecutablePath);
        }

        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        });
    }
}
