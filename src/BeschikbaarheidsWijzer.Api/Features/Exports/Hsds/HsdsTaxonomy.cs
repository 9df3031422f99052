using System.Security.Cryptography;
using System.Text;

namespace BeschikbaarheidsWijzer.Api.Features.Exports.Hsds;

/// <summary>
/// The feed's own taxonomies (documented in the README):
/// <list type="bullet">
/// <item><c>bw-wachttijd</c>: the latest report's figures and the norm, as service attributes (values in weeks, counts,
/// <c>true</c>/<c>false</c>, an ISO week or a code). The norm terms carry the region code in <c>label</c>: a service contracted
/// in two regions has a norm and a status per region.</item>
/// <item><c>bw-zorgvorm</c>: the care type (zorgvorm); the attribute's value is its iJw productcategorie.</item>
/// <item><c>bw-gebied</c>: a service area's or location's CBS municipality code and youth-care region.</item>
/// </list>
/// </summary>
public static class HsdsTaxonomy
{
    public const string Waits = "bw-wachttijd";
    public const string CareTypes = "bw-zorgvorm";
    public const string Areas = "bw-gebied";

    public static readonly HsdsTaxonomyTerm IntakeWait = Term(Waits, "aanmeldwachttijd-weken", "Aanmeldwachttijd", "Weken van aanmelding tot intake, volgens de laatste melding.");
    public static readonly HsdsTaxonomyTerm TreatmentWait = Term(Waits, "behandelwachttijd-weken", "Behandelwachttijd", "Weken van intake tot start van de hulp, volgens de laatste melding.");
    public static readonly HsdsTaxonomyTerm RealisedIntakeWait = Term(Waits, "gerealiseerde-aanmeldwachttijd-weken", "Gerealiseerde aanmeldwachttijd", "Gemiddelde weken van aanmelding tot intake van de jeugdigen die de afgelopen 8 weken begonnen, volgens de aanbieder.");
    public static readonly HsdsTaxonomyTerm RealisedTreatmentWait = Term(Waits, "gerealiseerde-behandelwachttijd-weken", "Gerealiseerde behandelwachttijd", "Gemiddelde weken van intake tot start van de jeugdigen die de afgelopen 8 weken begonnen, volgens de aanbieder.");
    public static readonly HsdsTaxonomyTerm FiguresChangedAt = Term(Waits, "cijfers-veranderd-op", "Cijfers veranderd op", "Wanneer deze cijfers voor het eerst zijn gemeld; later bevestigd als ongewijzigd als dit eerder is dan de melding.");
    public static readonly HsdsTaxonomyTerm TotalWait = Term(Waits, "totale-wachttijd-weken", "Totale wachttijd", "Aanmeldwachttijd plus behandelwachttijd, als beide bekend zijn.");
    public static readonly HsdsTaxonomyTerm Waitlist = Term(Waits, "aantal-wachtenden", "Aantal wachtenden", "Aantal jeugdigen op de wachtlijst.");
    public static readonly HsdsTaxonomyTerm AcceptingReferrals = Term(Waits, "aanmelden-mogelijk", "Aanmelden mogelijk", "true als het aanbod nieuwe aanmeldingen aanneemt; false bij een aanmeldstop.");
    public static readonly HsdsTaxonomyTerm AvailableNow = Term(Waits, "nu-plek", "Nu plek", "true als aanmelden kan, de cijfers actueel zijn en er een vrije plek is of geen wachttijd tot intake.");
    public static readonly HsdsTaxonomyTerm Method = Term(Waits, "meetmethode", "Meetmethode", "actueel (verwachte wachttijd bij aanmelding nu) of retrospectief (ervaren wachttijd).");
    public static readonly HsdsTaxonomyTerm Week = Term(Waits, "meetweek", "Meetweek", "De ISO-week (Europe/Amsterdam) van de laatste melding, bijvoorbeeld 2026-W47.");
    public static readonly HsdsTaxonomyTerm Stale = Term(Waits, "verouderd", "Verouderd", "true als de laatste melding ouder is dan de termijn van de regio (standaard 14 dagen).");
    public static readonly HsdsTaxonomyTerm BridgingCare = Term(Waits, "overbruggingszorg", "Overbruggingszorg", "true als er hulp is tijdens het wachten.");
    public static readonly HsdsTaxonomyTerm MatchingDependent = Term(Waits, "matchingsafhankelijk", "Afhankelijk van matching", "true als de wachttijd afhangt van een passende match (bijvoorbeeld pleegzorg).");
    public static readonly HsdsTaxonomyTerm NormIntake = Term(Waits, "norm-aanmeldwachttijd-weken", "Norm aanmeldwachttijd", "Maximaal aanvaardbare aanmeldwachttijd in weken in de regio uit label.");
    public static readonly HsdsTaxonomyTerm NormTreatment = Term(Waits, "norm-behandelwachttijd-weken", "Norm behandelwachttijd", "Maximaal aanvaardbare behandelwachttijd in weken in de regio uit label.");
    public static readonly HsdsTaxonomyTerm NormTotal = Term(Waits, "norm-totale-wachttijd-weken", "Norm totale wachttijd", "Maximaal aanvaardbare totale wachttijd in weken in de regio uit label.");
    public static readonly HsdsTaxonomyTerm NormSource = Term(Waits, "normbron", "Normbron", "treeknorm (landelijk) of regio (eigen norm van de regio uit label).");
    public static readonly HsdsTaxonomyTerm NormStatus = Term(Waits, "normstatus", "Normstatus", "within, partial, exceeded of unknown: de laatste melding vergeleken met de norm van de regio uit label (partial: binnen de norm voor zover bekend, een stap met een norm is niet bekend).");
    public static readonly HsdsTaxonomyTerm MunicipalityCode = Term(Areas, "gemeentecode", "Gemeentecode", "CBS-gemeentecode (GMxxxx).");
    public static readonly HsdsTaxonomyTerm Region = Term(Areas, "jeugdregio", "Jeugdregio", "Code van de jeugdregio (zie /api/v1/regions).");

