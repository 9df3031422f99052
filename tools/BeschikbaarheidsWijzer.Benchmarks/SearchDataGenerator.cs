using System.Diagnostics;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Npgsql;
using NpgsqlTypes;

namespace BeschikbaarheidsWijzer.Benchmarks;

/// <summary>One municipality the generated offerings can be contracted in, and the search mix can ask for.</summary>
public sealed record BenchMunicipality(string Code, string RegionCode, double Lat, double Lon);

/// <summary>
/// Fills the benchmark database with a national-scale data set, deterministically: the 4 real regions plus 38
/// generated ones of 8 municipalities each (42 regions, as in the Netherlands; codes GM9001 and up, which CBS does not
/// use), providers of 4–16 offerings each in one region, every offering contracted for its region's municipalities
/// (some also for a second region's, a few contracts ended), 26 weekly reports per offering (most up to this week,
/// 15% stopped reporting 3–10 weeks ago, so they are stale). Rows go in with binary COPY; growing to a larger size adds
/// rows, so one database serves 1,000, then 10,000, then 100,000 offerings.
/// </summary>
public sealed class SearchDataGenerator(string connectionString, DateTimeOffset now)
{
    public const int WeeksOfHistory = 26;
    private const int GeneratedRegions = 38;
    private const int MunicipalitiesPerGeneratedRegion = 8;
    private const int FirstGeneratedMunicipality = 9001;
    private const int RandomSeed = 20261122;
    private const int KeptSampleIds = 20_000;

    private static readonly (int Min, int Max)[] AgeRanges = [(0, 4), (0, 12), (4, 12), (4, 18), (12, 18), (0, 18), (12, 23), (6, 18)];
    private static readonly string[] NamePrefixes = ["Jeugdhulp", "Zorggroep", "Stichting", "Praktijk", "Centrum", "Kindertherapie", "Gezinshuis", "Jeugdzorg", "Ortho", "Jeugd-GGZ"];
    private static readonly string[] NameCores =
        ["De Linde", "Het Kompas", "De Bron", "Horizon", "De Berkenhof", "Lindenhout", "De Waaier", "Het Anker", "De Kapstok", "Zonnebloem",
         "De Vlinder", "Het Baken", "De Meander", "Kwadrant", "De Eik", "Het Palet", "Veldzicht", "De Hoeve", "Samen Sterk", "Op Koers"];
    private static readonly string[] Places =
        ["Oost", "West", "Noord", "Zuid", "Centrum", "aan de IJssel", "aan de Rijn", "Veluwe", "Twente", "Achterhoek", "Betuwe", "Salland"];
    private static readonly string[] Sentences =
        ["Wij helpen kinderen en hun ouders thuis, op school en in de buurt.",
         "Een vaste begeleider werkt samen met het gezin aan duidelijke doelen.",
         "Wij werken met bewezen methoden en betrekken het netwerk van het kind.",
         "Na de intake maken we samen een plan; na zes weken kijken we of het werkt.",
         "Ook in de avond en het weekend bereikbaar voor ouders.",
         "Voor jongeren die vastlopen thuis of op school.",
         "Met aandacht voor broertjes en zusjes en voor de ouders zelf."];

    private readonly Random _random = new(RandomSeed);
    private readonly List<BenchMunicipality> _municipalities = [];
    private readonly Dictionary<string, List<BenchMunicipality>> _byRegion = [];
    private readonly List<Guid> _sampleOfferingIds = [];
    private string[] _careTypes = [];
    private string[] _tags = [];
    private long _nextReportId = 1;
    private int _providerCount;

    public int OfferingCount { get; private set; }
    public long ReportCount { get; private set; }
    public long ContractCount { get; private set; }
    public int ProviderCount => _providerCount;

    public IReadOnlyList<BenchMunicipality> Municipalities => _municipalities;
    public IReadOnlyList<string> CareTypes => _careTypes;
    public IReadOnlyList<string> Tags => _tags;
    public IReadOnlyList<string> ProviderNameCores => NameCores;

    /// <summary>Up to 20,000 ids of generated offerings, for the floor endpoint's primary-key reads.</summary>
    public IReadOnlyList<Guid> SampleOfferingIds => _sampleOfferingIds;

