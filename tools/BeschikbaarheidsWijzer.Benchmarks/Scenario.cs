namespace BeschikbaarheidsWijzer.Benchmarks;

/// <summary>How a scenario ended; <see cref="Program"/> turns it into the exit code.</summary>
public enum ScenarioOutcome
{
    /// <summary>Ran cleanly and met every target.</summary>
    TargetsMet,

    /// <summary>Ran cleanly, but at least one figure missed its target.</summary>
    TargetMissed,

    /// <summary>Something went wrong (error responses, lost or doubled data): the figures cannot be trusted.</summary>
    Failed,
}

/// <summary>One benchmark: it arranges its own data in the app's database, drives the app and prints its figures.</summary>
public interface IScenario
{
    /// <summary>Configuration the app under test starts with for this scenario (keys with <c>__</c>).</summary>
    IReadOnlyDictionary<string, string> AppEnvironment => new Dictionary<string, string>();

    Task<ScenarioOutcome> RunAsync(AppUnderTest app, CancellationToken cancellationToken);
}

/// <summary>
/// A scenario as the command line knows it. <paramref name="Create"/> takes the scenario's own options from the
/// arguments (throwing <see cref="UsageException"/> for bad ones) before anything expensive starts.
/// </summary>
public sealed record ScenarioDefinition(string Name, string Summary, string OptionsHelp, Func<ArgumentReader, IScenario> Create);
