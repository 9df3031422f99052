using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BeschikbaarheidsWijzer.Web.Tests.Infrastructure;

/// <summary>
/// A fresh browser context per test. Every test fails on an uncaught script error or a Content-Security-Policy
/// violation in the page, and leaves a screenshot under <c>TestResults/screenshots/</c> when it fails.
/// </summary>
[Collection(WebAppCollection.Name)]
public abstract class BrowserTest(WebAppServer app, BrowserFixture browser, ITestOutputHelper output) : IClassFixture<BrowserFixture>
{
    protected WebAppServer App { get; } = app;

    protected ITestOutputHelper Output { get; } = output;

    protected static string ScreenshotDirectory { get; } =
        Path.Combine(TestPaths.RepositoryRoot(), "tests", "BeschikbaarheidsWijzer.Web.Tests", "TestResults", "screenshots");

    /// <summary>The API as the page sees it, to know what the page should show.</summary>
    protected async Task<JsonElement> ApiAsync(string pathAndQuery)
    {
        using var client = new HttpClient { BaseAddress = App.BaseAddress };
        return await client.GetFromJsonAsync<JsonElement>(pathAndQuery);
    }

    protected Task InPageAsync(Func<IPage, Task> test, bool allowPolicyViolations = false, [CallerMemberName] string name = "") =>
        InPageAsync(new BrowserNewContextOptions(), test, allowPolicyViolations, name);

    /// <param name="allowPolicyViolations">For a test that provokes violations on purpose, to see them refused.</param>
    protected async Task InPageAsync(BrowserNewContextOptions options, Func<IPage, Task> test, bool allowPolicyViolations = false, [CallerMemberName] string name = "")
    {
        options.BaseURL ??= App.BaseAddress.ToString();
        options.Locale ??= "nl-NL";
        options.TimezoneId ??= "Europe/Amsterdam";
        options.ViewportSize ??= new ViewportSize { Width = 1280, Height = 900 };
        options.AcceptDownloads ??= true;
        await using var context = await browser.Browser.NewContextAsync(options);
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var scriptErrors = new List<string>();
        page.PageError += (_, error) => scriptErrors.Add(error);
        page.Console += (_, message) =>
        {
            if (!allowPolicyViolations && message.Type == "error" && (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) || message.Text.Contains("Trusted Type", StringComparison.Ordinal)))
            {
                scriptErrors.Add(message.Text);
            }
        };

        try
        {
            await test(page);
            Assert.True(scriptErrors.Count == 0, "The page had script errors or policy violations:\n" + string.Join("\n", scriptErrors));
        }
        catch
        {
            Directory.CreateDirectory(ScreenshotDirectory);
            var file = Path.Combine(ScreenshotDirectory, $"{GetType().Name}.{name}.png");
            try
            {
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                Output.WriteLine($"Screenshot of the failure: {file}");
            }
            catch (PlaywrightException ex)
            {
                Output.WriteLine($"No screenshot: {ex.Message}");
            }

            if (scriptErrors.Count > 0)
            {
                Output.WriteLine("Script errors: " + string.Join("\n", scriptErrors));
            }

            throw;
        }
    }

    /// <summary>Goes to a page of the app and waits until its first heading is there.</summary>
    protected static async Task GoAsync(IPage page, string pathAndQuery)
    {
        await page.GotoAsync(pathAndQuery);
        await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
    }

    /// <summary>The results of a search page, once they are in.</summary>
    protected static async Task<ILocator> ResultsAsync(IPage page)
    {
        var heading = page.Locator("#resultaten");
        await Assertions.Expect(heading).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+ resultaten?"));
        return page.Locator(".results");
    }

    /// <summary>The field is marked invalid and its error, next to it, is part of its description.</summary>
    protected static async Task ExpectFieldErrorAsync(IPage page, ILocator field, string message)
    {
        await Assertions.Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        var id = await field.GetAttributeAsync("id");
        var error = page.Locator($"[id=\"{id}-error\"]");
        await Assertions.Expect(error).ToContainTextAsync(message);
        await Assertions.Expect(error).ToBeVisibleAsync();
        Assert.Contains($"{id}-error", (await field.GetAttributeAsync("aria-describedby"))!.Split(' '));
        await Assertions.Expect(field).ToHaveAccessibleDescriptionAsync(new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(message)));
    }

    /// <summary>No element that data named like HTML would have made: the page shows such data as text only.</summary>
    protected static async Task AssertNothingRanAsync(IPage page) =>
        Assert.Equal(0, await page.EvaluateAsync<int>(
            "() => document.querySelectorAll('main img, main script, main b, main svg:not([role=img]), main a[href^=\"javascript\"]').length"));
}