    /// <summary>Adds the 38 generated regions and their municipalities next to the real ones; reads the reference lists.</summary>
    public async Task AddGeographyAsync(CancellationToken cancellationToken)
    {
        var reference = ReferenceData.Load();
        _careTypes = [.. reference.CareTypes.Select(c => c.Code)];
        _tags = [.. reference.Tags];

        await using var connection = await OpenAsync(cancellationToken);
        var code = FirstGeneratedMunicipality;
        await using (var batch = new NpgsqlBatch(connection))
        {
            for (var r = 1; r <= GeneratedRegions; r++)
            {
                var regionCode = $"benchregio-{r:00}";
                batch.BatchCommands.Add(Command("insert into regions (code, name) values ($1, $2)", regionCode, $"Benchmarkregio {r:00}"));

                // Regions on a grid over the Netherlands; municipalities around their region's centre.
                var regionLat = 51.0 + (r - 1) / 7 * 0.42;
                var regionLon = 3.9 + (r - 1) % 7 * 0.45;
                for (var m = 0; m < MunicipalitiesPerGeneratedRegion; m++, code++)
                {
                    batch.BatchCommands.Add(Command(
                        "insert into municipalities (code, name, region_code, latitude, longitude, valid_from) values ($1, $2, $3, $4, $5, $6)",
                        $"GM{code}", $"Benchmarkgemeente {code}", regionCode, regionLat + m / 4 * 0.15, regionLon + m % 4 * 0.1, new DateOnly(2024, 1, 1)));
                }
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var read = new NpgsqlCommand("select code, region_code, latitude, longitude from municipalities order by code", connection);
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var municipality = new BenchMunicipality(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3));
            _municipalities.Add(municipality);
            (_byRegion.TryGetValue(municipality.RegionCode, out var list) ? list : _byRegion[municipality.RegionCode] = []).Add(municipality);
        }
    }

    /// <summary>Adds providers, locations, offerings, contracts and 26 weeks of reports until there are <paramref name="offeringCount"/> offerings.</summary>
    public async Task GrowToAsync(int offeringCount, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var batch = new GeneratedRows();
        while (OfferingCount + batch.Offerings.Count < offeringCount)
        {
            GenerateProvider(batch, offeringCount - OfferingCount - batch.Offerings.Count);
        }

        await using var connection = await OpenAsync(cancellationToken);
        await WriteAsync(connection, batch, cancellationToken);

        OfferingCount += batch.Offerings.Count;
        ReportCount += batch.Reports.Count;
        ContractCount += batch.Contracts.Count;
        Console.WriteLine($"Generated {batch.Offerings.Count:N0} offerings ({batch.Providers.Count:N0} providers, {batch.Contracts.Count:N0} contracts, " +
                          $"{batch.Reports.Count:N0} reports) in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s; now {OfferingCount:N0} offerings, " +
                          $"{ReportCount:N0} reports in {_byRegion.Count} regions, {_municipalities.Count} municipalities");
    }

    private void GenerateProvider(GeneratedRows rows, int remaining)
    {
        var regionCode = _byRegion.Keys.ElementAt(_random.Next(_byRegion.Count));
        var region = _byRegion[regionCode];
        var providerId = Guid.CreateVersion7();
        _providerCount++;
        var name = $"{Pick(NamePrefixes)} {Pick(NameCores)} {Pick(Places)}";
        rows.Providers.Add(new ProviderRow(providerId, name, $"{10_000_000 + _providerCount}", regionCode));

        var locations = new List<Guid>();
        for (var l = 0; l < _random.Next(1, 4); l++)
        {
            var municipality = region[_random.Next(region.Count)];
            var locationId = Guid.CreateVersion7();
            locations.Add(locationId);
            rows.Locations.Add(new LocationRow(locationId, providerId, $"{name} locatie {l + 1}", municipality.Code,
                municipality.Lat + (_random.NextDouble() - 0.5) * 0.08, municipality.Lon + (_random.NextDouble() - 0.5) * 0.08));
        }

        var offerings = Math.Min(remaining, _random.Next(4, 17));
        for (var o = 0; o < offerings; o++)
        {
            GenerateOffering(rows, providerId, name, regionCode, locations);
        }
    }

