namespace BeschikbaarheidsWijzer.Api.Data.Demo;

/// <summary>One kind of fictional provider: how it is named, what it says about itself and what it offers.</summary>
internal sealed record ProviderArchetype(string NameFormat, string Description, IReadOnlyList<OfferingTemplate> Offerings);

/// <summary>An offering an archetype has; optional ones are included for some providers only, so regions differ.</summary>
internal sealed record OfferingTemplate(string CareTypeCode, string Title, int AgeMin, int AgeMax, bool Optional = false, string[]? Tags = null);

/// <summary>The range of plausible figures for a care type; waits in weeks.</summary>
internal sealed record WaitProfile(int IntakeMin, int IntakeMax, int TreatmentMin, int TreatmentMax, int PlacesMin, int PlacesMax);

/// <summary>Where a real municipality's postcodes start and which area code its phone numbers use.</summary>
internal sealed record MunicipalityContact(int PostcodeBase, int PostcodeSpan, string AreaCode);

/// <summary>Dutch word lists and templates for the demo data. All providers are invented.</summary>
internal static class DemoVocabulary
{
    /// <summary>Invented name words; combined with an archetype's format and "(demo)" they make clearly fictional names.</summary>
    public static readonly string[] NameWords =
    [
        "Kompas", "Vlonder", "Rietkraag", "Klimtoren", "Lichtbaken", "Wilgenroos", "Eikenblad", "Vuurvlieg", "Kiemkracht",
        "Stapsteen", "Boomgaard", "Windroos", "Veldzicht", "Beekdal", "Berkenhout", "Lindeblad", "Zandloper", "Ooievaar",
        "Klaproos", "Hazelaar", "Korenbloem", "Vlieger", "Schommel", "Uitkijk", "Waterlelie", "Zwaluw", "Vossenhol",
        "Ganzenveer", "Hoefijzer", "Esdoorn", "Eekhoorn", "Sprokkelhout", "Duizendpoot", "Tuimelaar", "Knotwilg",
        "Heidebloem", "Zonnewijzer", "Mozaïek", "Palet", "Kameleon", "Springplank", "Roerganger", "Vlasbloem", "Meidoorn",
        "Kievit", "Dijkzicht", "Notenbalk", "Zeilboot", "Hooiberg", "Wegwijzer",
    ];

