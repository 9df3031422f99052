using System.Text.Json;
using System.Text.Json.Serialization;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Domain.Availability;

namespace BeschikbaarheidsWijzer.Api.Shared.Availability;

/// <summary>
/// A plausibility warning: the report was accepted (or would be), but looks unlikely. <c>field</c> is null when it is
/// about the report as a whole; the rule's figures follow as further members (README, "Plausibility warnings").
/// </summary>
public sealed record ReportWarningDto(Guid OfferingId, string Code, string? Field)
{
    [JsonExtensionData]
    public Dictionary<string, object?>? Parameters { get; init; }
}

/// <summary>The warnings a report was accepted with, kept with the report as JSON: written by the provider API, read by the region's reports.</summary>
public static class ReportWarnings
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stored form (null when there are none): <c>[{ "code", "field", …figures }]</c>.</summary>
    public static string? ToStored(IReadOnlyList<PlausibilityWarning> warnings) =>
        warnings.Count == 0 ? null : JsonSerializer.Serialize(warnings.Select(ToEntry), Json);

    /// <summary>The warnings a stored report was accepted with, as the wire shows them.</summary>
    public static List<ReportWarningDto> Of(AvailabilityReport report) => Parse(report.OfferingId, report.Warnings);

    public static List<ReportWarningDto> Parse(Guid offeringId, string? stored)
    {
        if (stored is null)
        {
            return [];
        }

        var entries = JsonSerializer.Deserialize<List<Dictionary<string, JsonElement>>>(stored, Json) ?? [];
        return entries.Select(entry => new ReportWarningDto(
                offeringId,
                entry["code"].GetString()!,
                entry.TryGetValue("field", out var field) && field.ValueKind == JsonValueKind.String ? field.GetString() : null)
        {
            Parameters = entry.Where(p => p.Key is not ("code" or "field")).ToDictionary(p => p.Key, p => (object?)p.Value, StringComparer.Ordinal),
        }).ToList();
    }

    private static Dictionary<string, object?> ToEntry(PlausibilityWarning warning)
    {
        var entry = new Dictionary<string, object?>(StringComparer.Ordinal) { ["code"] = warning.Code, ["field"] = warning.Field };
        foreach (var (name, value) in warning.Parameters)
        {
            entry[name] = value;
        }

        return entry;
    }
}
