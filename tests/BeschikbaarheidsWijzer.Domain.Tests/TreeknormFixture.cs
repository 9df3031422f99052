using BeschikbaarheidsWijzer.Domain.Norms;

namespace BeschikbaarheidsWijzer.Domain.Tests;

/// <summary>
/// Test data mirroring /work/shared/data/norms.json (national Treeknormen) and the care types from
/// /work/shared/data/care-types.json that the tests need. Literals on purpose: the tests must not depend on
/// the loader that reads those files.
/// </summary>
internal static class TreeknormFixture
{
    public static readonly NationalNormRule Ggz =
        new("ggz", "*", new WaitNorm(4, 10, 14), "Treeknorm GGZ");

    public static readonly NationalNormRule GehandicaptenzorgAmbulant =
        new("gehandicaptenzorg", "ambulant", new WaitNorm(null, null, 6), "Treeknorm gehandicaptenzorg, dagbesteding/ondersteuning");

    public static readonly NationalNormRule GehandicaptenzorgDagbesteding =
        new("gehandicaptenzorg", "dagbesteding", new WaitNorm(null, null, 6), "Treeknorm gehandicaptenzorg, dagbesteding");

    public static readonly NationalNormRule GehandicaptenzorgVerblijf =
        new("gehandicaptenzorg", "verblijf", new WaitNorm(null, null, 13), "Treeknorm gehandicaptenzorg, wonen");

    public static readonly NationalNormRule Crisis =
        new("crisis", "*", new WaitNorm(0, null, 0), "Crisishulp: direct");

    /// <summary>The national rules, in the order of norms.json.</summary>
    public static IReadOnlyList<NationalNormRule> NationalRules { get; } =
    [
        Ggz,
        GehandicaptenzorgAmbulant,
        GehandicaptenzorgDagbesteding,
        GehandicaptenzorgVerblijf,
        Crisis,
    ];

    /// <summary>Care types from care-types.json (code, sector, setting).</summary>
    public static class CareTypes
    {
        public static readonly CareTypeProfile AmbulanteBegeleiding = new("ambulante-begeleiding", "jeugdhulp", "ambulant");
        public static readonly CareTypeProfile PersoonlijkeVerzorging = new("persoonlijke-verzorging", "gehandicaptenzorg", "ambulant");
        public static readonly CareTypeProfile AmbulanteBehandeling = new("ambulante-behandeling", "jeugdhulp", "ambulant");
        public static readonly CareTypeProfile JeugdGgzBasis = new("jeugd-ggz-basis", "ggz", "ambulant");
        public static readonly CareTypeProfile JeugdGgzSpecialistisch = new("jeugd-ggz-specialistisch", "ggz", "ambulant");
        public static readonly CareTypeProfile Dyslexiezorg = new("dyslexiezorg", "ggz", "ambulant");
        public static readonly CareTypeProfile Dagbehandeling = new("dagbehandeling", "jeugdhulp", "dagbesteding");
        public static readonly CareTypeProfile KortdurendVerblijf = new("kortdurend-verblijf", "gehandicaptenzorg", "verblijf");
        public static readonly CareTypeProfile VerblijfMetBehandeling = new("verblijf-met-behandeling", "jeugdhulp", "verblijf");
        public static readonly CareTypeProfile VerblijfZonderBehandeling = new("verblijf-zonder-behandeling", "jeugdhulp", "verblijf");
        public static readonly CareTypeProfile Pleegzorg = new("pleegzorg", "jeugdhulp", "verblijf");
        public static readonly CareTypeProfile GeslotenJeugdzorg = new("gesloten-jeugdzorg", "jeugdhulp", "verblijf");
        public static readonly CareTypeProfile Crisishulp = new("crisishulp", "crisis", "direct");

        private static readonly IReadOnlyDictionary<string, CareTypeProfile> ByCode = new[]
        {
            AmbulanteBegeleiding, PersoonlijkeVerzorging, AmbulanteBehandeling, JeugdGgzBasis, JeugdGgzSpecialistisch,
            Dyslexiezorg, Dagbehandeling, KortdurendVerblijf, VerblijfMetBehandeling, VerblijfZonderBehandeling,
            Pleegzorg, GeslotenJeugdzorg, Crisishulp,
        }.ToDictionary(c => c.Code);

        /// <summary>Looks a care type up by code, so [InlineData] can name it.</summary>
        public static CareTypeProfile Get(string code) => ByCode[code];
    }

    /// <summary>A resolver over the national rules and the given regional versions.</summary>
    public static NormResolver Resolver(params RegionalNormVersion[] regionalVersions) =>
        new(NationalRules, regionalVersions);
}