    /// <summary>Eleven archetypes; every region gets one provider of each.</summary>
    public static readonly ProviderArchetype[] Archetypes =
    [
        new("Psychologenpraktijk {0}",
            "Kleine praktijk met psychologen en orthopedagogen voor kinderen, jongeren en hun ouders.",
            [
                new("jeugd-ggz-basis", "Jeugd-GGZ basis voor kinderen", 4, 12, Tags: ["angst", "adhd"]),
                new("jeugd-ggz-basis", "Jeugd-GGZ basis voor jongeren", 12, 18, Tags: ["angst", "depressie"]),
                new("jeugd-ggz-specialistisch", "Behandeling bij angst en somberheid", 8, 18, Tags: ["angst", "depressie"]),
                new("dyslexiezorg", "Dyslexieonderzoek en -behandeling", 7, 13),
            ]),
        new("Dyslexiecentrum {0}",
            "Centrum voor onderzoek en behandeling van dyslexie, met behandelaars op verschillende plekken in de regio.",
            [
                new("dyslexiezorg", "Dyslexiezorg (EED)", 7, 13),
                new("jeugd-ggz-basis", "Hulp bij leer- en concentratieproblemen", 6, 14, Tags: ["adhd"]),
                new("dyslexiezorg", "Dyslexiebehandeling op school", 7, 13, Optional: true),
            ]),
        new("{0} Jeugdhulp",
            "Brede jeugdhulp dicht bij huis: begeleiding, behandeling en hulp in een crisis.",
            [
                new("ambulante-begeleiding", "Gezinsbegeleiding thuis", 0, 18, Tags: ["opvoedvragen", "scheiding"]),
                new("ambulante-begeleiding", "Begeleiding naar zelfstandigheid", 16, 23),
                new("ambulante-behandeling", "Ambulante gezinsbehandeling", 0, 18),
                new("crisishulp", "Crisisinterventie thuis", 0, 18),
                new("dagbehandeling", "Naschoolse dagbehandeling", 6, 12, Optional: true, Tags: ["gedragsproblemen"]),
            ]),
        new("{0} Jeugd-GGZ",
            "Instelling voor specialistische jeugd-GGZ, met poli's, dagbehandeling en een crisisdienst.",
            [
                new("jeugd-ggz-specialistisch", "Specialistische jeugd-GGZ", 0, 18),
                new("jeugd-ggz-specialistisch", "Behandeling bij autisme en ADHD", 4, 18, Tags: ["autisme", "adhd"]),
                new("jeugd-ggz-specialistisch", "Traumabehandeling", 4, 23, Tags: ["trauma"]),
                new("dagbehandeling", "GGZ-dagbehandeling voor jongeren", 12, 18),
                new("crisishulp", "Crisisdienst jeugd-GGZ", 0, 18, Tags: ["zelfbeschadiging"]),
                new("verblijf-met-behandeling", "Klinische behandeling jeugd-GGZ", 12, 18, Optional: true),
            ]),
        new("Zorggroep {0}",
            "Zorg en begeleiding voor kinderen en jongeren met een beperking of een chronische ziekte, en hun gezin.",
            [
                new("persoonlijke-verzorging", "Persoonlijke verzorging thuis", 0, 18),
                new("kortdurend-verblijf", "Logeren in het weekend", 4, 18),
                new("ambulante-begeleiding", "Begeleiding bij een licht verstandelijke beperking", 4, 23, Tags: ["lvb"]),
                new("dagbehandeling", "Medisch kinderdagverblijf", 0, 7, Optional: true),
            ]),
        new("Zorgboerderij {0}",
            "Zorgboerderij met dieren, buitenwerk en vaste begeleiders.",
            [
                new("kortdurend-verblijf", "Logeren op de boerderij", 6, 18),
                new("dagbehandeling", "Dagbehandeling op de boerderij", 6, 18),
                new("ambulante-begeleiding", "Dagbesteding en begeleiding op de boerderij", 12, 23),
                new("persoonlijke-verzorging", "Verzorging tijdens het logeren", 6, 18, Optional: true),
            ]),
        new("Gezinshuizen {0}",
            "Gezinshuizen en woonplekken in gewone huizen in de wijk, met vaste opvoeders.",
            [
                new("verblijf-zonder-behandeling", "Wonen in een gezinshuis", 0, 18, Tags: ["hechting"]),
                new("verblijf-zonder-behandeling", "Kamertraining", 16, 23),
                new("pleegzorg", "Deeltijdpleegzorg", 0, 18),
                new("ambulante-begeleiding", "Begeleid zelfstandig wonen", 17, 23, Optional: true),
            ]),
        new("Pleegzorg {0}",
            "Wij werven, trainen en begeleiden pleeggezinnen in de regio.",
            [
                new("pleegzorg", "Langdurige pleegzorg", 0, 18, Tags: ["hechting"]),
                new("pleegzorg", "Weekend- en vakantiepleegzorg", 0, 18),
                new("crisishulp", "Crisisopvang in een pleeggezin", 0, 18),
                new("pleegzorg", "Netwerkpleegzorg", 0, 18, Optional: true),
            ]),
        new("{0} Jeugdzorg",
            "Jeugdzorg met verblijf: behandelgroepen, woongroepen en een gesloten afdeling.",
            [
                new("verblijf-met-behandeling", "Behandelgroep voor kinderen", 6, 12),
                new("verblijf-met-behandeling", "Behandelgroep voor jongeren", 12, 18),
                new("verblijf-zonder-behandeling", "Woongroep voor jongeren", 12, 18),
                new("gesloten-jeugdzorg", "Gesloten jeugdhulp (Jeugdzorg Plus)", 12, 18),
                new("crisishulp", "Crisisplaatsen", 12, 18, Optional: true),
            ]),
        new("Thuisbegeleiding {0}",
            "Praktische hulp en begeleiding bij u thuis, door een vaste begeleider.",
            [
                new("ambulante-begeleiding", "Praktische ondersteuning thuis", 0, 18, Tags: ["opvoedvragen"]),
                new("persoonlijke-verzorging", "Persoonlijke verzorging", 0, 18),
                new("ambulante-behandeling", "Opvoedondersteuning", 0, 12, Tags: ["opvoedvragen"]),
                new("ambulante-begeleiding", "Jongerencoaching", 12, 23, Optional: true),
            ]),
        new("Behandelcentrum {0}",
            "Behandelcentrum voor jongeren met ernstige gedragsproblemen of verslaving.",
            [
                new("gesloten-jeugdzorg", "Intensieve behandeling in een besloten setting", 12, 23),
                new("verblijf-met-behandeling", "Behandeling met verblijf bij verslaving", 14, 23, Tags: ["verslaving"]),
                new("ambulante-behandeling", "Intensieve ambulante behandeling", 12, 18, Tags: ["gedragsproblemen"]),
                new("ambulante-behandeling", "Behandeling bij gedragsproblemen", 6, 18, Tags: ["gedragsproblemen"]),
                new("jeugd-ggz-specialistisch", "Behandeling bij verslaving", 14, 23, Optional: true, Tags: ["verslaving"]),
            ]),
    ];

