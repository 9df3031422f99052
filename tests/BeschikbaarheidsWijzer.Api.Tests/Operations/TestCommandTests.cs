using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

namespace BeschikbaarheidsWijzer.Api.Tests.Operations;

/// <summary>The README's test command is the one CI runs, and it sets up what the tests need on a fresh machine.</summary>
public sealed class TestCommandTests
{
    private static readonly string Root = TestPaths.RepositoryRoot();

    [Fact]
    public void The_readme_names_one_test_command_which_ci_runs_and_which_installs_what_the_tests_need()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var testIt = readme[readme.IndexOf("## Test it", StringComparison.Ordinal)..];
        Assert.StartsWith("## Test it\n\n```sh\n./test.sh\n```", testIt, StringComparison.Ordinal);

        var ci = File.ReadAllText(Path.Combine(Root, ".ci", "run"));
        Assert.Contains("\n./test.sh 2>&1 | tee", ci, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet test", ci, StringComparison.Ordinal);

        // What the fixtures need when nothing is configured: PostgreSQL's binaries, Debian's Chromium and redis-server.
        var script = File.ReadAllText(Path.Combine(Root, "test.sh"));
        Assert.All(new[] { "missing+=(postgresql)", "missing+=(chromium)", "missing+=(redis-server)", "exec dotnet test BeschikbaarheidsWijzer.sln \"$@\"" },
            line => Assert.Contains(line, script, StringComparison.Ordinal));

        // And the code's form: C# as .editorconfig says, the web app as ESLint (pinned in tools/lint) says.
        Assert.Contains("dotnet format BeschikbaarheidsWijzer.sln --verify-no-changes", script, StringComparison.Ordinal);
        Assert.Contains("eslint --config tools/lint/eslint.config.js --max-warnings 0 src/BeschikbaarheidsWijzer.Api/wwwroot", script, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Root, "tools", "lint", "package-lock.json")), "ESLint's versions are pinned by its lock file");

        // And the API document against both API Design Rules rulesets, with Spectral pinned in tools/apilint.
        Assert.Contains("spectral lint --fail-severity error --ruleset \"$ruleset\" openapi/beschikbaarheidswijzer-v1.json", script, StringComparison.Ordinal);
        Assert.Contains("tools/apilint/adr-2.1.0.yaml tools/apilint/adr-2.2.0.yaml", script, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Root, "tools", "apilint", "package-lock.json")), "Spectral's versions are pinned by its lock file");
        Assert.True(File.Exists(Path.Combine(Root, ".editorconfig")));
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(Path.Combine(Root, "test.sh")) & UnixFileMode.UserExecute) != 0, "test.sh must be executable");
        }
    }
}