    private void GenerateOffering(GeneratedRows rows, Guid providerId, string providerName, string regionCode, List<Guid> locations)
    {
        var id = Guid.CreateVersion7();
        var careType = Pick(_careTypes);
        var ages = Pick(AgeRanges);
        var tags = _tags.OrderBy(_ => _random.Next()).Take(_random.Next(0, 4)).Order(StringComparer.Ordinal).ToArray();
        var title = tags.Length > 0 ? $"{Capitalize(careType.Replace('-', ' '))} bij {tags[0]}" : $"{Capitalize(careType.Replace('-', ' '))} {Pick(Places)}";
        var description = string.Join(' ', Enumerable.Range(0, 3).Select(_ => Pick(Sentences))) +
                          (tags.Length > 0 ? $" Ervaring met {string.Join(", ", tags)}." : "");
        rows.Offerings.Add(new OfferingRow(id, providerId, title, careType, description, ages.Min, ages.Max, tags));
        if (_sampleOfferingIds.Count < KeptSampleIds)
        {
            _sampleOfferingIds.Add(id);
        }

        foreach (var locationId in locations.OrderBy(_ => _random.Next()).Take(_random.Next(1, Math.Min(2, locations.Count) + 1)))
        {
            rows.OfferingLocations.Add((id, locationId));
        }

        // The contract: the provider's region, sometimes a neighbouring one too; a few contracts have ended.
        var contracted = new List<BenchMunicipality>(_byRegion[regionCode]);
        if (_random.Next(100) < 15)
        {
            contracted.AddRange(_byRegion.Values.ElementAt(_random.Next(_byRegion.Count)).Where(m => m.RegionCode != regionCode));
        }

        foreach (var municipality in contracted)
        {
            var ended = _random.Next(100) < 3;
            rows.Contracts.Add(new ContractRow(id, municipality.Code, new DateOnly(2025, 1, 1), ended ? new DateOnly(2026, 6, 30) : null));
        }

        GenerateReports(rows, id);
    }

    /// <summary>26 weekly reports; the figures drift from week to week the way a real waiting list does.</summary>
    private void GenerateReports(GeneratedRows rows, Guid offeringId)
    {
        var thisWeek = IsoWeek.FromInstant(now);
        var lastWeekOffset = _random.Next(100) < 15 ? _random.Next(3, 11) : _random.Next(100) < 70 ? 0 : 1;
        var intake = _random.Next(0, 13);
        int? treatment = _random.Next(100) < 10 ? null : _random.Next(0, 21);
        var totalPlaces = _random.Next(5, 61);
        var accepting = _random.Next(100) >= 15;
        var bridging = _random.Next(100) < 30;
        var method = _random.Next(100) < 80 ? "Actueel" : "Retrospectief";
        for (var w = WeeksOfHistory - 1; w >= 0; w--)
        {
            var week = thisWeek.AddWeeks(-(lastWeekOffset + w));
            var reportedAt = new DateTimeOffset(week.Monday.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero)
                .AddMinutes(_random.Next(0, 4 * 24 * 60));
            if (reportedAt > now)
            {
                reportedAt = now.AddMinutes(-_random.Next(1, 120));
            }

            intake = Math.Clamp(intake + _random.Next(-1, 2), 0, 52);
            treatment = treatment is { } t ? Math.Clamp(t + _random.Next(-1, 2), 0, 52) : null;
            var free = _random.Next(100) < 40 ? 0 : _random.Next(0, Math.Min(totalPlaces, 6) + 1);
            if (_random.Next(100) < 5)
            {
                accepting = !accepting;
            }

            rows.Reports.Add(new ReportRow(_nextReportId++, offeringId, week.Monday, reportedAt, accepting, intake, treatment, free, totalPlaces,
                _random.Next(0, 81), method, bridging));
        }

    }