    /// <summary>Regions that border each other; some offerings are also contracted just across the border.</summary>
    public static readonly Dictionary<string, string[]> NeighbourRegions = new(StringComparer.Ordinal)
    {
        ["achterhoek"] = ["twente", "midden-ijssel-oost-veluwe"],
        ["twente"] = ["achterhoek", "midden-ijssel-oost-veluwe"],
        ["midden-ijssel-oost-veluwe"] = ["achterhoek", "twente"],
        ["rivierenland"] = [],
    };

    /// <summary>Tags that fit a care type; an offering draws a few of them.</summary>
    public static readonly Dictionary<string, string[]> TagsByCareType = new(StringComparer.Ordinal)
    {
        ["ambulante-begeleiding"] = ["opvoedvragen", "gedragsproblemen", "scheiding", "lvb", "autisme", "adhd"],
        ["persoonlijke-verzorging"] = ["lvb", "autisme"],
        ["ambulante-behandeling"] = ["gedragsproblemen", "opvoedvragen", "hechting", "scheiding", "trauma", "adhd"],
        ["jeugd-ggz-basis"] = ["angst", "depressie", "adhd", "autisme", "eetproblemen"],
        ["jeugd-ggz-specialistisch"] = ["angst", "depressie", "autisme", "adhd", "trauma", "eetproblemen", "zelfbeschadiging", "psychose"],
        ["dyslexiezorg"] = ["dyslexie"],
        ["dagbehandeling"] = ["autisme", "adhd", "gedragsproblemen", "lvb"],
        ["kortdurend-verblijf"] = ["lvb", "autisme"],
        ["verblijf-met-behandeling"] = ["hechting", "trauma", "gedragsproblemen", "autisme", "verslaving"],
        ["verblijf-zonder-behandeling"] = ["hechting", "lvb", "gedragsproblemen"],
        ["pleegzorg"] = ["hechting", "trauma"],
        ["gesloten-jeugdzorg"] = ["gedragsproblemen", "verslaving", "trauma", "zelfbeschadiging"],
        ["crisishulp"] = ["trauma", "zelfbeschadiging", "gedragsproblemen"],
    };

    /// <summary>Plausible waits and capacity per care type; GGZ waits are long on purpose (they often exceed the Treeknorm).</summary>
    public static readonly Dictionary<string, WaitProfile> WaitProfiles = new(StringComparer.Ordinal)
    {
        ["ambulante-begeleiding"] = new(1, 5, 0, 6, 10, 40),
        ["persoonlijke-verzorging"] = new(0, 3, 0, 4, 8, 30),
        ["ambulante-behandeling"] = new(2, 8, 2, 10, 8, 30),
        ["jeugd-ggz-basis"] = new(2, 7, 3, 12, 10, 40),
        ["jeugd-ggz-specialistisch"] = new(4, 14, 6, 24, 10, 40),
        ["dyslexiezorg"] = new(1, 6, 2, 12, 10, 30),
        ["dagbehandeling"] = new(2, 6, 2, 12, 8, 24),
        ["kortdurend-verblijf"] = new(1, 6, 2, 16, 4, 12),
        ["verblijf-met-behandeling"] = new(2, 8, 4, 24, 6, 16),
        ["verblijf-zonder-behandeling"] = new(2, 8, 2, 20, 4, 12),
        ["pleegzorg"] = new(1, 4, 4, 30, 2, 12),
        ["gesloten-jeugdzorg"] = new(0, 2, 0, 6, 8, 20),
        ["crisishulp"] = new(0, 0, 0, 0, 2, 8),
    };

