using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Infrastructure.Health;

/// <summary>Ready means: the database answers within a few seconds and every migration is applied.</summary>
internal sealed class DatabaseReadyHealthCheck(WijzerDbContext db) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        CheckMigratedAsync(db, "Database", cancellationToken);

    /// <summary>Whether <paramref name="db"/>'s database answers within <see cref="Timeout"/> with no migration pending.</summary>
    public static async Task<HealthCheckResult> CheckMigratedAsync(DbContext db, string name, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(timeout.Token)).Count();
            return pending == 0
                ? HealthCheckResult.Healthy($"{name} reachable and migrated.")
                : HealthCheckResult.Unhealthy($"{name}: {pending} migration(s) not applied.");
        }
        catch (Exception ex) when (ex is OperationCanceledException or NpgsqlException or InvalidOperationException)
        {
            // The pools still hold the connections of a server that went away; each would fail once before being
            // dropped. Clearing them makes the first check after the server's return succeed.
            NpgsqlConnection.ClearAllPools();
            return HealthCheckResult.Unhealthy($"{name} not reachable.", ex is OperationCanceledException ? null : ex);
        }
    }
}

/// <summary>
/// Ready also means the read-only database (<c>ConnectionStrings:ReadOnly</c>) answers: the public search reads nothing
/// else. Without one configured, reads go to the primary, which the check above covers. A replica of a migrated primary
/// is migrated; reading its history table shows it is there and readable.
/// </summary>
internal sealed class ReadOnlyDatabaseHealthCheck(DatabaseEndpoint endpoint, ReadOnlyWijzerDbContext db) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        endpoint.HasSeparateReadOnlyDatabase
            ? DatabaseReadyHealthCheck.CheckMigratedAsync(db, "Read-only database", cancellationToken)
            : Task.FromResult(HealthCheckResult.Healthy("Reads go to the primary."));
}
