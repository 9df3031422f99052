using System.Globalization;
using System.Text.Json;

namespace BeschikbaarheidsWijzer.Web.Tests.Infrastructure;

/// <summary>What a citizen should read for the API's figures: the tests' own statement of the page's Dutch.</summary>
public static class Expected
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static string Weeks(int n) => n == 1 ? "1 week" : $"{n} weken";

    /// <summary>"3 weken wachten tot intake — binnen de norm van 4 weken", from the API's verdict on that phase.</summary>
    public static string IntakeSentence(JsonElement item)
    {
        var intake = Phase(item, "intake");
        var weeks = intake.GetProperty("weeks").GetInt32();
        var bound = intake.GetProperty("maxWeeks").GetInt32();
        var wait = weeks == 0 ? "Geen wachttijd tot intake" : $"{Weeks(weeks)} wachten tot intake";
        var norm = bound == 0 ? "de norm (hulp moet direct beginnen)" : $"de norm van {Weeks(bound)}";
        return $"{wait} — {(intake.GetProperty("status").GetString() == "within" ? "binnen" : "langer dan")} {norm}";
    }

    /// <summary>
    /// The line a parent reads first: the total wait against the total norm when both are known; else what is known and
    /// what is not. Only for the cases it states (null for the rest).
    /// </summary>
    public static string? LeadLine(JsonElement item)
    {
        if (item.GetProperty("availability").ValueKind != JsonValueKind.Object)
        {
            return "Deze aanbieder heeft nog geen wachttijden doorgegeven.";
        }

        var total = Phase(item, "total");
        var intake = Phase(item, "intake");
        var treatment = Phase(item, "treatment");
        if (Number(total, "weeks") is { } weeks && Number(total, "maxWeeks") is { } bound and > 0)
        {
            var wait = weeks == 0 ? "Geen wachttijd" : $"In totaal {Weeks(weeks)} wachten";
            if (total.GetProperty("status").GetString() == "exceeded")
            {
                return $"{wait} — langer dan de norm van {Weeks(bound)}";
            }

            var line = $"{wait} — de norm is {Weeks(bound)}";
            return intake.GetProperty("status").GetString() == "exceeded" || treatment.GetProperty("status").GetString() == "exceeded" ? null : line;
        }

        if (Number(total, "weeks") is null && Number(intake, "weeks") is { } intakeWeeks and > 0 && total.GetProperty("status").GetString() != "exceeded")
        {
            return $"{Weeks(intakeWeeks)} wachten tot intake. Hoe lang het daarna duurt tot de hulp begint, is niet bekend.";
        }

        return null;
    }

    public static JsonElement Phase(JsonElement item, string phase) =>
        item.GetProperty("phases").EnumerateArray().Single(p => p.GetProperty("phase").GetString() == phase);

    private static int? Number(JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Number ? element.GetProperty(property).GetInt32() : null;

    public static string Badge(JsonElement item) => StatusWords(item.GetProperty("normStatus").GetString());

    public static string StatusWords(string? status) => status switch
    {
        "within" => "Binnen de norm",
        "partial" => "Binnen de norm voor zover bekend",
        "exceeded" => "Langer dan de norm",
        _ => "Niet te beoordelen",
    };

    /// <summary>"18 november 2026", in Amsterdam time.</summary>
    public static string Date(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Amsterdam).ToString("d MMMM yyyy", Dutch);

    /// <summary>"2026-11-18", in Amsterdam time.</summary>
    public static string IsoDate(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, Amsterdam).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static IEnumerable<JsonElement> Items(JsonElement searchResponse) => searchResponse.GetProperty("items").EnumerateArray();

    public static bool HasFigure(JsonElement item, string availabilityField, string normField) =>
        item.GetProperty("availability") is { ValueKind: JsonValueKind.Object } a && a.GetProperty(availabilityField).ValueKind == JsonValueKind.Number
        && item.GetProperty("norm") is { ValueKind: JsonValueKind.Object } n && n.GetProperty(normField).ValueKind == JsonValueKind.Number;

    /// <summary>The available-now flag the API gave (false without figures).</summary>
    public static bool AvailableNow(JsonElement item) =>
        item.GetProperty("availability") is { ValueKind: JsonValueKind.Object } a && a.GetProperty("availableNow").GetBoolean();
}
