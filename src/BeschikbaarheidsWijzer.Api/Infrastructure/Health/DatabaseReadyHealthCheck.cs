using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Health;

/// <summary>Ready means: the database answers within a few seconds and every migration is applied.</summary>
internal sealed class DatabaseReadyHealthCheck(WijzerDbContext db) : IHealthCheck
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(timeout.Token)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable and migrated.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied.");
        }
        catch (Exception ex) when (ex is OperationCanceledException or NpgsqlException or InvalidOperationException)
        {
            return Unreachable("Database not reachable.", ex);
        }
    }

    /// <summary>
    /// The pools still hold the connections of a server that went away; each would fail once before being dropped.
    /// Clearing them makes the first check after the server's return succeed.
    /// </summary>
    public static HealthCheckResult Unreachable(string description, Exception ex)
    {
        NpgsqlConnection.ClearAllPools();
        return HealthCheckResult.Unhealthy(description, ex is OperationCanceledException ? null : ex);
    }
}

/// <summary>
/// Ready also means the read-only database (<c>ConnectionStrings:ReadOnly</c>) answers: the public search reads nothing
/// else. Without one configured, reads go to the primary, which the check above covers.
/// </summary>
internal sealed class ReadOnlyDatabaseHealthCheck(DatabaseEndpoint endpoint, ReadOnlyWijzerDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!endpoint.HasSeparateReadOnlyDatabase)
        {
            return HealthCheckResult.Healthy("Reads go to the primary.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(DatabaseReadyHealthCheck.Timeout);
        try
        {
            // A replica of a migrated primary is migrated; reading the history table shows it is there and readable.
            var pending = (await db.Database.GetPendingMigrationsAsync(timeout.Token)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy("Read-only database reachable and migrated.")
                : HealthCheckResult.Unhealthy($"Read-only database lacks {pending} migration(s).");
        }
        catch (Exception ex) when (ex is OperationCanceledException or NpgsqlException or InvalidOperationException)
        {
            return DatabaseReadyHealthCheck.Unreachable("Read-only database not reachable.", ex);
        }
    }
}
