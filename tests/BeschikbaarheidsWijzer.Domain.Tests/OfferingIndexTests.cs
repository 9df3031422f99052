using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Search;

namespace BeschikbaarheidsWijzer.Domain.Tests;

/// <summary>The in-memory search on hand-built offerings whose expected results can be read off the arrangement.</summary>
public class OfferingIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 18, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly LongAgo = new(2025, 1, 1);
    private static readonly EffectiveNorm Ggz = new("ggz", NormSource.Treeknorm, new WaitNorm(4, 10, 14), "Treeknorm ggz", null);

    private static readonly SearchContext Context = new(Now, 14, new Dictionary<string, EffectiveNorm?> { ["ggz"] = Ggz, ["pleegzorg"] = null });

    // Doetinchem GM0222 and Winterswijk GM0294.
    private static readonly IndexedLocation Doetinchem = new("Doetinchem", "Doetinchem", "GM0222", 51.965, 6.289);
    private static readonly IndexedLocation Winterswijk = new("Winterswijk", "Winterswijk", "GM0294", 51.972, 6.720);

    private static int _next;

    private static CurrentFigures Figures(int? intake, int? treatment, bool accepting = true, int? free = 1, int daysOld = 1) =>
        new(accepting, free, 10, 3, intake, treatment, "actueel", false, false, new DateOnly(2026, 11, 16), Now.AddDays(-daysOld));

    private static IndexedOffering Offering(
        string provider = "Aanbieder",
        string careType = "ggz",
        CurrentFigures? figures = null,
        string[]? municipalities = null,
        DateOnly? contractEnds = null,
        int ageMin = 0,
        int ageMax = 18,
        string[]? tags = null,
        IndexedLocation[]? locations = null,
        string? title = null)
    {
        var n = Interlocked.Increment(ref _next);
        return new IndexedOffering(
            new Guid($"00000000-0000-0000-0000-{n:000000000000}"),
            new Guid($"11111111-0000-0000-0000-{provider.GetHashCode() & 0xffff:000000000000}"),
            provider,
            title ?? $"Aanbod {n:000}",
            careType,
            ageMin,
            ageMax,
            tags ?? [],
            locations ?? [Doetinchem],
            (municipalities ?? ["GM0222"]).Select(m => new IndexedContract(m, LongAgo, contractEnds)).ToArray(),
            figures);
    }

    private static OfferingIndex IndexOf(params IndexedOffering[] offerings)
    {
        var index = new OfferingIndex();
        foreach (var offering in offerings)
        {
            index.Upsert(offering);
        }

        return index;
    }

    private static SearchCriteria In(string municipality) => new() { MunicipalityCode = municipality, PageSize = 100 };

    private static List<Guid> Ids(SearchOutcome outcome) => outcome.Page.Select(m => m.Offering.Id).ToList();

    [Fact]
    public void A_municipality_shows_only_offerings_with_a_contract_valid_today()
    {
        var here = Offering();
        var elsewhere = Offering(municipalities: ["GM0294"]);
        var ended = Offering(contractEnds: new DateOnly(2026, 11, 17));
        var endsToday = Offering(contractEnds: new DateOnly(2026, 11, 18));
        var index = IndexOf(here, elsewhere, ended, endsToday);

        var outcome = index.Search(In("GM0222"), Context);

        Assert.Equal([here.Id, endsToday.Id], Ids(outcome).Order());
        Assert.Equal(2, outcome.Total);
    }

    [Fact]
    public void Norm_status_stale_and_available_now_follow_the_domain_rules()
    {
        var within = Offering(figures: Figures(3, 5));
        var exceeded = Offering(figures: Figures(5, 5));          // intake 5 > 4
        var unknown = Offering(figures: null);
        var stale = Offering(figures: Figures(0, 0, daysOld: 15)); // older than 14 days: not available now
        var noPlaceButNoWait = Offering(figures: Figures(0, 3, free: 0));
        var placesNotReportedNoWait = Offering(figures: Figures(0, 3, free: null));
        var intakeOnly = Offering(figures: Figures(3, null));
        var index = IndexOf(within, exceeded, unknown, stale, noPlaceButNoWait, placesNotReportedNoWait, intakeOnly);

        var matches = index.Search(In("GM0222"), Context).Page.ToDictionary(m => m.Offering.Id);

        Assert.Equal(NormStatus.Within, matches[within.Id].NormStatus);
        Assert.Equal(NormStatus.Exceeded, matches[exceeded.Id].NormStatus);
        Assert.Equal(NormStatus.Unknown, matches[unknown.Id].NormStatus);
        Assert.True(matches[stale.Id].Stale);
        Assert.False(matches[stale.Id].AvailableNow);
        Assert.False(matches[noPlaceButNoWait.Id].AvailableNow);   // 0 free places is never "nu plek"
        Assert.True(matches[placesNotReportedNoWait.Id].AvailableNow);
        Assert.True(matches[within.Id].AvailableNow);
        Assert.False(matches[unknown.Id].AvailableNow);
        Assert.Equal(NormStatus.Partial, matches[intakeOnly.Id].NormStatus);
        Assert.Equal(
            [PhaseStatus.Within, PhaseStatus.Unknown, PhaseStatus.Unknown],
            matches[intakeOnly.Id].Verdict.Phases.Select(p => p.Status));
    }

    [Fact]
    public void A_care_types_facet_count_is_the_total_that_asking_for_that_care_type_gives_whatever_the_figures()
    {
        // Facets of care types not asked for are judged from the packed figures; asking for one judges the offerings
        // themselves. Edge cases included: no figures, null weeks, weeks too large to pack, reports on both sides of the
        // stale moment down to the tick, and within the very second it falls in.
        var staleMoment = Now - TimeSpan.FromDays(14);
        var random = new Random(7);
        var careTypes = new[] { "ggz", "pleegzorg", "dyslexie" };
        var offerings = new List<IndexedOffering>();
        DateTimeOffset[] reportedAt =
        [
            staleMoment, staleMoment.AddTicks(-1), staleMoment.AddTicks(1), staleMoment.AddSeconds(-1), staleMoment.AddSeconds(1),
            staleMoment.AddMilliseconds(-400), staleMoment.AddMilliseconds(400), Now.AddDays(-1), Now.AddDays(-30),
        ];
        int?[] weeks = [null, 0, 1, 3, 4, 5, 9, 10, 14, 30, 4095, 4096, 9999];
        foreach (var careType in careTypes)
        {
            for (var i = 0; i < 300; i++)
            {
                var figures = i % 17 == 0 ? null : new CurrentFigures(
                    random.Next(4) != 0, random.Next(3) switch { 0 => null, 1 => 0, _ => random.Next(1, 5) }, 10, null,
                    weeks[random.Next(weeks.Length)], weeks[random.Next(weeks.Length)], "actueel", false, false,
                    new DateOnly(2026, 11, 16), reportedAt[random.Next(reportedAt.Length)]);
                offerings.Add(Offering(careType: careType, figures: figures));
            }
        }

        var index = IndexOf([.. offerings]);
        var context = Context with { Norms = new Dictionary<string, EffectiveNorm?> { ["ggz"] = Ggz, ["pleegzorg"] = null, ["dyslexie"] = Ggz } };
        SearchCriteria[] filters =
        [
            In("GM0222") with { AvailableNow = true },
            In("GM0222") with { MaxWaitWeeks = 10 },
            In("GM0222") with { WithinNorm = true },
            In("GM0222") with { MaxWaitWeeks = 14, WithinNorm = true },
            In("GM0222") with { AvailableNow = true, WithinNorm = true },
        ];
        var totals = new List<int>();
        foreach (var filter in filters)
        {
            foreach (var asked in careTypes)
            {
                var outcome = index.Search(filter with { CareTypes = [asked] }, context);
                foreach (var other in careTypes)
                {
                    var alone = index.Search(filter with { CareTypes = [other] }, context);
                    var counted = outcome.CareTypes.SingleOrDefault(c => c.Code == other)?.Count ?? 0;
                    Assert.True(alone.Total == counted, $"{filter}, asked {asked}: facet {other} = {counted}, but asking for it gives {alone.Total}");
                    totals.Add(alone.Total);
                }
            }
        }

        // The filters kept some and dropped some: the comparison was not of empty or full lists only.
        Assert.True(totals.Count(t => t is > 0 and < 300) >= 20, string.Join(", ", totals));
    }

    [Fact]
    public void Facets_count_with_every_other_filter_but_not_their_own()
    {
        var ggzWithin = Offering(figures: Figures(1, 1));
        var ggzExceeded = Offering(figures: Figures(9, 1));
        var pleegzorgUnknown = Offering(careType: "pleegzorg", figures: Figures(1, 1)); // no norm for pleegzorg here
        var tooYoung = Offering(ageMin: 12, figures: Figures(1, 1));
        var index = IndexOf(ggzWithin, ggzExceeded, pleegzorgUnknown, tooYoung);

        var outcome = index.Search(In("GM0222") with { CareTypes = ["ggz"], WithinNorm = true, Age = 8 }, Context);

        Assert.Equal([ggzWithin.Id], Ids(outcome));
        Assert.Equal(1, outcome.Total);

        // Care types: within norm applies (pleegzorg is unknown, so it is not counted), the care type filter does not.
        Assert.Equal([new FacetCount("ggz", 1)], outcome.CareTypes);

        // Norm statuses: the care type filter applies, within norm does not; the age filter applies to both.
        Assert.Equal(new NormStatusCounts(1, 0, 1, 0), outcome.NormStatuses);
    }

    [Fact]
    public void Sort_by_wait_puts_the_shortest_effective_wait_first_and_unknown_last()
    {
        var total8 = Offering(provider: "B", figures: Figures(3, 5));
        var intakeOnly2 = Offering(provider: "C", figures: Figures(2, null)); // effective wait = intake
        var unknown = Offering(provider: "A", figures: null);
        var total8ByA = Offering(provider: "A", figures: Figures(4, 4));     // ties with total8: provider A first
        var index = IndexOf(total8, intakeOnly2, unknown, total8ByA);

        Assert.Equal([intakeOnly2.Id, total8ByA.Id, total8.Id, unknown.Id], Ids(index.Search(In("GM0222"), Context)));
    }

    [Fact]
    public void Sort_by_distance_uses_the_nearest_location_and_puts_offerings_without_one_last()
    {
        var inWinterswijk = Offering(locations: [Winterswijk]);
        var inBoth = Offering(locations: [Doetinchem, Winterswijk]);
        var nowhere = Offering(locations: []);
        var index = IndexOf(nowhere, inBoth, inWinterswijk);

        var outcome = index.Search(In("GM0222") with { Sort = SearchSort.Distance, ReferencePoint = (51.97, 6.72) }, Context);

        Assert.Equal([inWinterswijk.Id, inBoth.Id, nowhere.Id], Ids(outcome));
        Assert.Equal("Winterswijk", outcome.Page[1].Nearest!.City);
        Assert.True(outcome.Page[1].DistanceKm < 1);
        Assert.Null(outcome.Page[2].DistanceKm);
    }

    [Fact]
    public void Sort_by_name_ignores_case_and_by_update_puts_the_newest_first_and_no_report_last()
    {
        var zeta = Offering(provider: "zeta", figures: Figures(1, 1, daysOld: 1));
        var alpha = Offering(provider: "Alpha", figures: Figures(1, 1, daysOld: 3));
        var beta = Offering(provider: "beta", figures: null);
        var index = IndexOf(zeta, alpha, beta);

        Assert.Equal([alpha.Id, beta.Id, zeta.Id], Ids(index.Search(In("GM0222") with { Sort = SearchSort.Name }, Context)));
        Assert.Equal([zeta.Id, alpha.Id, beta.Id], Ids(index.Search(In("GM0222") with { Sort = SearchSort.Updated }, Context)));
    }

    [Fact]
    public void Derived_filters_available_now_and_max_wait()
    {
        var short2 = Offering(figures: Figures(1, 1));
        var long20 = Offering(figures: Figures(10, 10, free: 0));
        var closed = Offering(figures: Figures(1, 1, accepting: false));
        var unknownWait = Offering(figures: Figures(null, null, free: 0));
        var index = IndexOf(short2, long20, closed, unknownWait);

        Assert.Equal([short2.Id], Ids(index.Search(In("GM0222") with { AvailableNow = true }, Context)));
        Assert.Equal([short2.Id, closed.Id], Ids(index.Search(In("GM0222") with { MaxWaitWeeks = 2 }, Context)).Order());
    }

    [Fact]
    public void Topics_match_any_of_them_and_the_text_match_is_applied()
    {
        var both = Offering(tags: ["autisme", "adhd"]);
        var one = Offering(tags: ["autisme"]);
        var angst = Offering(tags: ["angst"]);
        var none = Offering();
        var index = IndexOf(both, one, angst, none);

        Assert.Equal([both.Id, one.Id], Ids(index.Search(In("GM0222") with { Tags = ["autisme", "adhd"] }, Context)).Order());
        Assert.Equal([both.Id, angst.Id], Ids(index.Search(In("GM0222") with { Tags = ["angst", "adhd"] }, Context)).Order());
        Assert.Equal([angst.Id], Ids(index.Search(In("GM0222") with { Tags = ["angst", "geen-aanbod-heeft-dit"] }, Context)));
        Assert.Equal([one.Id], Ids(index.Search(In("GM0222"), Context with { TextMatch = (id, _) => id == one.Id })));
    }

    [Fact]
    public void Tags_past_the_sixty_fourth_word_and_tags_no_offering_has_still_filter_exactly()
    {
        var words = Enumerable.Range(0, 70).Select(i => $"woord{i:00}").ToArray();
        var everyWord = Offering(tags: words);
        var lastWordOnly = Offering(tags: [words[69]]);
        var firstWordOnly = Offering(tags: [words[0]]);
        var index = IndexOf(everyWord, lastWordOnly, firstWordOnly);

        Assert.Equal([everyWord.Id, lastWordOnly.Id], Ids(index.Search(In("GM0222") with { Tags = [words[69]] }, Context)).Order());
        Assert.Equal([everyWord.Id, firstWordOnly.Id], Ids(index.Search(In("GM0222") with { Tags = [words[0], words[68]] }, Context)).Order());
        Assert.Equal([everyWord.Id, lastWordOnly.Id], Ids(index.Search(In("GM0222") with { Tags = [words[68], words[69]] }, Context)).Order());
        var none = index.Search(In("GM0222") with { Tags = ["geen-aanbod-heeft-dit"] }, Context);
        Assert.Empty(none.Page);
        Assert.Empty(none.CareTypes);
        Assert.Equal(new NormStatusCounts(0, 0, 0, 0), none.NormStatuses);

        // The topic facet counts past the 64th word too.
        var facets = index.Search(In("GM0222"), Context).Tags.ToDictionary(t => t.Code, t => t.Count);
        Assert.Equal(2, facets[words[69]]);
        Assert.Equal(2, facets[words[0]]);
        Assert.Equal(1, facets[words[68]]);
    }

    [Fact]
    public void The_topic_facet_counts_each_topic_with_every_filter_but_the_topics()
    {
        var anxiousWithin = Offering(tags: ["angst"], figures: Figures(1, 1));
        var anxiousBehaviour = Offering(tags: ["angst", "gedragsproblemen"], figures: Figures(1, 1));
        var behaviourExceeded = Offering(tags: ["gedragsproblemen"], figures: Figures(9, 9));
        var behaviourOtherCareType = Offering(careType: "pleegzorg", tags: ["gedragsproblemen"], figures: Figures(1, 1));
        var index = IndexOf(anxiousWithin, anxiousBehaviour, behaviourExceeded, behaviourOtherCareType);

        var outcome = index.Search(In("GM0222") with { CareTypes = ["ggz"], Tags = ["angst"], WithinNorm = true }, Context);

        // Ticking "gedragsproblemen" beside "angst" would add no offering that is ggz and within the norm: its count is 1.
        Assert.Equal([new FacetCount("angst", 2), new FacetCount("gedragsproblemen", 1)], outcome.Tags);
        Assert.Equal(new[] { anxiousBehaviour.Id, anxiousWithin.Id }.Order(), Ids(outcome).Order());

        // Both topics together: any of them, so every ggz offering within the norm with either.
        var either = index.Search(In("GM0222") with { CareTypes = ["ggz"], Tags = ["angst", "gedragsproblemen"] }, Context);
        Assert.Equal(3, either.Total);
        Assert.Equal([new FacetCount("angst", 2), new FacetCount("gedragsproblemen", 2)], either.Tags);
    }

    [Fact]
    public void Crisis_and_closed_care_are_left_out_unless_named()
    {
        var ggz = Offering(figures: Figures(5, 5));
        var crisis = Offering(careType: "crisishulp", figures: Figures(0, 0));
        var closed = Offering(careType: "gesloten-jeugdzorg", figures: Figures(0, 0));
        var index = IndexOf(ggz, crisis, closed);

        var unnamed = index.Search(In("GM0222"), Context);
        Assert.Equal([ggz.Id], Ids(unnamed));
        Assert.Equal(1, unnamed.NormStatuses.Within + unnamed.NormStatuses.Partial + unnamed.NormStatuses.Exceeded + unnamed.NormStatuses.Unknown);

        // The care type facet still says how many there are when asked for.
        Assert.Contains(new FacetCount("crisishulp", 1), unnamed.CareTypes);
        Assert.Equal([crisis.Id], Ids(index.Search(In("GM0222") with { CareTypes = ["crisishulp"] }, Context)));
        Assert.Equal(new[] { closed.Id, ggz.Id }.Order(), Ids(index.Search(In("GM0222") with { CareTypes = ["ggz", "gesloten-jeugdzorg"] }, Context)).Order());
    }

    [Fact]
    public void Alternatives_are_real_improvements_for_that_municipality_and_age()
    {
        var slow = Offering(provider: "Traag", figures: Figures(10, 10));                          // 20 weeks, exceeded
        var shorterWithin = Offering(provider: "Z", figures: Figures(2, 4));                        // 6 weeks, within
        var shorterExceeded = Offering(provider: "Y", figures: Figures(5, 4));                      // 9 weeks, exceeded
        var shorterFar = Offering(provider: "X", figures: Figures(2, 4), locations: [Winterswijk]); // 6 weeks, within, farther
        var longer = Offering(figures: Figures(12, 10));
        var stale = Offering(figures: Figures(1, 1, daysOld: 30));
        var closed = Offering(figures: Figures(1, 1, accepting: false));
        var tooOld = Offering(ageMin: 12, figures: Figures(1, 1));
        var otherCareType = Offering(careType: "pleegzorg", figures: Figures(1, 1));
        var elsewhere = Offering(municipalities: ["GM0294"], figures: Figures(1, 1));
        var unknownWait = Offering(figures: Figures(null, 3));
        var index = IndexOf(slow, shorterWithin, shorterExceeded, shorterFar, longer, stale, closed, tooOld, otherCareType, elsewhere, unknownWait);
        var doetinchem = (51.965, 6.289);

        var alternatives = index.Alternatives(slow.Id, "GM0222", 9, doetinchem, Context, 5);

        // Within the norm first, then the shortest wait, then the nearest.
        Assert.Equal([shorterWithin.Id, shorterFar.Id, shorterExceeded.Id], alternatives.Select(m => m.Offering.Id));
        Assert.Contains(tooOld.Id, index.Alternatives(slow.Id, "GM0222", null, doetinchem, Context, 5).Select(m => m.Offering.Id));
        Assert.Equal(2, index.Alternatives(slow.Id, "GM0222", 9, doetinchem, Context, 2).Count);

        // An offering whose wait is unknown: only alternatives within the norm improve on it.
        var forUnknown = index.Alternatives(unknownWait.Id, "GM0222", 9, doetinchem, Context, 5);
        Assert.Equal([shorterWithin.Id, shorterFar.Id], forUnknown.Select(m => m.Offering.Id));

        // The fastest has nothing shorter; an offering nobody knows or a municipality without a list has none.
        Assert.All(index.Alternatives(shorterWithin.Id, "GM0222", 9, doetinchem, Context, 5), m => Assert.True(m.EffectiveWaitWeeks < 6));
        Assert.Empty(index.Alternatives(Guid.NewGuid(), "GM0222", null, null, Context, 5));
        Assert.Empty(index.Alternatives(slow.Id, "GM9999", null, null, Context, 5));
    }

    [Fact]
    public void A_new_report_replaces_the_figures_everywhere_the_offering_is_listed()
    {
        var offering = Offering(municipalities: ["GM0222", "GM0294"], figures: Figures(1, 1));
        var index = IndexOf(offering);

        index.Upsert(offering with { Current = Figures(30, 30) });

        foreach (var criteria in new[] { In("GM0222"), In("GM0294"), new SearchCriteria { PageSize = 100 } })
        {
            var match = Assert.Single(index.Search(criteria, Context).Page);
            Assert.Equal(60, match.EffectiveWaitWeeks);
            Assert.Equal(NormStatus.Exceeded, match.NormStatus);
        }
    }

    [Fact]
    public void Paging_returns_each_match_once_and_the_total_counts_them_all()
    {
        var offerings = Enumerable.Range(0, 7).Select(i => Offering(figures: Figures(i, 0))).ToArray();
        var index = IndexOf(offerings);

        var seen = Enumerable.Range(1, 4)
            .SelectMany(page => Ids(index.Search(In("GM0222") with { PageSize = 2, Page = page }, Context)))
            .ToList();

        Assert.Equal(offerings.Select(o => o.Id), seen);
        Assert.Equal(7, index.Search(In("GM0222") with { PageSize = 2 }, Context).Total);
    }

    [Fact]
    public void An_update_moves_an_offering_between_municipalities_and_a_removal_takes_it_out()
    {
        var offering = Offering(municipalities: ["GM0222"]);
        var index = IndexOf(offering);

        index.Upsert(offering with { Contracts = [new IndexedContract("GM0294", LongAgo, null)] });
        Assert.Empty(Ids(index.Search(In("GM0222"), Context)));
        Assert.Equal([offering.Id], Ids(index.Search(In("GM0294"), Context)));

        index.Remove(offering.Id);
        Assert.Empty(Ids(index.Search(In("GM0294"), Context)));
        Assert.Null(index.Find(offering.Id));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Without_a_contract_requirement_every_offering_is_a_candidate()
    {
        var here = Offering(provider: "P");
        var elsewhere = Offering(provider: "P", municipalities: ["GM0294"]);
        var other = Offering(provider: "Q");
        var index = IndexOf(here, elsewhere, other);

        var outcome = index.Search(new SearchCriteria { RequireContract = false, ProviderId = here.ProviderId }, Context);

        Assert.Equal([here.Id, elsewhere.Id], Ids(outcome).Order());
    }

    [Fact]
    public async Task Readers_searching_while_the_writer_updates_see_only_offerings_contracted_where_they_search()
    {
        // Half the offerings move between two municipalities again and again while four readers search one of them.
        var moving = Enumerable.Range(0, 200).Select(_ => Offering(figures: Figures(1, 1))).ToArray();
        var index = IndexOf(moving);
        var readerFailures = new List<string>();

        var writer = Task.Run(() =>
        {
            for (var round = 0; round < 200; round++)
            {
                var target = round % 2 == 0 ? "GM0294" : "GM0222";
                index.Apply(
                    moving.Where((_, i) => i % 2 == 0).Select(o => o with { Contracts = [new IndexedContract(target, LongAgo, null)], Current = Figures(round % 9, 1) }),
                    []);
            }
        });
        var readers = Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                var outcome = index.Search(In("GM0222") with { PageSize = 100 }, Context);
                foreach (var match in outcome.Page)
                {
                    // The cell may already hold a newer version, contracted elsewhere; the list it was found in said GM0222.
                    if (match.Offering.Contracts.Count != 1)
                    {
                        lock (readerFailures)
                        {
                            readerFailures.Add($"offering {match.Offering.Id} has {match.Offering.Contracts.Count} contracts");
                        }
                    }
                }

                if (outcome.Total is < 100 or > 200)
                {
                    lock (readerFailures)
                    {
                        readerFailures.Add($"total {outcome.Total} outside 100-200");
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll([writer, .. readers]);

        Assert.Empty(readerFailures);
        Assert.Equal(200, index.Count);
        Assert.Equal(200, index.Search(In("GM0222"), Context).Total + index.Search(In("GM0294"), Context).Total);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000001", "00000000-0000-0000-0000-000000000002")]
    [InlineData("0000000f-0000-0000-0000-000000000000", "00000010-0000-0000-0000-000000000000")]
    [InlineData("01000000-0000-0000-0000-000000000000", "02000000-0000-0000-0000-000000000000")]
    [InlineData("ffffffff-ffff-ffff-ffff-fffffffffffe", "ffffffff-ffff-ffff-ffff-ffffffffffff")]
    public void Ids_compare_as_postgresql_sorts_uuids_which_is_their_text_order(string lower, string higher)
    {
        Assert.True(OfferingIndex.CompareIds(Guid.Parse(lower), Guid.Parse(higher)) < 0);
        Assert.True(OfferingIndex.CompareIds(Guid.Parse(higher), Guid.Parse(lower)) > 0);
        Assert.Equal(0, OfferingIndex.CompareIds(Guid.Parse(lower), Guid.Parse(lower)));
        Assert.True(string.CompareOrdinal(lower, higher) < 0);
    }

    [Fact]
    public void The_capacity_picture_counts_per_care_type_what_is_contracted_today_and_takes_waits_from_current_figures_only()
    {
        var open = Offering(figures: Figures(2, 3));                    // 5 weeks, within, a free place
        var full = Offering(figures: Figures(6, 2, free: 0));           // 8 weeks, intake over the norm
        var stale = Offering(figures: Figures(1, 1, daysOld: 30));      // within, but a month old: no wait taken from it
        var silent = Offering();                                        // never reported
        var elsewhere = Offering(municipalities: ["GM0294"], figures: Figures(0, 0));
        var ended = Offering(contractEnds: new DateOnly(2026, 11, 17), figures: Figures(0, 0));
        var foster = Offering(careType: "pleegzorg", figures: Figures(3, null, accepting: false));
        var index = IndexOf(open, full, stale, silent, elsewhere, ended, foster);

        var picture = index.Capacity("GM0222", null, Context);

        Assert.Equal(["ggz", "pleegzorg"], picture.Select(c => c.CareTypeCode));
        Assert.Equal(new CareTypeCapacity("ggz", Offerings: 4, AvailableNow: 1, WithinNorm: 2, Stale: 1, WithoutFigures: 1, CurrentWaits: 2,
            ShortestWaitWeeks: 5, MedianWaitWeeks: 6.5), picture[0]);
        Assert.Equal(new CareTypeCapacity("pleegzorg", 1, 0, 0, 0, 0, 1, 3, 3), picture[1]);
    }

    [Fact]
    public void The_capacity_picture_fits_the_age_and_knows_no_unknown_municipality()
    {
        var young = Offering(figures: Figures(1, 1), ageMax: 11);
        var old = Offering(figures: Figures(2, 2), ageMin: 12);
        var older = Offering(figures: Figures(9, 9), ageMin: 12);
        var index = IndexOf(young, old, older);

        var forTwelve = Assert.Single(index.Capacity("GM0222", 12, Context));

        Assert.Equal((2, 4, 11.0), (forTwelve.Offerings, forTwelve.ShortestWaitWeeks!.Value, forTwelve.MedianWaitWeeks!.Value));
        Assert.Empty(index.Capacity("GM9999", null, Context));
    }

    [Fact]
    public void Every_capacity_count_is_the_total_of_the_search_it_links_to()
    {
        var random = new Random(17);
        var offerings = Enumerable.Range(0, 200).Select(_ => Offering(
            careType: random.Next(3) == 0 ? "pleegzorg" : "ggz",
            municipalities: random.Next(4) == 0 ? ["GM0294"] : ["GM0222", "GM0294"],
            ageMin: random.Next(0, 10),
            ageMax: random.Next(10, 23),
            figures: random.Next(5) == 0 ? null : Figures(
                random.Next(4) == 0 ? null : random.Next(0, 12), random.Next(3) == 0 ? null : random.Next(0, 16),
                accepting: random.Next(5) > 0, free: random.Next(3) == 0 ? null : random.Next(0, 3), daysOld: random.Next(0, 40)))).ToArray();
        var index = IndexOf(offerings);

        foreach (var age in new int?[] { null, 8, 15 })
        {
            foreach (var capacity in index.Capacity("GM0222", age, Context))
            {
                var search = In("GM0222") with { CareTypes = [capacity.CareTypeCode], Age = age };
                Assert.Equal(capacity.Offerings, index.Search(search, Context).Total);
                Assert.Equal(capacity.AvailableNow, index.Search(search with { AvailableNow = true }, Context).Total);
                Assert.Equal(capacity.WithinNorm, index.Search(search with { WithinNorm = true }, Context).Total);
                // Pleegzorg has no norm here, so nothing of it is within one.
                Assert.True(capacity.AvailableNow > 0 && capacity.Stale > 0 && (capacity.WithinNorm > 0) == (capacity.CareTypeCode == "ggz"),
                    "the arrangement should reach every count");
            }
        }
    }

    [Fact]
    public void Sorting_by_free_places_puts_room_that_can_be_taken_first_most_places_first()
    {
        var two = Offering(figures: Figures(3, 3, free: 2));
        var five = Offering(figures: Figures(6, 6, free: 5));
        var stopped = Offering(figures: Figures(0, 0, accepting: false, free: 9));   // free places, but an aanmeldstop
        var old = Offering(figures: Figures(0, 0, free: 8, daysOld: 30));            // free places a month ago
        var none = Offering(figures: Figures(1, 1, free: 0));
        var silent = Offering();
        var index = IndexOf(silent, none, old, stopped, two, five);

        var outcome = index.Search(In("GM0222") with { Sort = SearchSort.FreePlaces }, Context);

        // After the room now, the rest by wait (0, 0, 2 weeks; the unknown last; a tie by title, as the wait sort has it).
        Assert.Equal([five.Id, two.Id, stopped.Id, old.Id, none.Id, silent.Id], Ids(outcome));
    }
}
