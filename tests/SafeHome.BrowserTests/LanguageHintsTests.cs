using Microsoft.Playwright;
using SafeHome.BrowserTests.Infrastructure;
using SafeHome.TestCorpus;
using static Microsoft.Playwright.Assertions;

namespace SafeHome.BrowserTests;

/// Issue 20: the language corpus (tests/Shared/language-corpus.txt) typed into a real note in Chromium. The
/// while-typing hints must flag exactly what the corpus expects, at the same places, and the server, once the draft
/// is saved, must flag the same terms in the same order: the browser and the server agree on every sentence.
public sealed class LanguageHintsTests
{
    /// A note section holds 10,000 characters; the corpus goes in in parts well under that.
    private const int PartLength = 8_000;

    static LanguageHintsTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task The_hints_while_typing_flag_what_the_corpus_expects_and_agree_with_the_server()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var server = await SafeHomeServer.StartAsync(cancellation, seedDemo: true);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new() { BaseURL = server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await EveryPageTests.SignInAsync(page, server, "demo.counselor@example.invalid");
        await page.GotoAsync("/Residents");
        await page.Locator("#residents tbody tr a").First.ClickAsync();
        await page.Locator("#write-note").ClickAsync();
        await page.Locator("#Input_Format").SelectOptionAsync("Narrative");

        var corpus = LanguageCorpus.Load();
        Assert.True(corpus.Count >= 200, $"the corpus has {corpus.Count} sentences");
        var checkedSentences = 0;
        foreach (var part in Parts(corpus))
        {
            var text = string.Join("\n", part.Select(s => s.Text));
            var expected = new List<string>();
            var offset = 0;
            foreach (var sentence in part)
            {
                expected.AddRange(sentence.Expected.Select(e => $"{e.Term}@{offset + e.Index}:{e.Matched}"));
                offset += sentence.Text.Length + 1;
            }

            var field = page.Locator("#Input_Narrative");
            await field.FillAsync(text);
            var hints = page.Locator("#section-Narrative .live-hints .live-hint");
            await Expect(hints).ToHaveCountAsync(expected.Count);
            var shown = await hints.EvaluateAllAsync<string[]>("els => els.map(e => `${e.dataset.term}@${e.dataset.index}:${e.dataset.matched}`)");
            Assert.Equal(expected, shown);

            // Saved, the server's findings for the same text are the same terms on the same words, in order.
            await page.GetByRole(AriaRole.Button, new() { Name = "Save the draft" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("saved");
            var findings = page.Locator("#section-Narrative .language-finding");
            var fromServer = await findings.EvaluateAllAsync<string[]>("els => els.map(e => `${e.dataset.term}:${e.querySelector('.matched').textContent}`)");
            Assert.Equal(expected.Select(e => e[..e.IndexOf('@', StringComparison.Ordinal)] + e[e.IndexOf(':', StringComparison.Ordinal)..]), fromServer);
            checkedSentences += part.Count;
        }

        Assert.Equal(corpus.Count, checkedSentences);
    }

    private static IEnumerable<List<CorpusSentence>> Parts(IReadOnlyList<CorpusSentence> corpus)
    {
        var part = new List<CorpusSentence>();
        var length = 0;
        foreach (var sentence in corpus)
        {
            if (length + sentence.Text.Length + 1 > PartLength && part.Count > 0)
            {
                yield return part;
                part = [];
                length = 0;
            }

            part.Add(sentence);
            length += sentence.Text.Length + 1;
        }

        if (part.Count > 0)
        {
            yield return part;
        }
    }
}
