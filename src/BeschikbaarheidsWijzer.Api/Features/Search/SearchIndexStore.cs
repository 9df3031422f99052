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
    // The read model is SQL of its own (Data/Sql/search_read_model.v*.sql): these views and function, read by column name.
    private const string OfferingsView = "search_offerings";
    private const string ContractsView = "search_contracts";
    private const string LocationsView = "search_locations";

    /// <summary>The columns of each view the index reads; a test holds them to the views and the views to the tables.</summary>
    public static IReadOnlyDictionary<string, string[]> ReadColumns { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [OfferingsView] =
        [
            "offering_id", "provider_id", "provider_name", "title", "care_type_code", "age_min", "age_max", "tags", "description_hash",
            "report_id", "accepting_referrals", "free_places", "total_places", "waitlist_count", "wait_to_intake_weeks",
            "wait_to_treatment_weeks", "method", "matching_dependent", "bridging_care_available", "week_start", "reported_at",
            "confirmed_unchanged", "figures_changed_at", "realised_wait_to_intake_weeks", "realised_wait_to_treatment_weeks", "reported_weeks_mask",
            "provider_phone", "provider_email",
        ],
        [ContractsView] = ["offering_id", "municipality_code", "valid_from", "valid_to"],
        [LocationsView] = ["offering_id", "name", "city", "municipality_code", "latitude", "longitude"],
    };

    /// <summary>
    /// The columns of the tables behind the views that search deliberately does not use, and why. A new column must be
    /// read by a view or listed here (a test says which): adding a field to an offering is a decision about search too.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> NotForSearch { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        // Shown on the offering's page, read there (OfferingParticulars); search_vector and search_xid serve PostgreSQL's
        // free-text match and the index's change tracking, not the index itself.
        ["offerings"] = ["referral_info", "created_at", "updated_at", "search_vector", "search_xid"],

        // The index reaches the current report through offerings.current_report_id; the note is for the region only.
        // Warnings are the region's to read (notable reports), not the public's.
        ["availability_reports"] = ["note", "api_key_id", "warnings"],
        ["contracts"] = ["id"],
        ["locations"] = ["provider_id", "street", "postcode", "created_at", "updated_at"],
    };

    /// <summary>The horizon, the norms' fingerprint and the offerings changed by transactions at or after the last horizon (<c>$1</c>).</summary>
    public const string ChangesSql = "select horizon, norms_fingerprint, changed from bw_search_changes($1)";

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
        // Asked for no changes (none can be this new): the horizon and the norms of this snapshot.
        await using (var command = new NpgsqlCommand(ChangesSql, connection, transaction) { Parameters = { new NpgsqlParameter { Value = long.MaxValue } } })
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
        await using (var command = Select(OfferingsView))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            var c = Ordinals(reader, OfferingsView);
            while (await reader.ReadAsync(cancellationToken))
            {
                var current = reader.IsDBNull(c["report_id"]) ? null : new CurrentFigures(
                    reader.GetBoolean(c["accepting_referrals"]),
                    NullableInt(reader, c["free_places"]),
                    NullableInt(reader, c["total_places"]),
                    NullableInt(reader, c["waitlist_count"]),
                    NullableInt(reader, c["wait_to_intake_weeks"]),
                    NullableInt(reader, c["wait_to_treatment_weeks"]),
                    string.Equals(reader.GetString(c["method"]), "Retrospectief", StringComparison.OrdinalIgnoreCase)
                        ? AvailabilityReportRules.MethodRetrospectief : AvailabilityReportRules.MethodActueel,
                    reader.GetBoolean(c["matching_dependent"]),
                    reader.GetBoolean(c["bridging_care_available"]),
                    reader.GetFieldValue<DateOnly>(c["week_start"]),
                    reader.GetFieldValue<DateTimeOffset>(c["reported_at"]),
                    reader.GetBoolean(c["confirmed_unchanged"]),
                    reader.GetFieldValue<DateTimeOffset>(c["figures_changed_at"]),
                    NullableInt(reader, c["realised_wait_to_intake_weeks"]),
                    NullableInt(reader, c["realised_wait_to_treatment_weeks"]));
                var contracts = new List<IndexedContract>();
                var locations = new List<IndexedLocation>();
                var offering = new IndexedOffering(
                    reader.GetGuid(c["offering_id"]),
                    reader.GetGuid(c["provider_id"]),
                    Shared(reader.GetString(c["provider_name"])),
                    reader.GetString(c["title"]),
                    Shared(reader.GetString(c["care_type_code"])),
                    reader.GetInt32(c["age_min"]),
                    reader.GetInt32(c["age_max"]),
                    reader.GetFieldValue<string[]>(c["tags"]).Select(Shared).ToArray(),
                    locations,
                    contracts,
                    current)
                {
                    DescriptionHash = reader.GetInt32(c["description_hash"]),
                    ProviderPhone = reader.IsDBNull(c["provider_phone"]) ? null : Shared(reader.GetString(c["provider_phone"])),
                    ProviderEmail = reader.IsDBNull(c["provider_email"]) ? null : Shared(reader.GetString(c["provider_email"])),
                    ReportedWeeks = current is null
                        ? ReportedWeeks.None
                        : new ReportedWeeks(current.WeekStart, unchecked((uint)reader.GetInt32(c["reported_weeks_mask"]))),
                };
                rows[offering.Id] = (offering, contracts, locations);
            }
        }

        await using (var command = Select(ContractsView))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            var c = Ordinals(reader, ContractsView);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (rows.TryGetValue(reader.GetGuid(c["offering_id"]), out var row))
                {
                    row.Contracts.Add(new IndexedContract(
                        Shared(reader.GetString(c["municipality_code"])),
                        reader.GetFieldValue<DateOnly>(c["valid_from"]),
                        reader.IsDBNull(c["valid_to"]) ? null : reader.GetFieldValue<DateOnly>(c["valid_to"])));
                }
            }
        }

        await using (var command = Select(LocationsView))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            var c = Ordinals(reader, LocationsView);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (rows.TryGetValue(reader.GetGuid(c["offering_id"]), out var row))
                {
                    row.Locations.Add(new IndexedLocation(
                        reader.GetString(c["name"]), Shared(reader.GetString(c["city"])), Shared(reader.GetString(c["municipality_code"])),
                        reader.GetDouble(c["latitude"]), reader.GetDouble(c["longitude"])));
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

        // The columns the index reads, by name, from one view; all of its rows, or those of the given offerings.
        NpgsqlCommand Select(string view)
        {
            var sql = $"select {string.Join(", ", ReadColumns[view])} from {view}";
            if (ids is null)
            {
                return new NpgsqlCommand(sql, connection);
            }

            var command = new NpgsqlCommand($"{sql} where offering_id = any($1)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = ids });
            return command;
        }
    }

    /// <summary>Each read column's position in this reader, looked up once per read rather than once per row.</summary>
    private static Dictionary<string, int> Ordinals(NpgsqlDataReader reader, string view) =>
        ReadColumns[view].ToDictionary(name => name, reader.GetOrdinal, StringComparer.Ordinal);

    private static int? NullableInt(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);
}