    private static async Task WriteAsync(NpgsqlConnection connection, GeneratedRows rows, CancellationToken cancellationToken)
    {
        var createdAt = DateTimeOffset.UtcNow;
        await using (var copy = await connection.BeginBinaryImportAsync(
                         "copy providers (id, name, kvk_number, region_codes, created_at, updated_at) from stdin (format binary)", cancellationToken))
        {
            foreach (var p in rows.Providers)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(p.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(p.Name, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(p.Kvk, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(new[] { p.RegionCode }, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(createdAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(createdAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
                         "copy locations (id, provider_id, name, city, municipality_code, latitude, longitude) from stdin (format binary)", cancellationToken))
        {
            foreach (var l in rows.Locations)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(l.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(l.ProviderId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(l.Name, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync($"Plaats {l.MunicipalityCode}", NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(l.MunicipalityCode, NpgsqlDbType.Char, cancellationToken);
                await copy.WriteAsync(l.Lat, NpgsqlDbType.Double, cancellationToken);
                await copy.WriteAsync(l.Lon, NpgsqlDbType.Double, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
                         "copy offerings (id, provider_id, title, care_type_code, description, age_min, age_max, tags, referral_info, created_at, updated_at) " +
                         "from stdin (format binary)", cancellationToken))
        {
            foreach (var o in rows.Offerings)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(o.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(o.ProviderId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(o.Title, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(o.CareType, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(o.Description, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(o.AgeMin, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(o.AgeMax, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(o.Tags, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync("Aanmelden via het wijkteam, de huisarts of de jeugdarts.", NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(createdAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(createdAt, NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
                         "copy offering_locations (offering_id, location_id) from stdin (format binary)", cancellationToken))
        {
            foreach (var (offeringId, locationId) in rows.OfferingLocations)
            {
                await copy.WriteRowAsync(cancellationToken, offeringId, locationId);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
                         "copy contracts (offering_id, municipality_code, valid_from, valid_to) from stdin (format binary)", cancellationToken))
        {
            foreach (var c in rows.Contracts)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(c.OfferingId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(c.MunicipalityCode, NpgsqlDbType.Char, cancellationToken);
                await copy.WriteAsync(c.ValidFrom, NpgsqlDbType.Date, cancellationToken);
                if (c.ValidTo is { } validTo)
                {
                    await copy.WriteAsync(validTo, NpgsqlDbType.Date, cancellationToken);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken);
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
                         "copy availability_reports (id, offering_id, week_start, reported_at, accepting_referrals, wait_to_intake_weeks, " +
                         "wait_to_treatment_weeks, free_places, total_places, waitlist_count, method, matching_dependent, bridging_care_available) " +
                         "from stdin (format binary)", cancellationToken))
        {
            foreach (var r in rows.Reports)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(r.Id, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(r.OfferingId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(r.WeekStart, NpgsqlDbType.Date, cancellationToken);
                await copy.WriteAsync(r.ReportedAt, NpgsqlDbType.TimestampTz, cancellationToken);
                await copy.WriteAsync(r.Accepting, NpgsqlDbType.Boolean, cancellationToken);
                await copy.WriteAsync(r.Intake, NpgsqlDbType.Integer, cancellationToken);
                if (r.Treatment is { } treatment)
                {
                    await copy.WriteAsync(treatment, NpgsqlDbType.Integer, cancellationToken);
                }
                else
                {
                    await copy.WriteNullAsync(cancellationToken);
                }

                await copy.WriteAsync(r.FreePlaces, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(r.TotalPlaces, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(r.Waitlist, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(r.Method, NpgsqlDbType.Varchar, cancellationToken);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
                await copy.WriteAsync(r.Bridging, NpgsqlDbType.Boolean, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        // The app's own sequence must continue after the ids given here. (Each offering already points at its latest report:
        // the reports' insert trigger set it when the COPY ended.)
        await using (var sequence = new NpgsqlCommand(
                         "select setval(pg_get_serial_sequence('availability_reports', 'id'), (select max(id) from availability_reports))", connection))
        {
            await sequence.ExecuteNonQueryAsync(cancellationToken);
        }

        // As after any bulk load: fresh statistics for the planner, and a visibility map for index-only scans.
        await using var vacuum = new NpgsqlCommand(
            "vacuum (analyze) providers, locations, offerings, offering_locations, contracts, availability_reports, municipalities, regions", connection);
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        // A bulk load of 100,000 offerings runs statements (and their triggers) far longer than the default 30 s allows.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 1800 }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private T Pick<T>(IReadOnlyList<T> values) => values[_random.Next(values.Count)];

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private sealed class GeneratedRows
    {
        public List<ProviderRow> Providers { get; } = [];
        public List<LocationRow> Locations { get; } = [];
        public List<OfferingRow> Offerings { get; } = [];
        public List<(Guid OfferingId, Guid LocationId)> OfferingLocations { get; } = [];
        public List<ContractRow> Contracts { get; } = [];
        public List<ReportRow> Reports { get; } = [];
    }

    private sealed record ProviderRow(Guid Id, string Name, string Kvk, string RegionCode);

    private sealed record LocationRow(Guid Id, Guid ProviderId, string Name, string MunicipalityCode, double Lat, double Lon);

    private sealed record OfferingRow(Guid Id, Guid ProviderId, string Title, string CareType, string Description, int AgeMin, int AgeMax, string[] Tags);

    private sealed record ContractRow(Guid OfferingId, string MunicipalityCode, DateOnly ValidFrom, DateOnly? ValidTo);

    private sealed record ReportRow(long Id, Guid OfferingId, DateOnly WeekStart, DateTimeOffset ReportedAt, bool Accepting, int Intake, int? Treatment,
        int FreePlaces, int TotalPlaces, int Waitlist, string Method, bool Bridging);
}
