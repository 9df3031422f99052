using System.Collections.Concurrent;
using System.Data;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Shared.Reference;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Search;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BeschikbaarheidsWijzer.Api.Features.Search;

/// <summary>A care type as the search judges (sector and setting choose its national norm) and names it.</summary>
public sealed record IndexedCareType(CareTypeProfile Profile, string Name);

/// <summary>
/// The index and the norm rules as of a refresh that began after the request arrived. <see cref="TextGeneration"/> changes
/// whenever free text could match differently (a title, tags, description or provider name changed, offerings came or went).
/// </summary>
public sealed record SearchIndexSnapshot(OfferingIndex Index, NormResolver Resolver, IReadOnlyDictionary<string, IndexedCareType> CareTypes, long TextGeneration);

/// <summary>What a free text matched: offerings by their own text, providers by name.</summary>
public sealed record TextMatches(IReadOnlySet<Guid> Offerings, IReadOnlySet<Guid> Providers)
{
    public int Count => Offerings.Count + Providers.Count;
}

/// <summary>
/// Keeps this app instance's in-memory <see cref="OfferingIndex"/> in step with PostgreSQL, so a search counts and sorts
/// thousands of contracted offerings without the database touching each of them.
/// <para>
/// Every change that matters to search stamps the offering's <c>search_xid</c> with the writing transaction's id (triggers,
/// so direct SQL counts too; hard deletes leave a row in <c>search_removals</c>). A refresh reads what was stamped by
/// transactions at or after the previous refresh's horizon, the oldest transaction still running then: anything committed
/// later has a newer id, so nothing is missed, whatever order transactions commit in. Each request waits for a refresh that
/// began after it arrived (one at a time, shared by all requests waiting), so a write on any instance shows on the next
/// request everywhere; when nothing changed that costs one small query. It reads from the read-only database (a replica when
/// configured): the horizon logic holds there too, since a transaction the replica has not replayed yet counts as running.
/// </para>
/// </summary>
public sealed class SearchIndexStore(IServiceScopeFactory scopes, ILogger<SearchIndexStore> logger)
{
    private const string OfferingColumns = """
        select o.id, o.provider_id, p.name, o.title, o.care_type_code, o.age_min, o.age_max, o.tags, hashtext(coalesce(o.description, '')),
               r.id, r.accepting_referrals, r.free_places, r.total_places, r.waitlist_count, r.wait_to_intake_weeks,
               r.wait_to_treatment_weeks, r.method, r.matching_dependent, r.bridging_care_available, r.week_start, r.reported_at
        from offerings o
        join providers p on p.id = o.provider_id
        left join availability_reports r on r.id = o.current_report_id
        where o.deleted_at is null and p.deleted_at is null
        """;

    private const string ContractColumns = "select c.offering_id, c.municipality_code, c.valid_from, c.valid_to from contracts c";

    private const string LocationColumns = """
        select ol.offering_id, l.name, l.city, l.municipality_code, coalesce(l.latitude, m.latitude), coalesce(l.longitude, m.longitude)
        from offering_locations ol
        join locations l on l.id = ol.location_id
        join municipalities m on m.code = l.municipality_code
        """;

    // The oldest transaction still running (its rows may not be visible yet); and a fingerprint of the regional norms,
    // which are only ever added to, so their count and highest id change with every new version.
    private const string HorizonAndNorms = """
        pg_snapshot_xmin(pg_current_snapshot())::text::bigint,
        (select count(*) || ':' || coalesce(max(id), 0) from regional_norms)
        """;

    /// <summary>The horizon, the norms' fingerprint and the offerings changed by transactions at or after the last horizon (<c>$1</c>).</summary>
    public const string ChangesSql = $"""
        select {HorizonAndNorms},
               array(select id from offerings where search_xid >= $1
                     union select offering_id from search_removals where xid >= $1)
        """;

    // Free-text answers of PostgreSQL, kept until text could match differently: a new report changes no text, so the
    // same words typed by many parents are asked once. Bounded, and large answers are not kept.
    private const int MaxCachedTexts = 1_000;
    private const int MaxCachedMatches = 20_000;
    private readonly ConcurrentDictionary<string, (long Generation, TextMatches Matches)> _textMatches = new(StringComparer.Ordinal);
    private long _textGeneration;