    public static readonly IReadOnlyList<HsdsTaxonomyTerm> FixedTerms =
    [
        IntakeWait, TreatmentWait, RealisedIntakeWait, RealisedTreatmentWait, FiguresChangedAt, TotalWait, Waitlist, AcceptingReferrals, AvailableNow, Method, Week, Stale, BridgingCare, MatchingDependent,
        NormIntake, NormTreatment, NormTotal, NormSource, NormStatus, MunicipalityCode, Region,
    ];

    /// <summary>The unit of <c>service_capacity</c>: one place (plek) for one young person.</summary>
    public static readonly HsdsUnit Place = new(StableUuid.For("unit:plek"), "plek", "BeschikbaarheidsWijzer", "plek");

    public static HsdsTaxonomyTerm CareType(string code, string name, string ijwCategory) =>
        Term(CareTypes, code, name, $"Zorgvorm {name}; iJw-productcategorie {ijwCategory}.");

    public static HsdsAttribute Attribute(Guid linkId, string linkEntity, HsdsTaxonomyTerm term, string? value, string? label = null) =>
        new(StableUuid.For($"attribute:{linkEntity}:{linkId}:{term.Taxonomy}:{term.Code}:{label}"), linkId, term.Taxonomy, linkEntity, term.Id, term, value, label);

    private static HsdsTaxonomyTerm Term(string taxonomy, string code, string name, string description) =>
        new(StableUuid.For($"taxonomy-term:{taxonomy}:{code}"), code, name, description, taxonomy, "nl");
}

/// <summary>
/// Name-based UUIDs (RFC 9562 version 5): the same name gives the same id on every request, so HSDS objects that have no
/// row of their own (attributes, service areas, phones) keep a stable id.
/// </summary>
public static class StableUuid
{
    private static readonly byte[] Namespace = Guid.Parse("6f1c2a9e-4b1d-5c3a-9f3e-2d7b8a0c1e55").ToByteArray(bigEndian: true);

    public static Guid For(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[Namespace.Length + bytes.Length];
        Namespace.CopyTo(input, 0);
        bytes.CopyTo(input, Namespace.Length);
#pragma warning disable CA5350 // SHA-1 is what version 5 UUIDs are defined with; no security rests on it.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
