using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.FileProviders;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Web;

/// <summary>
/// The web app's scripts and styles under a versioned address, <c>/v/{release}/js/app.js</c>, where <c>release</c> is a
/// hash of every script and stylesheet: a browser may keep them for a year, and a new release is a new address. The
/// modules import each other by relative paths, so one version in the shell's two links versions them all (also those
/// loaded later), with no build step. The shell names the modules a page needs at once (<c>modulepreload</c>), so the
/// browser fetches them side by side instead of one import after another.
/// </summary>
public sealed partial class WebAssets(IWebHostEnvironment environment, TimeProvider clock)
{
    public const string VersionedPrefix = "/v";

    /// <summary>A versioned file is the same forever: cached for a year, never revalidated.</summary>
    public const string ImmutableCacheControl = "public, max-age=31536000, immutable";

    private static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(2);

    /// <summary>The first module each page of the app's router loads; keep in step with <c>wwwroot/js/app.js</c>.</summary>
    private static readonly (string Prefix, string Module)[] PageModules =
    [
        ("/aanbod/", "detail.js"), ("/verwijzers", "search.js"), ("/keuzelijst", "keuzelijst.js"), ("/aanbieders", "provider.js"), ("/uitleg", "uitleg.js"), ("/beheer", "beheer.js"),
    ];

    private readonly Lock _lock = new();
    private Snapshot? _snapshot;
    private DateTimeOffset _checkedAt;

    /// <summary>The release hash of the files as they are now.</summary>
    public string Release => Current().Release;

    /// <summary>The shell (<c>index.html</c>) for a page address: versioned links and the page's modules to preload.</summary>
    public string ShellFor(string path) => Current().Shells.GetValueOrDefault(EntryModule(path)) ?? Current().Shells["search.js"];

    /// <summary>The file path of a versioned address (<c>/v/abc/js/app.js</c> → <c>/js/app.js</c>) and whether it is this release's.</summary>
    public static bool TryUnversion(PathString path, out PathString plain, out string release)
    {
        plain = path;
        release = "";
        var match = VersionedPath().Match(path.Value ?? "");
        if (!match.Success)
        {
            return false;
        }

        release = match.Groups[1].Value;
        plain = new PathString(match.Groups[2].Value);
        return true;
    }

    private static string EntryModule(string path) =>
        PageModules.FirstOrDefault(p => path.StartsWith(p.Prefix, StringComparison.OrdinalIgnoreCase)).Module ?? "search.js";

    private Snapshot Current()
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_snapshot is null || (now - _checkedAt > RecheckAfter && _snapshot.Stamp != Stamp()))
            {
                _snapshot = Build();
            }

            if (now - _checkedAt > RecheckAfter)
            {
                _checkedAt = now;
            }

            return _snapshot;
        }
    }

    /// <summary>When the files last changed, cheaply: their count and newest write time (a developer edits them while the app runs).</summary>
    private string Stamp()
    {
        var files = Files().ToList();
        return $"{files.Count}:{(files.Count == 0 ? 0 : files.Max(f => f.File.LastModified.UtcTicks))}";
    }

    /// <summary>The scripts and stylesheets, in a fixed order.</summary>
    private IEnumerable<(string Folder, IFileInfo File)> Files() =>
        new[] { "css", "js" }.SelectMany(folder => environment.WebRootFileProvider.GetDirectoryContents(folder)
            .Where(f => !f.IsDirectory && (f.Name.EndsWith(".js", StringComparison.Ordinal) || f.Name.EndsWith(".css", StringComparison.Ordinal)))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => (folder, f)));

    private Snapshot Build()
    {
        var stamp = Stamp();
        var modules = new Dictionary<string, string>(StringComparer.Ordinal);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (folder, file) in Files())
        {
            using var reader = new StreamReader(file.CreateReadStream(), Encoding.UTF8);
            var text = reader.ReadToEnd();
            hash.AppendData(Encoding.UTF8.GetBytes($"{folder}/{file.Name}\n{text}"));
            if (folder == "js")
            {
                modules[file.Name] = text;
            }
        }

        var release = Convert.ToHexStringLower(hash.GetHashAndReset(), 0, 6);
        var prefix = $"{VersionedPrefix}/{release}";
        var shellFile = environment.WebRootFileProvider.GetFileInfo(WebApp.ShellFile);
        string shell;
        using (var reader = new StreamReader(shellFile.CreateReadStream(), Encoding.UTF8))
        {
            shell = reader.ReadToEnd();
        }

        shell = shell.Replace("href=\"/css/app.css\"", $"href=\"{prefix}/css/app.css\"", StringComparison.Ordinal)
            .Replace("src=\"/js/app.js\"", $"src=\"{prefix}/js/app.js\"", StringComparison.Ordinal);

        // Per entry module, the shell that preloads it and everything it imports (dynamic imports are left to load later).
        var shells = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in PageModules.Select(p => p.Module).Append("search.js").Distinct())
        {
            var needed = StaticImports(["app.js", entry], modules);
            var links = string.Concat(needed.Where(m => m != "app.js").Select(m => $"\n<link rel=\"modulepreload\" href=\"{prefix}/js/{m}\">"));
            shells[entry] = shell.Replace("<script type=\"module\"", $"{links.TrimStart('\n')}\n<script type=\"module\"", StringComparison.Ordinal);
        }

        return new Snapshot(stamp, release, shells);
    }

    /// <summary>The modules <paramref name="roots"/> import statically, directly or not (breadth first, each once).</summary>
    private static List<string> StaticImports(IEnumerable<string> roots, IReadOnlyDictionary<string, string> modules)
    {
        var seen = new List<string>();
        var queue = new Queue<string>(roots);
        while (queue.TryDequeue(out var module))
        {
            if (seen.Contains(module) || !modules.TryGetValue(module, out var text))
            {
                continue;
            }

            seen.Add(module);
            foreach (Match import in StaticImport().Matches(text))
            {
                queue.Enqueue(import.Groups[1].Value);
            }
        }

        return seen;
    }

    [GeneratedRegex(@"^/v/([0-9a-f]{6,64})(/(?:js|css)/[\w.-]+\.(?:js|css))$")]
    private static partial Regex VersionedPath();

    // import … from './x.js'; and import './x.js'; — not import('./x.js'), which loads later.
    [GeneratedRegex(@"(?:\bfrom\s+|^import\s+)'\./([\w-]+\.js)'", RegexOptions.Multiline)]
    private static partial Regex StaticImport();

    private sealed record Snapshot(string Stamp, string Release, IReadOnlyDictionary<string, string> Shells);
}
