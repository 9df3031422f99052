using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Infrastructure.Auth;
using BeschikbaarheidsWijzer.Api.Shared.Management;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore.Storage;

namespace BeschikbaarheidsWijzer.Api.Shared.Audit;

/// <summary>
/// One change a manager makes, the way every management endpoint makes it: a transaction begun before anything is read
/// (so locks taken while checking hold to the end), the audit entries of what changed, then one save and commit. A
/// conflict the database finds at the save (a key, a check, a deadlock) is answered with 409 and nothing is stored;
/// leaving without <see cref="CommitAsync"/> (a refusal) rolls everything back, audit entries included.
/// </summary>
public sealed class AuditedWrite : IAsyncDisposable
{
    private readonly WijzerDbContext _db;
    private readonly IDbContextTransaction _transaction;
    private readonly ApiCaller _caller;

    private AuditedWrite(WijzerDbContext db, IDbContextTransaction transaction, ApiCaller caller, DateTimeOffset now)
    {
        _db = db;
        _transaction = transaction;
        _caller = caller;
        Now = now;
    }

    /// <summary>The moment of the change: its audit entries and the entity's own timestamps.</summary>
    public DateTimeOffset Now { get; }

    public static async Task<AuditedWrite> BeginAsync(WijzerDbContext db, ApiCaller caller, TimeProvider clock, CancellationToken cancellationToken) =>
        new(db, await db.Database.BeginTransactionAsync(cancellationToken), caller, clock.GetUtcNow());

    /// <summary>Records a change of one entity, as the administration API shows it before and after (null: none).</summary>
    public void Record(string entityType, object entityId, string action, object? before, object? after) =>
        AuditLog.Record(_db, _caller, Now, entityType, entityId, action, before, after);

    /// <summary>Saves and commits; a 409 problem instead when the database refused the change.</summary>
    public async Task<ProblemHttpResult?> CommitAsync(CancellationToken cancellationToken)
    {
        if (await ManagementInput.TrySaveAsync(_db, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        await _transaction.CommitAsync(cancellationToken);
        return null;
    }

    public ValueTask DisposeAsync() => _transaction.DisposeAsync();
}