    public static readonly WaitProfile DefaultWaitProfile = new(1, 6, 2, 10, 6, 24);

    /// <summary>Age ranges for an offering of a care type no archetype covers.</summary>
    public static readonly Dictionary<string, (int Min, int Max)> DefaultAges = new(StringComparer.Ordinal)
    {
        ["dyslexiezorg"] = (7, 13),
        ["gesloten-jeugdzorg"] = (12, 18),
        ["verblijf-zonder-behandeling"] = (12, 23),
    };

    /// <summary>Plain-Dutch (B1) descriptions per care type, two variants each; the age sentence is added after.</summary>
    public static readonly Dictionary<string, string[]> Descriptions = new(StringComparer.Ordinal)
    {
        ["ambulante-begeleiding"] =
        [
            "Wij komen bij u thuis en helpen met dagelijkse dingen: een vast ritme, afspraken in het gezin, school of geld. We werken aan doelen die u zelf kiest.",
            "Een vaste begeleider helpt uw kind of uw gezin een paar uur per week. Samen maken we een plan en we kijken elke maand wat al beter gaat.",
        ],
        ["persoonlijke-verzorging"] =
        [
            "Hulp bij wassen, aankleden, eten en andere dagelijkse verzorging, thuis of op school. Voor kinderen met een lichamelijke of verstandelijke beperking of een chronische ziekte.",
            "Een vaste verzorger helpt uw kind op vaste momenten van de dag bij de persoonlijke verzorging. Zo krijgen ouders wat meer ruimte.",
        ],
        ["ambulante-behandeling"] =
        [
            "Behandeling thuis of bij ons op de locatie, bij ernstige problemen met gedrag of in het gezin. De behandelaar werkt met uw kind en met u als ouders.",
            "Korte en intensieve hulp als het thuis of op school vastloopt. We zoeken samen uit wat er aan de hand is en werken met een duidelijk plan.",
        ],
        ["jeugd-ggz-basis"] =
        [
            "Korte behandeling bij lichte of matige psychische klachten, zoals angst, somberheid of moeite met concentratie. Meestal zijn 5 tot 12 gesprekken genoeg.",
            "Gesprekken met een psycholoog voor kinderen en jongeren die vastlopen door zorgen, angst of druk. Ouders doen mee als dat helpt.",
        ],
        ["jeugd-ggz-specialistisch"] =
        [
            "Specialistische behandeling bij ernstige of ingewikkelde psychische problemen. Psychiaters, psychologen en therapeuten werken samen met u en uw kind.",
            "Onderzoek en behandeling als de klachten groot zijn of al lang duren, bijvoorbeeld bij autisme, trauma of een depressie.",
        ],
        ["dyslexiezorg"] =
        [
            "Onderzoek naar ernstige enkelvoudige dyslexie (EED). Heeft uw kind dyslexie, dan volgt behandeling: uw kind oefent elke week met een behandelaar en thuis.",
            "Wij onderzoeken of uw kind ernstige dyslexie heeft en geven daarna behandeling, soms op school. We werken nauw samen met de leerkracht.",
        ],
        ["dagbehandeling"] =
        [
            "Behandeling overdag in een kleine groep, op vaste dagen. Uw kind leert nieuwe vaardigheden in een veilige omgeving en slaapt gewoon thuis.",
            "Een dagprogramma met behandeling, structuur en aandacht, voor kinderen voor wie school of opvang nu niet lukt.",
        ],
        ["kortdurend-verblijf"] =
        [
            "Uw kind logeert een of meer dagen per maand bij ons, vaak in het weekend. Zo kunnen ouders even op adem komen.",
            "Logeren in een kleine groep met vaste begeleiders. Uw kind heeft een fijne tijd en u als ouder wat rust.",
        ],
        ["verblijf-met-behandeling"] =
        [
            "Wonen in een behandelgroep als thuis wonen even niet gaat. Uw kind krijgt behandeling en gaat naar school. We werken toe naar een vaste plek, het liefst weer thuis.",
            "Een tijdelijke woonplek met intensieve behandeling, voor kinderen en jongeren met ernstige problemen. Ouders blijven erbij betrokken.",
        ],
        ["verblijf-zonder-behandeling"] =
        [
            "Wonen in een gezinshuis of woongroep, met vaste opvoeders. Voor kinderen en jongeren die tijdelijk of langer niet thuis kunnen wonen.",
            "Jongeren oefenen met zelfstandig wonen: koken, geld, werk of school. Een begeleider is dichtbij als het nodig is.",
        ],
        ["pleegzorg"] =
        [
            "Een kind woont een tijd, of een deel van de week, in een pleeggezin. Wij zoeken een passend gezin en begeleiden kind, ouders en pleegouders. Hoe snel dat lukt, hangt af van de match.",
            "Pleegzorg voor korte of lange tijd, ook in het weekend of in de vakanties. Wij begeleiden het pleeggezin en houden contact met de ouders.",
        ],
        ["gesloten-jeugdzorg"] =
        [
            "Behandeling op een gesloten groep voor jongeren die zichzelf of anderen ernstig in gevaar brengen. Dit kan alleen met een machtiging van de kinderrechter.",
            "Een veilige plek met intensieve behandeling en onderwijs, zo kort als mogelijk. Vanaf de eerste dag werken we aan een plek buiten de gesloten groep.",
        ],
        ["crisishulp"] =
        [
            "Direct hulp als de situatie thuis onveilig of niet meer vol te houden is. Wij zijn dag en nacht bereikbaar en komen snel.",
            "Opvang en hulp thuis in een acute situatie, voor korte tijd. Daarna zoeken we samen naar passende hulp.",
        ],
    };

