using System.Text.Json;

namespace BeschikbaarheidsWijzer.Api.Data;

/// <summary>
/// The reference data shipped inside the app (copied from the project's source documents): regions and their
/// municipalities, the care type taxonomy with its tags, and the national norms.
/// </summary>
public sealed class ReferenceData
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    public required IReadOnlyList<RegionData> Regions { get; init; }
    public required IReadOnlyList<CareTypeData> CareTypes { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required IReadOnlyList<NormRuleData> NormRules { get; init; }

    public static ReferenceData Load()
    {
        var regions = Read<RegionsFile>("regions.json");
        var careTypes = Read<CareTypesFile>("care-types.json");
        var norms = Read<NormsFile>("norms.json");
        return new ReferenceData
        {
            Regions = regions.Regions,
            CareTypes = careTypes.CareTypes,
            Tags = careTypes.Tags,
            NormRules = norms.Rules,
        };
    }

    private static T Read<T>(string fileName)
    {
        var resourceName = $"{typeof(ReferenceData).Namespace}.Reference.{fileName}";
        using var stream = typeof(ReferenceData).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded reference data {resourceName} is missing.");
        return JsonSerializer.Deserialize<T>(stream, JsonOptions) ?? throw new InvalidOperationException($"{fileName} is empty.");
    }

    public sealed record RegionData(string Code, string Name, IReadOnlyList<MunicipalityData> Municipalities);

    public sealed record MunicipalityData(string Code, string Name, double Lat, double Lon);

    public sealed record CareTypeData(string Code, string Name, string IjwCategory, string Sector, string Setting, bool MatchingDependent);

    public sealed record NormRuleData(string Sector, string Setting, int? MaxIntakeWeeks, int? MaxTreatmentWeeks, int? MaxTotalWeeks, string Label);

    private sealed record RegionsFile(IReadOnlyList<RegionData> Regions);

    private sealed record CareTypesFile(IReadOnlyList<CareTypeData> CareTypes, IReadOnlyList<string> Tags);

    private sealed record NormsFile(IReadOnlyList<NormRuleData> Rules);
}
