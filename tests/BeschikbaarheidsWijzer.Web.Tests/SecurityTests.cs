using BeschikbaarheidsWijzer.Api.Infrastructure.Http;
using BeschikbaarheidsWijzer.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace BeschikbaarheidsWijzer.Web.Tests;

/// <summary>Data is shown as text, never run as HTML, and the browser enforces the Content-Security-Policy.</summary>
public sealed class SecurityTests(WebAppServer app, BrowserFixture browser, ITestOutputHelper output) : BrowserTest(app, browser, output)
{
    [Fact]
    public Task A_provider_named_like_html_is_shown_as_text_on_every_page() => InPageAsync(async page =>
    {
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };

        await GoAsync(page, "/?gemeente=GM0222&zorgvorm=jeugd-ggz-basis");
        var card = page.Locator(".card").Filter(new() { Has = page.GetByText(WebAppServer.HostileName, new() { Exact = true }) });
        await Expect(card).ToHaveCountAsync(1);
        await Expect(card.Locator(".card-title")).ToHaveTextAsync("<script>alert(2)</script>");
        await AssertNothingRanAsync(page);

        await card.Locator(".card-title a").ClickAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync("<script>alert(2)</script>");
        var main = page.Locator("main");
        await Expect(main).ToContainTextAsync(WebAppServer.HostileName);
        await Expect(main).ToContainTextAsync("<img src=x onerror=alert(3)> beschrijving");
        await Expect(main).ToContainTextAsync("<a href=javascript:alert(4)>klik</a>");
        await Expect(main).ToContainTextAsync("<b>Straat</b> 1");
        // A website that is not a web address is not made into a link.
        await Expect(page.Locator("a[href^='javascript:' i]")).ToHaveCountAsync(0);
        var providerContact = page.Locator("section.detail-section").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Contact met de aanbieder" }) });
        await Expect(providerContact).ToContainTextAsync("Telefoon:");
        await Expect(providerContact).Not.ToContainTextAsync("Website:");
        await AssertNothingRanAsync(page);

        await GoAsync(page, "/verwijzers?gemeente=GM0222&zorgvorm=jeugd-ggz-basis");
        await Expect(page.Locator(".referrer-table tbody")).ToContainTextAsync(WebAppServer.HostileName);
        await AssertNothingRanAsync(page);

        Assert.Empty(dialogs);
    });

    [Fact]
    public Task The_browser_enforces_the_policy_no_inline_script_and_no_html_strings() => InPageAsync(async page =>
    {
        var response = await page.GotoAsync("/");
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, await response!.HeaderValueAsync("content-security-policy"));
        Assert.DoesNotContain("unsafe-inline", SecurityHeaders.ContentSecurityPolicy);
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();

        // Trusted Types: the browser itself refuses every way of putting a string into the page as HTML or script.
        foreach (var attempt in new[]
        {
            "document.createElement('div').innerHTML = '<img src=x onerror=\"window.__ran = true\">'",
            "document.body.insertAdjacentHTML('beforeend', '<img src=x onerror=\"window.__ran = true\">')",
            "document.createElement('img').setAttribute('onerror', 'window.__ran = true')",
            "document.body.append(Object.assign(document.createElement('script'), { textContent: 'window.__ran = true' }))",
        })
        {
            var outcome = await page.EvaluateAsync<string>($"() => {{ try {{ {attempt}; return 'allowed'; }} catch (e) {{ return e.name; }} }}");
            Assert.True(outcome == "TypeError", $"{attempt}: {outcome}");
        }

        Assert.False(await page.EvaluateAsync<bool>("() => window.__ran === true"));
    }, allowPolicyViolations: true);

    [Fact]
    public Task Swagger_ui_works_under_its_own_policy() => InPageAsync(async page =>
    {
        var response = await page.GotoAsync("/api/docs/index.html");
        Assert.Equal(SecurityHeaders.ApiDocsContentSecurityPolicy, await response!.HeaderValueAsync("content-security-policy"));
        await Expect(page.Locator(".swagger-ui .opblock").First).ToBeVisibleAsync();
        // Paths are relative to the server, whose URL holds the major version.
        await Expect(page.Locator("#swagger-ui .servers")).ToContainTextAsync("/api/v1");
        await Expect(page.Locator("#swagger-ui")).ToContainTextAsync("GET/offerings");
        await Expect(page.Locator("#swagger-ui .title")).ToContainTextAsync("BeschikbaarheidsWijzer API");
    });
}