    public const string DefaultDescription = "Hulp en ondersteuning voor kinderen, jongeren en hun ouders.";

    /// <summary>How to get referred, per care type.</summary>
    public static readonly Dictionary<string, string> ReferralInfo = new(StringComparer.Ordinal)
    {
        ["jeugd-ggz-basis"] = "Verwijzing via de huisarts, de jeugdarts, de medisch specialist of het wijkteam. Neem de verwijsbrief mee naar het eerste gesprek.",
        ["jeugd-ggz-specialistisch"] = "Verwijzing via de huisarts, de jeugdarts, de medisch specialist of het wijkteam. Neem de verwijsbrief mee naar het eerste gesprek.",
        ["dyslexiezorg"] = "Verwijzing via het wijkteam of de gemeente, met het leesdossier van school. De school helpt u bij het maken van het leesdossier.",
        ["pleegzorg"] = "Verwijzing via het wijkteam of de gecertificeerde instelling (jeugdbescherming). Wij zoeken samen met u een passend pleeggezin.",
        ["gesloten-jeugdzorg"] = "Plaatsing alleen met een machtiging gesloten jeugdhulp van de kinderrechter. Aanmelding via de gecertificeerde instelling of het wijkteam.",
        ["crisishulp"] = "Aanmelding via de huisarts, de jeugdarts, het wijkteam of Veilig Thuis. Wij zijn 24 uur per dag bereikbaar. Is er acuut gevaar? Bel dan 112.",
    };

    public const string DefaultReferralInfo =
        "Verwijzing via de huisarts, de jeugdarts of het wijkteam van uw gemeente. Na de aanmelding bellen wij u binnen een week voor een kennismaking.";

    /// <summary>Occasional remarks a provider adds to a weekly report.</summary>
    public static readonly string[] GeneralNotes =
    [
        "Door ziekte van een behandelaar is de wachttijd tijdelijk langer.",
        "Er is een nieuwe collega gestart, daardoor kunnen we meer intakes doen.",
        "Tijdens de wachttijd kunt u meedoen aan een oudergroep.",
        "De wachttijd hangt af van de locatie die u kiest.",
        "Voor jongeren vanaf 16 jaar is de wachttijd korter.",
        "Wij bellen iedereen op de wachtlijst elke maand even op.",
        "Na de intake starten we meestal binnen twee weken.",
        "We hebben extra plekken geopend voor deze regio.",
    ];

