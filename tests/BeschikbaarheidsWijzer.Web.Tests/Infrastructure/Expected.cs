using System.Globalization;
using System.Text.Json;

namespace BeschikbaarheidsWijzer.Web.Tests.Infrastructure;

/// <summary>What a citizen should read for the API's figures: the tests' own statement of the page's Dutch.</summary>
public static class Expected
{
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl-NL");
    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static string Weeks(int n) => n == 1 ? "1 week" : $"{n} weken";

    /// <summary>"3 weken wachten tot intake — binnen de norm van 4 weken".</summary>
    public static string IntakeSentence(JsonElement item)
    {
        var weeks = item.GetProperty("availability").GetProperty("waitToIntakeWeeks").GetInt32();
        var bound = item.GetProperty("norm").GetProperty("maxIntakeWeeks").GetInt32();
        var wait = weeks == 0 ? "Geen wachttijd tot intake" : $"{Weeks(weeks)} wachten tot intake";
        var norm = bound == 0 ? "de norm (hulp moet direct beginnen)" : $"de norm van {Weeks(bound)}";
        return $"{wait} — {(weeks <= bound ? "binnen" : "langer dan")} {norm}";
    }

    public static string Badge(JsonElement item) => item.GetProperty("normStatus").GetString() switch
    {
        "within" => "Binnen de norm",
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
}
