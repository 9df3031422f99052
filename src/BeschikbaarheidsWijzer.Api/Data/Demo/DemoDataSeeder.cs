using System.Globalization;
using System.Text;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Domain.Contracts;
using BeschikbaarheidsWijzer.Domain.Weeks;
using Microsoft.EntityFrameworkCore;

namespace BeschikbaarheidsWijzer.Api.Data.Demo;

/// <summary>
/// Loads fictional providers, offerings, contracts and twelve weeks of availability reports into an empty database, so
/// the site has something to show. Deterministic: the same current week gives the same rows on every run.
/// </summary>
public static class DemoDataSeeder
{
    private const int Seed = 20261122;

    public static async Task<string> SeedAsync(WijzerDbContext db, TimeProvider clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clock);

        var now = clock.GetUtcNow();
        var today = IsoWeek.ToAmsterdamDate(now);

        // Reference rows are read untracked and only referred to by code, so nothing of them is written back.
        // Sorted in memory with ordinal comparison: the database collation must not change the random sequence.
        var municipalities = (await db.Municipalities.AsNoTracking().ToListAsync(cancellationToken))
            .Where(m => ContractValidity.IsOpenOn(m.ValidTo, today))
            .OrderBy(m => m.RegionCode, StringComparer.Ordinal)
            .ThenBy(m => m.Code, StringComparer.Ordinal)
            .ToList();
        var careTypes = (await db.CareTypes.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(c => c.SortOrder)
            .ThenBy(c => c.Code, StringComparer.Ordinal)
            .ToList();
        var tags = (await db.Tags.AsNoTracking().ToListAsync(cancellationToken))
            .OrderBy(t => t.SortOrder)
            .ThenBy(t => t.Code, StringComparer.Ordinal)
            .Select(t => t.Code)
            .ToList();
        var regionCodes = (await db.Regions.AsNoTracking().Select(r => r.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var hasRegionalNorms = await db.RegionalNorms.AnyAsync(cancellationToken);
        var hasAccess = await db.MunicipalityAccess.AnyAsync(cancellationToken);

        if (municipalities.Count == 0 || careTypes.Count == 0)
        {
            return "no demo data: reference data (municipalities, care types) is missing";
        }

        var demo = new Builder(new Random(Seed), now, today, municipalities, careTypes, tags).Build();
        var regionalNorms = hasRegionalNorms ? [] : BuildRegionalNorms(now, regionCodes, careTypes);
        var access = hasAccess ? [] : BuildAccess(now, municipalities);

        // The graph is complete before it is added, so change detection has nothing to find; skipping it keeps
        // AddRange and SaveChanges fast for a few thousand rows.
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            // All or nothing; a caller's own transaction (e.g. a test's) is joined instead.
            await using var transaction = db.Database.CurrentTransaction is null
                ? await db.Database.BeginTransactionAsync(cancellationToken)
                : null;
            db.Providers.AddRange(demo.Providers);
            db.RegionalNorms.AddRange(regionalNorms);
            db.MunicipalityAccess.AddRange(access);
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        // The context may live on in its scope; it should not keep thousands of demo rows tracked.
        db.ChangeTracker.Clear();

        var offerings = demo.Providers.SelectMany(p => p.Offerings).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"{demo.Providers.Count} providers, {demo.Providers.Sum(p => p.Locations.Count)} locations, {offerings.Count} offerings, " +
            $"{offerings.Sum(o => o.Contracts.Count)} contracts, {offerings.Sum(o => o.Reports.Count)} reports, {regionalNorms.Count} regional norms, " +
            $"{access.Count} municipalities' toegang");
    }

    /// <summary>
    /// A few regional maximum waits: one superseded version, versions in force and one that starts in the future, so
    /// every case of the norm lookup is visible.
    /// </summary>
    private static List<RegionalNorm> BuildRegionalNorms(DateTimeOffset now, HashSet<string> regionCodes, IReadOnlyList<CareType> careTypes)
    {
        var careTypeCodes = careTypes.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        (string Region, string CareType, int? Intake, int? Treatment, int? Total, DateOnly ValidFrom)[] versions =
        [
            ("achterhoek", "ambulante-begeleiding", null, null, 10, new DateOnly(2024, 1, 1)),
            ("achterhoek", "ambulante-begeleiding", null, null, 8, new DateOnly(2025, 1, 1)),
            ("twente", "jeugd-ggz-basis", 3, 6, 9, new DateOnly(2026, 1, 1)),
            ("twente", "jeugd-ggz-basis", 3, 5, 8, new DateOnly(2027, 1, 1)),
            ("midden-ijssel-oost-veluwe", "dagbehandeling", null, null, 8, new DateOnly(2025, 7, 1)),
        ];

        return versions
            .Where(v => regionCodes.Contains(v.Region) && careTypeCodes.Contains(v.CareType))
            .Select(v => new RegionalNorm
            {
                RegionCode = v.Region,
                CareTypeCode = v.CareType,
                MaxIntakeWeeks = v.Intake,
                MaxTreatmentWeeks = v.Treatment,
                MaxTotalWeeks = v.Total,
                ValidFrom = v.ValidFrom,
                RecordedAt = now,
            })
            .ToList();
    }

    /// <summary>
    /// Every municipality's toegang, under the names such teams go by; most report how long the first step takes, some do
    /// not. Fictional: "(demo)" in the name, an <c>.example</c> website and a phone number no line has (see the builder).
    /// A random source of its own, so the providers' data stays what it was.
    /// </summary>
    private static List<MunicipalityAccess> BuildAccess(DateTimeOffset now, IReadOnlyList<Municipality> municipalities)
    {
        var random = new Random(Seed + 1);
        string[] kinds = ["Sociaal Team {0}", "Jeugd- en gezinsteam {0}", "CJG {0}", "Wijkteam {0}", "Toegang Jeugd {0}"];
        return municipalities.Select(m =>
        {
            var name = string.Format(CultureInfo.InvariantCulture, kinds[random.Next(kinds.Length)], m.Name);
            var areaCode = DemoVocabulary.Municipalities.GetValueOrDefault(m.Code, DemoVocabulary.DefaultMunicipalityContact).AreaCode;
            var slug = Builder.Slug(name);
            int? wait = random.NextDouble() < 0.75 ? random.Next(0, 5) : null;
            return new MunicipalityAccess
            {
                MunicipalityCode = m.Code,
                Name = $"{name} (demo)",
                Phone = $"{areaCode}-0{string.Concat(Enumerable.Range(0, 10 - areaCode.Length - 1).Select(_ => (char)('0' + random.Next(10))))}",
                Email = random.NextDouble() < 0.7 ? $"jeugd@{slug}.example" : null,
                Website = $"https://{slug}.example",
                WaitWeeks = wait,
                WaitReportedAt = wait is null ? null : now.AddDays(-random.Next(1, 20)),
                UpdatedAt = now,
            };
        }).ToList();
    }

    private sealed record DemoData(List<Provider> Providers);

    /// <summary>What the report generator should do with one offering, chosen up front so the mix is guaranteed.</summary>
    private sealed class ReportPlan
    {
        /// <summary>Weeks before the current one of the latest report; null = the offering never reported.</summary>
        public int? LatestWeeksAgo { get; set; } = 0;

        /// <summary>Number of most recent reported weeks with an aanmeldstop.</summary>
        public int StopWeeks { get; set; }

        /// <summary>Weeks ago of the week with a corrected (second) report, if any.</summary>
        public int? CorrectionWeeksAgo { get; set; }
    }

    /// <summary>Builds the whole object graph in memory from one random source.</summary>
    private sealed class Builder(
        Random random,
        DateTimeOffset now,
        DateOnly today,
        IReadOnlyList<Municipality> municipalities,
        IReadOnlyList<CareType> careTypes,
        IReadOnlyList<string> tags)
    {
        private const int HistoryWeeks = 12;
        private const int MinOfferingsPerCareType = 5;
        private const double OptionalOfferingChance = 0.25;

        private readonly Dictionary<string, CareType> _careTypes = careTypes.ToDictionary(c => c.Code, StringComparer.Ordinal);
        private readonly HashSet<string> _tags = tags.ToHashSet(StringComparer.Ordinal);
        private readonly Dictionary<string, Municipality> _municipalities = municipalities.ToDictionary(m => m.Code, StringComparer.Ordinal);
        private readonly HashSet<string> _kvkNumbers = [];
        private readonly Dictionary<Offering, Provider> _providerOf = [];
        private readonly Dictionary<Provider, string> _regionOf = [];

        // Onboarded when their history starts, so the norm-compliance report expects (and counts) the whole history.
        private readonly DateTimeOffset _onboarded = IsoWeek.StartOfAmsterdamDay(IsoWeek.FromInstant(now).AddWeeks(-(HistoryWeeks - 1)).Monday);

        public DemoData Build()
        {
            var providers = new List<Provider>();
            var regions = municipalities.GroupBy(m => m.RegionCode, StringComparer.Ordinal).ToList();
            var names = Shuffled(DemoVocabulary.NameWords);
            var nameIndex = 0;

            foreach (var region in regions)
            {
                foreach (var archetype in DemoVocabulary.Archetypes)
                {
                    var word = names[nameIndex++ % names.Count];
                    var provider = CreateProvider(archetype, word, region.ToList());
                    _regionOf[provider] = region.Key;
                    foreach (var template in archetype.Offerings)
                    {
                        // Draw for every optional template, even if skipped later, so the sequence stays the same.
                        var include = !template.Optional || random.NextDouble() < OptionalOfferingChance;
                        if (include && _careTypes.ContainsKey(template.CareTypeCode))
                        {
                            AddOffering(provider, template);
                        }
                    }

                    providers.Add(provider);
                }
            }

            TopUpCareTypes(providers);

            var offerings = providers.SelectMany(p => p.Offerings).ToList();
            foreach (var offering in offerings)
            {
                AddContracts(offering);
            }

            AddEndedContracts(offerings);

            var plans = PlanReports(offerings);
            foreach (var offering in offerings)
            {
                AddReports(offering, plans[offering]);
            }

            return new DemoData(providers);
        }

        private Provider CreateProvider(ProviderArchetype archetype, string word, List<Municipality> regionMunicipalities)
        {
            var shortName = string.Format(CultureInfo.InvariantCulture, archetype.NameFormat, word);
            var slug = Slug(shortName);
            var provider = new Provider
            {
                Id = NewId(),
                Name = $"{shortName} (demo)",
                KvkNumber = NewKvkNumber(),
                AgbCode = random.NextDouble() < 0.7 ? Digits(8) : null,
                Website = $"https://{slug}.example",
                Email = $"{(random.NextDouble() < 0.5 ? "info" : "aanmelden")}@{slug}.example",
                Description = $"{archetype.Description} Dit is een verzonnen zorgaanbieder voor de demo.",
                CreatedAt = _onboarded,
                UpdatedAt = now,
            };

            var locationCount = 1 + (random.NextDouble() < 0.5 ? 1 : 0) + (random.NextDouble() < 0.15 ? 1 : 0);
            foreach (var municipality in Shuffled(regionMunicipalities).Take(locationCount))
            {
                provider.Locations.Add(CreateLocation(provider, shortName, municipality));
            }

            // The phone number belongs to the main (first) location's area.
            provider.Phone = PhoneNumber(provider.Locations[0].MunicipalityCode);
            return provider;
        }

        private Location CreateLocation(Provider provider, string shortName, Municipality municipality)
        {
            var contact = DemoVocabulary.Municipalities.GetValueOrDefault(municipality.Code, DemoVocabulary.DefaultMunicipalityContact);
            var postcodeDigits = contact.PostcodeBase + random.Next(contact.PostcodeSpan + 1);
            return new Location
            {
                Id = NewId(),
                ProviderId = provider.Id,
                Name = $"{shortName} {municipality.Name}",
                Street = $"{Pick(DemoVocabulary.Streets)} {random.Next(1, 180)}",
                Postcode = string.Create(CultureInfo.InvariantCulture, $"{postcodeDigits:D4} {PostcodeLetters()}"),
                City = municipality.Name,
                MunicipalityCode = municipality.Code,

                // Near the municipality's centroid but not on it, so locations in one town do not coincide.
                Latitude = Math.Round(municipality.Latitude + Jitter(0.02), 5),
                Longitude = Math.Round(municipality.Longitude + Jitter(0.02), 5),
            };
        }

        private void AddOffering(Provider provider, OfferingTemplate template)
        {
            var careType = _careTypes[template.CareTypeCode];
            var ageMin = Math.Clamp(template.AgeMin, 0, 27);
            var ageMax = Math.Clamp(template.AgeMax, ageMin, 27);
            var descriptions = DemoVocabulary.Descriptions.GetValueOrDefault(careType.Code, [DemoVocabulary.DefaultDescription]);
            var offering = new Offering
            {
                Id = NewId(),
                ProviderId = provider.Id,
                Title = template.Title,
                CareTypeCode = careType.Code,
                Description = $"{Pick(descriptions)} {AgeSentence(ageMin, ageMax)}",
                AgeMin = ageMin,
                AgeMax = ageMax,
                Tags = ChooseTags(careType.Code, template.Tags),
                ReferralInfo = DemoVocabulary.ReferralInfo.GetValueOrDefault(careType.Code, DemoVocabulary.DefaultReferralInfo),
                CreatedAt = _onboarded,
                UpdatedAt = now,
            };

            // Offered at one or two of the provider's locations.
            var locationCount = provider.Locations.Count > 1 && random.NextDouble() < 0.4 ? 2 : 1;
            offering.Locations.AddRange(Shuffled(provider.Locations).Take(locationCount));
            provider.Offerings.Add(offering);
            _providerOf[offering] = provider;
        }

        /// <summary>Every care type in the database gets enough offerings, also one the archetypes do not know.</summary>
        private void TopUpCareTypes(List<Provider> providers)
        {
            var next = 0;
            foreach (var careType in careTypes)
            {
                var count = providers.Sum(p => p.Offerings.Count(o => o.CareTypeCode == careType.Code));
                for (; count < MinOfferingsPerCareType; count++)
                {
                    var provider = providers[next];
                    next = (next + 7) % providers.Count;
                    var (ageMin, ageMax) = DemoVocabulary.DefaultAges.GetValueOrDefault(careType.Code, (0, 18));
                    AddOffering(provider, new OfferingTemplate(careType.Code, careType.Name, ageMin, ageMax));
                }
            }
        }

        private List<string> ChooseTags(string careTypeCode, string[]? preferred)
        {
            if (preferred is not null)
            {
                return preferred.Where(_tags.Contains).Distinct().ToList();
            }

            var fitting = DemoVocabulary.TagsByCareType.GetValueOrDefault(careTypeCode, [.. tags]).Where(_tags.Contains).ToList();

            // Mostly one or two tags; some offerings have none, a few three.
            var roll = random.NextDouble();
            var count = roll < 0.15 ? 0 : roll < 0.55 ? 1 : roll < 0.85 ? 2 : 3;
            return Shuffled(fitting).Take(count).OrderBy(t => t, StringComparer.Ordinal).ToList();
        }

        /// <summary>
        /// Contracted for most or all of the region's municipalities (always those of its own locations), sometimes also
        /// for the nearest municipalities just across a regional border.
        /// </summary>
        private void AddContracts(Offering offering)
        {
            var provider = _providerOf[offering];
            var regionCode = _regionOf[provider];
            var validFrom = new DateOnly(today.Year - random.Next(1, 4), 1, 1);
            var ownMunicipalities = offering.Locations.Select(l => l.MunicipalityCode).ToHashSet(StringComparer.Ordinal);

            var contracted = municipalities.Where(m => m.RegionCode == regionCode).Select(m => m.Code).ToList();
            if (random.NextDouble() < 0.3)
            {
                var dropCandidates = Shuffled(contracted.Where(c => !ownMunicipalities.Contains(c)).ToList());
                var dropCount = random.Next(1, 4);
                contracted.RemoveAll(c => dropCandidates.Take(dropCount).Contains(c));
            }

            foreach (var code in contracted)
            {
                offering.Contracts.Add(new Contract { OfferingId = offering.Id, MunicipalityCode = code, ValidFrom = validFrom });
            }

            var neighbours = DemoVocabulary.NeighbourRegions.GetValueOrDefault(regionCode, []);
            if (neighbours.Length > 0 && random.NextDouble() < 0.2)
            {
                // Cross-border contracts started later, in the middle of last year.
                var origin = _municipalities[offering.Locations[0].MunicipalityCode];
                var nearest = municipalities
                    .Where(m => neighbours.Contains(m.RegionCode))
                    .OrderBy(m => DistanceSquared(origin, m))
                    .ThenBy(m => m.Code, StringComparer.Ordinal)
                    .Take(random.Next(2, 5));
                foreach (var municipality in nearest)
                {
                    offering.Contracts.Add(new Contract
                    {
                        OfferingId = offering.Id,
                        MunicipalityCode = municipality.Code,
                        ValidFrom = new DateOnly(today.Year - 1, 7, 1),
                    });
                }
            }
        }

        /// <summary>
        /// Contracts that ended in the past: some municipalities did not renew (no valid contract today), others did
        /// (an old period followed by the current one), so "contract valid today" has something to tell apart.
        /// </summary>
        private void AddEndedContracts(List<Offering> offerings)
        {
            var order = Shuffled(offerings);

            // Not renewed: the offering was contracted here until the end of last year.
            foreach (var offering in order.Take(8))
            {
                var regionCode = _regionOf[_providerOf[offering]];
                var contracted = offering.Contracts.Select(c => c.MunicipalityCode).ToHashSet(StringComparer.Ordinal);
                var ended = municipalities.FirstOrDefault(m => m.RegionCode == regionCode && !contracted.Contains(m.Code))?.Code;
                if (ended is null)
                {
                    // Contracted everywhere: end one that is not the municipality of one of its own locations.
                    var own = offering.Locations.Select(l => l.MunicipalityCode).ToHashSet(StringComparer.Ordinal);
                    var current = offering.Contracts.LastOrDefault(c => c.ValidTo is null && !own.Contains(c.MunicipalityCode));
                    if (current is null)
                    {
                        continue;
                    }

                    offering.Contracts.Remove(current);
                    ended = current.MunicipalityCode;
                }

                offering.Contracts.Add(new Contract
                {
                    OfferingId = offering.Id,
                    MunicipalityCode = ended,
                    ValidFrom = new DateOnly(today.Year - 3, 1, 1),
                    ValidTo = new DateOnly(today.Year - 1, 12, 31),
                });
            }

            // Renewed: an earlier period that ended the day before the current contract started.
            foreach (var offering in order.Skip(8).Take(10))
            {
                var current = offering.Contracts[random.Next(offering.Contracts.Count)];
                offering.Contracts.Add(new Contract
                {
                    OfferingId = offering.Id,
                    MunicipalityCode = current.MunicipalityCode,
                    ValidFrom = current.ValidFrom.AddYears(-3),
                    ValidTo = current.ValidFrom.AddDays(-1),
                });
            }
        }

        /// <summary>Picks which offerings never reported, went stale, lag a week, have an aanmeldstop or a correction.</summary>
        private Dictionary<Offering, ReportPlan> PlanReports(List<Offering> offerings)
        {
            var plans = offerings.ToDictionary(o => o, _ => new ReportPlan());

            // Crisis care is always reachable and reports every week, so it is left out of the special cases.
            var candidates = Shuffled(offerings.Where(o => o.CareTypeCode != "crisishulp").ToList());
            var taken = new HashSet<Offering>();

            List<Offering> Take(int count, Func<Offering, bool>? prefer = null)
            {
                var preferred = prefer is null ? [] : candidates.Where(o => !taken.Contains(o) && prefer(o)).Take(count).ToList();
                var chosen = preferred.Concat(candidates.Where(o => !taken.Contains(o) && !preferred.Contains(o))).Take(count).ToList();
                taken.UnionWith(chosen);
                return chosen;
            }

            foreach (var offering in Take(2))
            {
                plans[offering].LatestWeeksAgo = null;
            }

            // Stale: the latest report is 3 to 8 weeks old, so well over the 14 days.
            var stale = Take(8);
            for (var i = 0; i < stale.Count; i++)
            {
                plans[stale[i]].LatestWeeksAgo = 3 + (i % 6);
            }

            // Last report a week ago: not current this week, but not stale either.
            foreach (var offering in Take(4))
            {
                plans[offering].LatestWeeksAgo = 1;
            }

            // An aanmeldstop mostly where waits are long anyway.
            string[] busyCareTypes =
            [
                "jeugd-ggz-specialistisch", "jeugd-ggz-basis", "ambulante-behandeling", "dagbehandeling",
                "verblijf-met-behandeling", "verblijf-zonder-behandeling", "kortdurend-verblijf", "dyslexiezorg",
            ];
            foreach (var offering in Take(10, o => busyCareTypes.Contains(o.CareTypeCode)))
            {
                plans[offering].StopWeeks = random.Next(1, 6);
            }

            // Corrections: one in the current week, the others spread over the history.
            var corrected = Take(5);
            for (var i = 0; i < corrected.Count; i++)
            {
                plans[corrected[i]].CorrectionWeeksAgo = i == 0 ? 0 : random.Next(1, HistoryWeeks - 1);
            }

            return plans;
        }

        /// <summary>
        /// Weekly reports from twelve weeks ago up to the plan's latest week. Waits follow a random walk around a target
        /// that drifts slowly, so figures change smoothly from week to week.
        /// </summary>
        private void AddReports(Offering offering, ReportPlan plan)
        {
            var careType = _careTypes[offering.CareTypeCode];
            var profile = DemoVocabulary.WaitProfiles.GetValueOrDefault(careType.Code, DemoVocabulary.DefaultWaitProfile);
            var isCrisis = careType.Code == "crisishulp";
            var matching = careType.MatchingDependent;

            // Fixed habits of this offering's provider.
            var method = random.NextDouble() < 0.12 ? MeasurementMethod.Retrospectief : MeasurementMethod.Actueel;
            var dayRoll = random.NextDouble();
            var habitDay = dayRoll < 0.55 ? 0 : dayRoll < 0.9 ? 1 : random.Next(2, 5);
            var habitHour = random.Next(8, 16);
            var phaseRoll = random.NextDouble();
            var treatmentUnknown = matching ? phaseRoll < 0.5 : isCrisis ? phaseRoll < 0.3 : phaseRoll < 0.08;
            var intakeUnknown = !isCrisis && !treatmentUnknown && phaseRoll > 0.97;
            var placesUnknown = !isCrisis && random.NextDouble() < 0.05;
            var bridging = !isCrisis && random.NextDouble() < (careType.Sector == "ggz" ? 0.45 : 0.25);

            var stop = plan.StopWeeks > 0;
            var intake = new Walk(random, profile.IntakeMin, profile.IntakeMax, stop);
            var treatment = new Walk(random, profile.TreatmentMin, profile.TreatmentMax, stop);
            var totalPlaces = RandomBetween(profile.PlacesMin, profile.PlacesMax);
            var inflow = Math.Max(1.0, totalPlaces * (0.1 + (0.25 * random.NextDouble())));

            if (plan.LatestWeeksAgo is not int latest)
            {
                return;
            }

            var currentWeek = IsoWeek.FromInstant(now);
            for (var weeksAgo = HistoryWeeks - 1; weeksAgo >= latest; weeksAgo--)
            {
                var week = currentWeek.AddWeeks(-weeksAgo);
                var progress = (HistoryWeeks - 1 - weeksAgo) / (double)(HistoryWeeks - 1);
                var intakeWeeks = isCrisis ? 0 : intake.Step(progress);
                var treatmentWeeks = isCrisis ? 0 : treatment.Step(progress);
                var stopped = weeksAgo - latest < plan.StopWeeks;

                if (random.NextDouble() < 0.05)
                {
                    totalPlaces = Math.Clamp(totalPlaces + random.Next(-2, 3), 0, 40);
                }

                // More room when the wait is short, now and then a place when it is long; none during an aanmeldstop.
                var freeShare = Math.Max(0.0, 0.2 - (0.05 * intakeWeeks));
                var freePlaces = stopped ? 0 : Math.Clamp((int)Math.Round((totalPlaces * freeShare) + Jitter(1.5) - 0.5), 0, totalPlaces);
                var waitlist = isCrisis
                    ? 0
                    : Math.Max(0, (int)Math.Round(intakeWeeks * inflow * (0.85 + (0.3 * random.NextDouble())) + Jitter(1)));

                if (random.NextDouble() < 0.05)
                {
                    bridging = !isCrisis && !bridging;
                }

                var report = new AvailabilityReport
                {
                    OfferingId = offering.Id,
                    WeekStart = week.Monday,
                    ReportedAt = ReportedAt(week, habitDay, habitHour),
                    AcceptingReferrals = !stopped,
                    WaitToIntakeWeeks = intakeUnknown ? null : intakeWeeks,
                    WaitToTreatmentWeeks = treatmentUnknown ? null : treatmentWeeks,
                    FreePlaces = placesUnknown ? null : freePlaces,
                    TotalPlaces = placesUnknown ? null : totalPlaces,
                    WaitlistCount = waitlist,
                    Method = method,
                    MatchingDependent = matching,
                    BridgingCareAvailable = bridging,
                    Note = ChooseNote(isCrisis, matching, stopped, weeksAgo == latest),
                };

                if (plan.CorrectionWeeksAgo == weeksAgo)
                {
                    AddCorrectedPair(offering, week, report);
                }
                else
                {
                    offering.Reports.Add(report);
                }
            }
        }

        /// <summary>
        /// A first report with wrong figures early in the week and the correct one two days later; both are stored and
        /// the later one is current.
        /// </summary>
        private void AddCorrectedPair(Offering offering, IsoWeek week, AvailabilityReport correct)
        {
            var weekStartUtc = ToUtc(week.Monday, 0, 0);
            var firstAt = Truncate(ToUtc(week.Monday.AddDays(random.Next(0, 2)), random.Next(8, 12), random.Next(60)));
            var secondAt = Truncate(ToUtc(week.Monday.AddDays(random.Next(2, 4)), random.Next(13, 17), random.Next(60)));
            if (secondAt > now)
            {
                secondAt = Truncate(now);
            }

            if (firstAt >= secondAt)
            {
                firstAt = Truncate(weekStartUtc + ((secondAt - weekStartUtc) / 2));
            }

            var wrongIntake = correct.WaitToIntakeWeeks is int intake ? Math.Min(104, intake + random.Next(3, 7)) : (int?)null;
            var first = new AvailabilityReport
            {
                OfferingId = correct.OfferingId,
                WeekStart = correct.WeekStart,
                ReportedAt = firstAt,
                AcceptingReferrals = correct.AcceptingReferrals,
                WaitToIntakeWeeks = wrongIntake,
                WaitToTreatmentWeeks = correct.WaitToTreatmentWeeks,
                FreePlaces = correct.FreePlaces is null ? null : 0,
                TotalPlaces = correct.TotalPlaces,
                WaitlistCount = correct.WaitlistCount,
                Method = correct.Method,
                MatchingDependent = correct.MatchingDependent,
                BridgingCareAvailable = correct.BridgingCareAvailable,
            };

            correct.ReportedAt = secondAt;
            correct.Note = DemoVocabulary.CorrectionNote;
            offering.Reports.Add(first);
            offering.Reports.Add(correct);
        }

        private string? ChooseNote(bool crisis, bool matching, bool stopped, bool latest)
        {
            if (stopped && latest)
            {
                return Pick(DemoVocabulary.StopNotes);
            }

            // Crisis care has no waiting list to comment on.
            if (random.NextDouble() >= 0.05 || crisis)
            {
                return null;
            }

            return matching && random.NextDouble() < 0.7 ? Pick(DemoVocabulary.MatchingNotes) : Pick(DemoVocabulary.GeneralNotes);
        }

        /// <summary>
        /// On the provider's usual day and hour (Amsterdam office hours). Never in the future: in the current week a
        /// report planned later than now is moved to a moment between the start of the week and now.
        /// </summary>
        private DateTimeOffset ReportedAt(IsoWeek week, int day, int hour)
        {
            hour = Math.Clamp(hour + random.Next(-1, 2), 8, 16);
            var minute = random.Next(60);

            // Drawn whether it is needed or not: the rest of the data must not depend on the time of day.
            var fraction = 0.4 + (0.5 * random.NextDouble());

            // Too late for now: the same hour on an earlier day of this week, or else some time since the week began.
            for (var d = day; d >= 0; d--)
            {
                var reportedAt = ToUtc(week.Monday.AddDays(d), hour, minute);
                if (reportedAt <= now)
                {
                    return Truncate(reportedAt);
                }
            }

            var weekStartUtc = ToUtc(week.Monday, 0, 0);
            return Truncate(weekStartUtc + ((now - weekStartUtc) * fraction));
        }

        private static DateTimeOffset ToUtc(DateOnly day, int hour, int minute)
        {
            var local = day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Unspecified);
            return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, IsoWeek.TimeZone), TimeSpan.Zero);
        }

        /// <summary>Whole seconds: PostgreSQL rounds to microseconds, which could otherwise put a time just after now.</summary>
        private static DateTimeOffset Truncate(DateTimeOffset instant) =>
            new(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);

        private static string AgeSentence(int ageMin, int ageMax)
        {
            var who = ageMax <= 13 ? "kinderen" : ageMin >= 12 ? "jongeren" : "kinderen en jongeren";
            return string.Create(CultureInfo.InvariantCulture, $"Voor {who} van {ageMin} tot en met {ageMax} jaar.");
        }

        private string PhoneNumber(string municipalityCode)
        {
            var areaCode = DemoVocabulary.Municipalities.GetValueOrDefault(municipalityCode, DemoVocabulary.DefaultMunicipalityContact).AreaCode;

            // Ten digits in all. The subscriber part starts with 0, which is never issued, so no real line is reached.
            return $"{areaCode}-0{Digits(10 - areaCode.Length - 1)}";
        }

        private string NewKvkNumber()
        {
            string number;
            do
            {
                number = random.Next(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
            }
            while (!_kvkNumbers.Add(number));

            return number;
        }

        private string PostcodeLetters()
        {
            // Letters used in Dutch postcodes; SA, SD and SS are not issued.
            const string letters = "ABCDEGHJKLMNPRSTVWXZ";
            string pair;
            do
            {
                pair = string.Concat(letters[random.Next(letters.Length)], letters[random.Next(letters.Length)]);
            }
            while (pair is "SA" or "SD" or "SS");

            return pair;
        }

        /// <summary>A version-4-shaped Guid from the seeded source, so ids are the same on every run.</summary>
        private Guid NewId()
        {
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
            bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
            return new Guid(bytes);
        }

        private string Digits(int count)
        {
            var builder = new StringBuilder(count);
            for (var i = 0; i < count; i++)
            {
                builder.Append((char)('0' + random.Next(10)));
            }

            return builder.ToString();
        }

        private int RandomBetween(int min, int max) => random.Next(min, max + 1);

        private double Jitter(double size) => (random.NextDouble() * 2 - 1) * size;

        private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

        /// <summary>Fisher–Yates on a copy; written out so the order does not depend on a framework implementation.</summary>
        private List<T> Shuffled<T>(IEnumerable<T> items)
        {
            var list = items.ToList();
            for (var i = list.Count - 1; i > 0; i--)
            {
                var j = random.Next(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }

            return list;
        }

        private static double DistanceSquared(Municipality a, Municipality b)
        {
            // Longitude degrees are about 0.62 of latitude degrees at 52°N; good enough to rank neighbours.
            var dLat = a.Latitude - b.Latitude;
            var dLon = (a.Longitude - b.Longitude) * 0.62;
            return (dLat * dLat) + (dLon * dLon);
        }

        public static string Slug(string name)
        {
            var builder = new StringBuilder(name.Length);
            foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    builder.Append(c);
                }
                else if ((c == ' ' || c == '-') && builder.Length > 0 && builder[^1] != '-')
                {
                    builder.Append('-');
                }
            }

            return builder.ToString().Trim('-');
        }
    }

    /// <summary>
    /// A wait in weeks that moves a little each week towards a target drifting from a start to an end value within the
    /// care type's range. With <c>high</c> the target ends above the range: waits that led to an aanmeldstop.
    /// </summary>
    private sealed class Walk
    {
        private readonly Random _random;
        private readonly double _start;
        private readonly double _end;
        private readonly double _noise;
        private double _value;

        public Walk(Random random, int min, int max, bool high)
        {
            _random = random;
            var span = max - min;
            _start = min + (random.NextDouble() * span);
            _end = high
                ? max + (random.NextDouble() * Math.Max(2, span / 2.0))
                : Math.Clamp(_start + ((random.NextDouble() - 0.5) * (span + 2)), Math.Max(0, min - 1), max + 1);
            _noise = span == 0 ? 0 : 0.4 + (0.06 * span);
            _value = _start;
        }

        public int Step(double progress)
        {
            var target = _start + ((_end - _start) * progress);
            _value += (0.45 * (target - _value)) + ((_random.NextDouble() - 0.5) * 2 * _noise);
            _value = Math.Clamp(_value, 0, 104);
            return (int)Math.Round(_value);
        }
    }
}