    private readonly OfferingIndex _index = new();
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private long _refreshesStarted;
    private long _lastCompletedRefresh;
    private bool _loaded;
    private long _horizon;
    private string? _normsFingerprint;
    private NormResolver? _resolver;
    private IReadOnlyDictionary<string, IndexedCareType> _careTypes = new Dictionary<string, IndexedCareType>();

    /// <summary>The index as of a refresh that began after this call: every write committed before the call is in it.</summary>
    public async Task<SearchIndexSnapshot> GetFreshAsync(CancellationToken cancellationToken)
    {
        var arrival = Interlocked.Read(ref _refreshesStarted);
        await _refreshLock.WaitAsync(cancellationToken);
        try
        {
            // A refresh that began after this call arrived has completed while it waited: that one will do.
            if (_lastCompletedRefresh <= arrival)
            {
                var refresh = Interlocked.Increment(ref _refreshesStarted);
                await RefreshAsync(cancellationToken);
                _lastCompletedRefresh = refresh;
            }

            return new SearchIndexSnapshot(_index, _resolver!, _careTypes, Interlocked.Read(ref _textGeneration));
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    /// <summary>What <paramref name="text"/> matched, if asked since text last could match differently.</summary>
    public TextMatches? FindTextMatches(string text, long generation) =>
        _textMatches.TryGetValue(text, out var kept) && kept.Generation == generation ? kept.Matches : null;

    public void KeepTextMatches(string text, long generation, TextMatches matches)
    {
        if (matches.Count > MaxCachedMatches || generation != Interlocked.Read(ref _textGeneration))
        {
            return;
        }

        if (_textMatches.Count >= MaxCachedTexts)
        {
            _textMatches.Clear();
        }

        _textMatches[text] = (generation, matches);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ReadOnlyWijzerDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var connection = (NpgsqlConnection)db.Database.GetDbConnection();
            if (!_loaded)
            {
                await LoadAllAsync(db, connection, cancellationToken);
            }
            else
            {
                await ApplyChangesAsync(db, connection, cancellationToken);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Everything, from one snapshot; the horizon is that snapshot's.</summary>
    private async Task LoadAllAsync(WijzerDbContext db, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        long horizon;
        string normsFingerprint;
        await using (var command = new NpgsqlCommand($"select {HorizonAndNorms}", connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            horizon = reader.GetInt64(0);
            normsFingerprint = reader.GetString(1);
        }

        var offerings = await ReadOfferingsAsync(connection, null, cancellationToken);
        await LoadNormsAsync(db, normsFingerprint, cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        await db.Database.UseTransactionAsync(null, cancellationToken);

        _index.Apply(offerings, []);
        _horizon = horizon;
        _loaded = true;
        logger.LogInformation("Search index loaded: {Count} offerings in {Milliseconds:F0} ms",
            offerings.Count, TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
    }

    private async Task ApplyChangesAsync(WijzerDbContext db, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        long horizon;
        string normsFingerprint;
        Guid[] changed;
        await using (var command = new NpgsqlCommand(ChangesSql, connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = _horizon });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            horizon = reader.GetInt64(0);
            normsFingerprint = reader.GetString(1);
            changed = reader.GetFieldValue<Guid[]>(2);
        }

        if (changed.Length > 0)
        {
            // Read after the horizon was taken, so at least as new as it: what is not here is deleted.
            var current = await ReadOfferingsAsync(connection, changed, cancellationToken);
            var removed = changed.Except(current.Select(o => o.Id)).ToList();
            if (removed.Count > 0 || current.Any(o => _index.Find(o.Id) is not { } before || before.DiffersInTextFrom(o)))
            {
                Interlocked.Increment(ref _textGeneration);
                _textMatches.Clear();
            }

            _index.Apply(current, removed);
        }

        if (normsFingerprint != _normsFingerprint)
        {
            await LoadNormsAsync(db, normsFingerprint, cancellationToken);
        }

        _horizon = horizon;
    }

    private async Task LoadNormsAsync(WijzerDbContext db, string fingerprint, CancellationToken cancellationToken)
    {
        _resolver = await NormCatalog.LoadResolverAsync(db, cancellationToken);
        _careTypes = await db.CareTypes.AsNoTracking()
            .ToDictionaryAsync(c => c.Code, c => new IndexedCareType(new CareTypeProfile(c.Code, c.Sector, c.Setting), c.Name), StringComparer.Ordinal, cancellationToken);
        _normsFingerprint = fingerprint;
    }

    /// <summary>The offerings (all, or those with the given ids) with their contracts and locations, in three reads.</summary>
    private static async Task<List<IndexedOffering>> ReadOfferingsAsync(NpgsqlConnection connection, Guid[]? ids, CancellationToken cancellationToken)
    {
        // One string instance per distinct value: 100,000 offerings share a few hundred codes and names.
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string value) => strings.TryGetValue(value, out var shared) ? shared : strings[value] = value;

        var rows = new Dictionary<Guid, (IndexedOffering Offering, List<IndexedContract> Contracts, List<IndexedLocation> Locations)>();
        await using (var command = Filtered(OfferingColumns, "and o.id = any($1)"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var current = reader.IsDBNull(9) ? null : new CurrentFigures(
                    reader.GetBoolean(10),
                    NullableInt(reader, 11),
                    NullableInt(reader, 12),
                    NullableInt(reader, 13),
                    NullableInt(reader, 14),
                    NullableInt(reader, 15),
                    string.Equals(reader.GetString(16), "Retrospectief", StringComparison.OrdinalIgnoreCase)
                        ? AvailabilityReportRules.MethodRetrospectief : AvailabilityReportRules.MethodActueel,
                    reader.GetBoolean(17),
                    reader.GetBoolean(18),
                    reader.GetFieldValue<DateOnly>(19),
                    reader.GetFieldValue<DateTimeOffset>(20));
                var contracts = new List<IndexedContract>();
                var locations = new List<IndexedLocation>();
                var offering = new IndexedOffering(
                    reader.GetGuid(0),
                    reader.GetGuid(1),
                    Shared(reader.GetString(2)),
                    reader.GetString(3),
                    Shared(reader.GetString(4)),
                    reader.GetInt32(5),
                    reader.GetInt32(6),
                    reader.GetFieldValue<string[]>(7).Select(Shared).ToArray(),
                    locations,
                    contracts,
                    current)
                {
                    DescriptionHash = reader.GetInt32(8),
                };
                rows[offering.Id] = (offering, contracts, locations);
            }
        }

        await using (var command = Filtered(ContractColumns, "where c.offering_id = any($1)"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (rows.TryGetValue(reader.GetGuid(0), out var row))
                {
                    row.Contracts.Add(new IndexedContract(
                        Shared(reader.GetString(1)), reader.GetFieldValue<DateOnly>(2), reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3)));
                }
            }
        }

        await using (var command = Filtered(LocationColumns, "where ol.offering_id = any($1)"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (rows.TryGetValue(reader.GetGuid(0), out var row))
                {
                    row.Locations.Add(new IndexedLocation(
                        reader.GetString(1), Shared(reader.GetString(2)), Shared(reader.GetString(3)), reader.GetDouble(4), reader.GetDouble(5)));
                }
            }
        }

        // In one order, so an update that leaves the contracts as they were is seen to (and costs no list rebuild).
        foreach (var row in rows.Values)
        {
            row.Contracts.Sort((a, b) => string.CompareOrdinal(a.MunicipalityCode, b.MunicipalityCode) is var c and not 0 ? c
                : a.ValidFrom.CompareTo(b.ValidFrom) is var f and not 0 ? f
                : Nullable.Compare(a.ValidTo, b.ValidTo));
        }

        return rows.Values.Select(r => r.Offering).ToList();

        NpgsqlCommand Filtered(string sql, string filter)
        {
            if (ids is null)
            {
                return new NpgsqlCommand(sql, connection);
            }

            var command = new NpgsqlCommand($"{sql}\n{filter}", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = ids });
            return command;
        }
    }

    private static int? NullableInt(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
}
