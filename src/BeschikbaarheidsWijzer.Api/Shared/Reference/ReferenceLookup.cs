using BeschikbaarheidsWijzer.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Shared.Reference;

/// <summary>
/// The small reference sets every search validates against (municipalities, care types, tags), kept in memory for a
/// few minutes: they change only when a new app version seeds new reference data.
/// </summary>
public sealed class ReferenceLookup(IServiceScopeFactory scopes, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private Snapshot? _snapshot;

    public sealed record MunicipalityInfo(string Code, string Name, string RegionCode, double Lat, double Lon);

    public sealed record Snapshot(
        IReadOnlyDictionary<string, MunicipalityInfo> Municipalities,
        IReadOnlySet<string> CareTypes,
        IReadOnlySet<string> Tags,
        DateTimeOffset LoadedAt);

    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var current = _snapshot;
        if (current is not null && clock.GetUtcNow() - current.LoadedAt < Lifetime)
        {
            return current;
        }

        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_snapshot is not null && clock.GetUtcNow() - _snapshot.LoadedAt < Lifetime)
            {
                return _snapshot;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WijzerDbContext>();
            var municipalities = await db.Municipalities.AsNoTracking()
                .Select(m => new MunicipalityInfo(m.Code, m.Name, m.RegionCode, m.Latitude, m.Longitude))
                .ToDictionaryAsync(m => m.Code, StringComparer.Ordinal, cancellationToken);
            var careTypes = (await db.CareTypes.AsNoTracking().Select(c => c.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            var tags = (await db.Tags.AsNoTracking().Select(t => t.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            _snapshot = new Snapshot(municipalities, careTypes, tags, clock.GetUtcNow());
            return _snapshot;
        }
        finally
        {
            _lock.Release();
        }
    }
}