    public static readonly string[] MatchingNotes =
    [
        "Plaatsing hangt af van een passende match met een pleeggezin.",
        "Er zijn vooral pleeggezinnen nodig voor tieners en voor broertjes en zusjes samen.",
        "Voor kinderen tot 4 jaar is er sneller een match.",
    ];

    public static readonly string[] StopNotes =
    [
        "Tijdelijke aanmeldstop: de wachtlijst is te lang om goede zorg te beloven. Neem contact op met het wijkteam voor andere hulp.",
        "Aanmeldstop vanwege personeelstekort. Wij verwachten over enkele weken weer aanmeldingen aan te nemen.",
        "Wij nemen tijdelijk geen nieuwe aanmeldingen aan. Mensen op de wachtlijst houden hun plek.",
    ];

    public const string CorrectionNote = "Correctie: eerder deze week gaven wij verkeerde cijfers door.";

    /// <summary>Common street names; with a house number they make plausible (invented) addresses.</summary>
    public static readonly string[] Streets =
    [
        "Stationsstraat", "Kerkstraat", "Molenweg", "Dorpsstraat", "Industrieweg", "Julianalaan", "Beatrixstraat",
        "Schoolstraat", "Marktstraat", "Nieuwstraat", "Parallelweg", "Prins Bernhardlaan", "Wilhelminastraat", "Beukenlaan",
        "Lindelaan", "Het Hoge Veld", "Bleekstraat", "Hofstraat", "Oranjestraat", "Zuiderval", "Kastanjelaan",
        "Spoorstraat", "Ambachtsweg", "Europaweg", "Landstraat",
    ];

    /// <summary>Postcode ranges and area codes of the municipalities in the shipped regions.</summary>
    public static readonly Dictionary<string, MunicipalityContact> Municipalities = new(StringComparer.Ordinal)
    {
        // Achterhoek
        ["GM0197"] = new(7121, 2, "0543"),
        ["GM1859"] = new(7271, 2, "0545"),
        ["GM1876"] = new(7251, 2, "0575"),
        ["GM0222"] = new(7001, 8, "0314"),
        ["GM1955"] = new(6941, 2, "0316"),
        ["GM1586"] = new(7131, 3, "0544"),
        ["GM1509"] = new(7071, 2, "0315"),
        ["GM0294"] = new(7101, 3, "0543"),

        // Twente
        ["GM0141"] = new(7601, 8, "0546"),
        ["GM0147"] = new(7621, 2, "074"),
        ["GM1774"] = new(7591, 1, "0541"),
        ["GM0153"] = new(7511, 30, "053"),
        ["GM0158"] = new(7481, 2, "053"),
        ["GM0163"] = new(7441, 2, "0548"),
        ["GM0164"] = new(7550, 9, "074"),
        ["GM1735"] = new(7471, 1, "0547"),
        ["GM0168"] = new(7581, 1, "053"),
        ["GM0173"] = new(7570, 7, "0541"),
        ["GM1742"] = new(7461, 2, "0548"),
        ["GM0183"] = new(7651, 1, "0546"),
        ["GM1700"] = new(7671, 1, "0546"),
        ["GM0189"] = new(7641, 1, "0546"),

        // Rivierenland
        ["GM0214"] = new(4116, 1, "0344"),
        ["GM0216"] = new(4101, 6, "0345"),
        ["GM0263"] = new(5331, 1, "073"),
        ["GM1740"] = new(4041, 2, "0488"),
        ["GM0281"] = new(4001, 6, "0344"),
        ["GM1960"] = new(4191, 1, "0345"),
        ["GM0668"] = new(6658, 1, "0487"),
        ["GM0297"] = new(5301, 7, "0418"),

        // Midden-IJssel/Oost-Veluwe
        ["GM0200"] = new(7311, 25, "055"),
        ["GM0213"] = new(6971, 1, "0575"),
        ["GM0232"] = new(8161, 1, "0578"),
        ["GM0244"] = new(8051, 1, "038"),
        ["GM0246"] = new(8181, 1, "0578"),
        ["GM0262"] = new(7241, 4, "0573"),
        ["GM0285"] = new(7391, 1, "0571"),
        ["GM0301"] = new(7201, 6, "0575"),
    };

    public static readonly MunicipalityContact DefaultMunicipalityContact = new(1000, 8000, "088");
}
