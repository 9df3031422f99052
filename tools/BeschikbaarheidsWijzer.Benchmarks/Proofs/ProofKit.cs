using System.Globalization;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Domain.Security;
using Npgsql;

namespace BeschikbaarheidsWijzer.Benchmarks.Proofs;

/// <summary>A provider arranged for a proof, with its key and offerings.</summary>
public sealed record ProofProvider(int Index, Guid ProviderId, string KeyId, string Key, Guid[] OfferingIds);

/// <summary>What the proofs share: arranging providers, a check list that ends in PASS or FAIL, machine figures.</summary>
public static class ProofKit
{
    public const string Municipality = "GM0222";

    /// <summary>Providers with offerings contracted in <see cref="Municipality"/>, each with a provider key, written straight to the database.</summary>
    public static async Task<List<ProofProvider>> ArrangeProvidersAsync(AppUnderTest app, int providers, int offeringsEach, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var careTypes = new[] { "jeugd-ggz-basis", "ambulante-begeleiding", "dagbehandeling", "kortdurend-verblijf" };
        var arranged = new List<ProofProvider>();
        await using var db = app.CreateDbContext();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        for (var p = 0; p < providers; p++)
        {
            var provider = new Provider { Name = $"Proefaanbieder {p:00}", CreatedAt = now, UpdatedAt = now };
            for (var o = 0; o < offeringsEach; o++)
            {
                provider.Offerings.Add(new Offering
                {
                    Title = $"Proefaanbod {p:00}-{o:000}", CareTypeCode = careTypes[o % careTypes.Length], AgeMin = 0, AgeMax = 18,
                    CreatedAt = now, UpdatedAt = now,
                    Contracts = [new Contract { MunicipalityCode = Municipality, ValidFrom = new DateOnly(2025, 1, 1) }],
                });
            }

            var (keyId, key, hash) = ApiKeyFormat.Generate();
            db.Providers.Add(provider);
            db.ApiKeys.Add(new ApiKey { Id = keyId, Role = ApiKeyRole.Provider, Provider = provider, Label = "proof", SecretHash = hash, CreatedAt = now });
            arranged.Add(new ProofProvider(p, provider.Id, keyId, key, provider.Offerings.Select(x => x.Id).ToArray()));
        }

        await db.SaveChangesAsync(cancellationToken);
        return arranged;
    }

    /// <summary>A fresh bootstrap admin key (<c>Auth:AdminApiKey</c>) for one run.</summary>
    public static string NewAdminKey() => ApiKeyFormat.Generate().Key;

    /// <summary>One value from a new, unpooled connection: after a crash a pooled one may be a dead one.</summary>
    public static async Task<long> ScalarAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <summary>Resident memory of a process in MiB (Linux /proc), or null.</summary>
    public static double? ResidentMiB(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? null : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

}

/// <summary>The checks of one proof, printed as PASS/FAIL lines with the machine's load; all must pass.</summary>
public sealed class ProofChecks(string name)
{
    private readonly List<(string What, bool Passed)> _checks = [];
    private readonly string? _loadBefore = MachineText.LoadAverage();

    public bool Check(string what, bool passed)
    {
        _checks.Add((what, passed));
        Console.WriteLine($"  {(passed ? "PASS" : "FAIL")}  {what}");
        return passed;
    }

    public ScenarioOutcome Finish()
    {
        var failed = _checks.Count(c => !c.Passed);
        Console.WriteLine();
        Console.WriteLine($"== Summary: {name} ==");
        foreach (var (what, passed) in _checks)
        {
            Console.WriteLine($"{(passed ? "PASS" : "FAIL")}  {what}");
        }

        MachineText.PrintMachine(_loadBefore, MachineText.LoadAverage());
        Console.WriteLine(failed == 0 ? $"{name}: all {_checks.Count} checks passed" : $"{name}: {failed} of {_checks.Count} checks FAILED");
        return failed == 0 && _checks.Count > 0 ? ScenarioOutcome.TargetsMet : ScenarioOutcome.Failed;
    }
}
