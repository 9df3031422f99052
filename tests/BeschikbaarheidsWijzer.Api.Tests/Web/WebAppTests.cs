using System.Net;
using System.Text.RegularExpressions;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

namespace BeschikbaarheidsWijzer.Api.Tests.Web;

/// <summary>
/// The web app is served by the app: the shell for every page (deep links), its files with the right types, and the
/// API and health paths keep their own problem+json answers.
/// </summary>
public sealed partial class WebAppTests(WijzerApiFactory factory) : IClassFixture<WijzerApiFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("/")]
    [InlineData("/aanbod/0198c6b4-3f0e-7a51-9d3c-2a7f5e8b9c10")]
    [InlineData("/aanbod/0198c6b4-3f0e-7a51-9d3c-2a7f5e8b9c10?gemeente=GM0222")]
    [InlineData("/verwijzers")]
    [InlineData("/verwijzers?gemeente=GM0222&plek=ja")]
    [InlineData("/keuzelijst?aanbod=0198c6b4-3f0e-7a51-9d3c-2a7f5e8b9c10&gemeente=GM0222")]
    [InlineData("/aanbieders")]
    [InlineData("/uitleg")]
    [InlineData("/meldingen")]
    [InlineData("/beheer")]
    [InlineData("/beheer?regio=twente")]
    [InlineData("/beheer/verouderd")]
    [InlineData("/beheer/opvallend")]
    [InlineData("/beheer/aanbieders")]
    [InlineData("/beheer/aanbieders/nieuw")]
    [InlineData("/beheer/aanbieders/0198c6b4-3f0e-7a51-9d3c-2a7f5e8b9c10")]
    [InlineData("/beheer/normen")]
    [InlineData("/beheer/toegang")]
    public async Task Every_page_of_the_app_is_the_shell(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<html lang=\"nl\">", await response.Content.ReadAsStringAsync());
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
    }

    [Theory]
    [InlineData("/bestaat-niet")]
    [InlineData("/aanbod/geen-id")]
    [InlineData("/verwijzers/extra/stuk")]
    [InlineData("/beheer/bestaat-niet")]
    [InlineData("/beheer/aanbieders/geen-id")]
    public async Task An_unknown_page_is_the_shell_with_a_404(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<main id=\"main\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("GET", "/api/v1/bestaat-niet")]
    [InlineData("POST", "/api/v1/bestaat-niet")]
    [InlineData("GET", "/api/bestaat-niet")]
    [InlineData("GET", "/api")]
    [InlineData("GET", "/api/v1/offerings/geen-guid")]
    [InlineData("GET", "/health/bestaat-niet")]
    [InlineData("GET", "/js/bestaat-niet.js")]
    public async Task Api_health_and_file_paths_keep_their_problem_json_404(string method, string url)
    {
        var response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_wrong_method_on_an_api_path_is_still_405()
    {
        var response = await _client.PostAsync("/api/v1/regions", null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("/js/app.js", "text/javascript")]
    [InlineData("/css/app.css", "text/css")]
    [InlineData("/manifest.webmanifest", "application/manifest+json")]
    [InlineData("/sw.js", "text/javascript")]
    [InlineData("/icons/icon-192.png", "image/png")]
    [InlineData("/icons/icon.svg", "image/svg+xml")]
    public async Task The_apps_files_are_served_with_their_type_and_revalidated(string url, string type)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        Assert.NotNull(response.Headers.ETag);
    }

    [Fact]
    public async Task The_service_worker_keeps_every_file_of_the_shell_and_each_one_exists()
    {
        var worker = await _client.GetStringAsync("/sw.js");
        var shell = ShellEntry().Matches(worker[worker.IndexOf("const SHELL", StringComparison.Ordinal)..worker.IndexOf("];", StringComparison.Ordinal)])
            .Select(m => m.Groups[1].Value).ToList();

        var root = Path.Combine(TestPaths.RepositoryRoot(), "src", "BeschikbaarheidsWijzer.Api", "wwwroot");
        var modules = Directory.GetFiles(Path.Combine(root, "js"), "*.js").Select(f => "/js/" + Path.GetFileName(f)).Order().ToList();
        Assert.Equal(modules, shell.Where(s => s.StartsWith("/js/", StringComparison.Ordinal)).Order().ToList());
        Assert.Contains("/", shell);
        Assert.Contains("/css/app.css", shell);
        foreach (var file in shell)
        {
            Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync(file)).StatusCode);
        }
    }

    [Fact]
    public async Task The_shell_refers_only_to_files_of_this_site()
    {
        var html = await _client.GetStringAsync("/");

        Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("style=", html);
        Assert.DoesNotMatch(@"\son[a-z]+=", html);
    }

    [Fact]
    public async Task The_shell_links_this_releases_files_which_are_kept_for_a_year_while_other_addresses_revalidate()
    {
        var html = await _client.GetStringAsync("/");
        var release = VersionedLink().Match(html);
        Assert.True(release.Success, html);
        var prefix = $"/v/{release.Groups[1].Value}";
        Assert.Contains($"<link rel=\"stylesheet\" href=\"{prefix}/css/app.css\">", html);
        Assert.Contains($"<script type=\"module\" src=\"{prefix}/js/app.js\"></script>", html);

        foreach (var (path, type) in new[] { ("/js/app.js", "text/javascript"), ("/js/search.js", "text/javascript"), ("/css/app.css", "text/css") })
        {
            var versioned = await _client.GetAsync(prefix + path);
            Assert.Equal(HttpStatusCode.OK, versioned.StatusCode);
            Assert.Equal(type, versioned.Content.Headers.ContentType?.MediaType);
            Assert.Equal("public, max-age=31536000, immutable", versioned.Headers.CacheControl?.ToString());
            Assert.Equal(await _client.GetStringAsync(path), await versioned.Content.ReadAsStringAsync());
        }

        // Another release's address (a page loaded before a deploy) still gets the file, but not for a year.
        var old = await _client.GetAsync("/v/0123456789ab/js/app.js");
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.Equal("no-cache", old.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"{prefix}/js/bestaat-niet.js")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"{prefix}/../appsettings.json")).StatusCode);
    }

    [Theory]
    [InlineData("/", new[] { "search.js", "dom.js", "format.js", "api.js", "offering.js" }, new[] { "detail.js", "beheer.js", "csv.js" })]
    [InlineData("/aanbod/0198c6b4-3f0e-7a51-9d3c-2a7f5e8b9c10", new[] { "detail.js", "chart.js", "offering.js" }, new[] { "search.js", "beheer.js" })]
    [InlineData("/beheer/normen", new[] { "beheer.js", "apikey.js" }, new[] { "search.js", "beheer-normen.js" })]
    public async Task Each_page_preloads_the_modules_it_imports_at_once_and_not_those_it_loads_later(string page, string[] preloaded, string[] notPreloaded)
    {
        var html = await _client.GetStringAsync(page);
        var modules = Preload().Matches(html).Select(m => m.Groups[1].Value).ToList();

        Assert.All(preloaded, m => Assert.Contains(m, modules));
        Assert.All(notPreloaded, m => Assert.DoesNotContain(m, modules));
        Assert.Equal(modules.Distinct().Count(), modules.Count);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Public_text_is_compressed_and_keyed_answers_never_are(string encoding)
    {
        var html = await _client.GetStringAsync("/");
        var prefix = $"/v/{VersionedLink().Match(html).Groups[1].Value}";
        foreach (var path in new[] { "/", $"{prefix}/js/search.js", $"{prefix}/css/app.css", "/api/v1/regions", "/api/v1/care-types", "/api/v1/offerings?pageSize=5" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            var response = await _client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Content.Headers.ContentEncoding.Contains(encoding), $"{path} is not {encoding}-compressed");
        }

        foreach (var path in new[] { "/api/v1/admin/me", "/api/v1/admin/providers", "/api/v1/reports/stale?region=achterhoek" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", WijzerApiFactory.AdminKey);
            var response = await _client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(response.Content.Headers.ContentEncoding);
        }
    }

    [GeneratedRegex(@"/v/([0-9a-f]{12})/")]
    private static partial Regex VersionedLink();

    [GeneratedRegex(@"<link rel=""modulepreload"" href=""/v/[0-9a-f]{12}/js/([\w-]+\.js)"">")]
    private static partial Regex Preload();

    [Fact]
    public void No_script_of_the_app_turns_a_string_into_html_or_code()
    {
        var scripts = Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot(), "src", "BeschikbaarheidsWijzer.Api", "wwwroot"), "*.js", SearchOption.AllDirectories);
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            var code = File.ReadAllText(script);
            Assert.DoesNotMatch(HtmlSinks(), code);
        }
    }

    [GeneratedRegex(@"\.(innerHTML|outerHTML|insertAdjacentHTML)\b|document\.write|\beval\(|new Function\(|setTimeout\(['""`]")]
    private static partial Regex HtmlSinks();

    [GeneratedRegex(@"'(/[^']*)'")]
    private static partial Regex ShellEntry();
}
