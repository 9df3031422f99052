using System.Globalization;
using BeschikbaarheidsWijzer.Domain.Validation;

namespace BeschikbaarheidsWijzer.Domain.Reporting;

/// <summary>
/// What a region measured itself from iJw messages (request to start of care), for one provider (by KvK number), one iJw
/// product category and one calendar month: how many young people started and the median days they waited. A group, never
/// a person: groups smaller than the region's minimum are refused, because a small group could identify a child.
/// </summary>
public sealed record RealisedLeadTime(string KvkNumber, string IjwCategory, DateOnly Month, int YoungPeople, int MedianDays);

/// <summary>The region's own measure for a provider × care type over a period: months, young people and a median in days and weeks.</summary>
public sealed record RegionMeasuredWait(int Months, int YoungPeople, double MedianDays)
{
    public double MedianWeeks => Math.Round(MedianDays / 7, 1);

    /// <summary>
    /// Months combined as the count-weighted mean of their medians (the month files hold medians, not the children's own
    /// days, so the exact median of the period cannot be known). Null without months.
    /// </summary>
    public static RegionMeasuredWait? Combine(IReadOnlyCollection<RealisedLeadTime> months) =>
        months.Count == 0
            ? null
            : new RegionMeasuredWait(
                months.Select(m => m.Month).Distinct().Count(),
                months.Sum(m => m.YoungPeople),
                Math.Round(months.Sum(m => (double)m.MedianDays * m.YoungPeople) / months.Sum(m => m.YoungPeople), 1));
}

/// <summary>
/// The CSV a region uploads (README, "Realised lead times from iJw"): UTF-8, ';'-separated, this header, one line per
/// provider × product category × month. Errors name the file's line (the header is line 1) and the column, e.g.
/// <c>lines[4].aantal_jeugdigen</c>. All or nothing: one error refuses the file.
/// </summary>
public static class RealisedLeadTimeCsv
{
    public static readonly string[] Columns = ["kvk", "ijw_productcategorie", "maand", "aantal_jeugdigen", "mediaan_dagen_tot_start"];

    public static string Header => string.Join(';', Columns);

    public const int MaxBytes = 1024 * 1024;
    public const int MaxRows = 10_000;
    public const int MaxYoungPeople = 100_000;
    public const int MaxMedianDays = 3650;
    public const int DefaultMinimumGroup = 5;
    public static readonly DateOnly FirstMonth = new(2015, 1, 1);

    /// <summary>Reading stops once this many errors are named (a line adds at most five): a wrong file would otherwise answer with thousands.</summary>
    public const int MaxErrors = 50;

    public static (List<RealisedLeadTime> Rows, ValidationErrors Errors) Parse(
        string text, DateOnly today, int minimumGroup, Func<string, bool> isKnownKvk, Func<string, bool> isKnownCategory)
    {
        var errors = new ValidationErrors();
        var rows = new List<RealisedLeadTime>();
        var lines = text.TrimStart('\uFEFF').Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 0 || !Cells(lines[0]).Select(c => c.ToLowerInvariant()).SequenceEqual(Columns))
        {
            errors.Add("lines[1]", ErrorCodes.Format, $"The first line must be the header {Header}.", ("format", "csv-header"), ("header", Header));
            return (rows, errors);
        }

        if (lines.Count - 1 is 0 or > MaxRows)
        {
            errors.Add("lines", ErrorCodes.Count, $"Send 1 to {MaxRows} lines after the header.", ("min", 1), ("max", MaxRows));
            return (rows, errors);
        }

        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var seen = new Dictionary<(string, string, DateOnly), int>();
        for (var i = 1; i < lines.Count && errors.All.Count < MaxErrors; i++)
        {
            var line = i + 1;
            string Field(string column) => $"lines[{line}].{column}";
            var cells = Cells(lines[i]);
            if (cells.Count != Columns.Length)
            {
                errors.Add($"lines[{line}]", ErrorCodes.Format, $"Expected {Columns.Length} values separated by ';', found {cells.Count}.", ("format", "csv-row"));
                continue;
            }

            var (kvk, category, monthText, countText, daysText) = (cells[0], cells[1], cells[2], cells[3], cells[4]);
            var valid = true;
            if (!DutchCodes.IsKvkNumber(kvk))
            {
                valid = Refuse(Field("kvk"), FieldProblem.Format("kvk", "A KvK number of 8 digits."));
            }
            else if (!isKnownKvk(kvk))
            {
                valid = Refuse(Field("kvk"), FieldProblem.Unknown("provider", "No provider has this KvK number."));
            }

            if (!isKnownCategory(category))
            {
                valid = Refuse(Field("ijw_productcategorie"), FieldProblem.Unknown("ijw-category", "Not an iJw product category of a care type (two digits, e.g. 45)."));
            }

            DateOnly month = default;
            if (!DateOnly.TryParseExact(monthText, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out month))
            {
                valid = Refuse(Field("maand"), FieldProblem.Of(ErrorCodes.Date, "A month as yyyy-MM, e.g. 2026-10.", ("format", "yyyy-MM")));
            }
            else if (month > thisMonth || month < FirstMonth)
            {
                valid = Refuse(Field("maand"), FieldProblem.Of(ErrorCodes.DateRange, $"A month from {FirstMonth:yyyy-MM} to this month ({thisMonth:yyyy-MM}).",
                    ("min", FirstMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture)), ("max", thisMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture))));
            }

            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count > MaxYoungPeople)
            {
                valid = Refuse(Field("aantal_jeugdigen"), FieldProblem.Range(0, MaxYoungPeople, $"A whole number from 0 to {MaxYoungPeople}."));
            }
            else if (count < minimumGroup)
            {
                valid = Refuse(Field("aantal_jeugdigen"), FieldProblem.Of(ErrorCodes.TooFew,
                    $"At least {minimumGroup} young people: a smaller group could identify a child. Leave the month out or join it with another.", ("min", minimumGroup)));
            }

            if (!int.TryParse(daysText, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > MaxMedianDays)
            {
                valid = Refuse(Field("mediaan_dagen_tot_start"), FieldProblem.Range(0, MaxMedianDays, $"A whole number of days from 0 to {MaxMedianDays}."));
            }

            if (!valid)
            {
                continue;
            }

            if (!seen.TryAdd((kvk, category, month), line))
            {
                errors.Add(Field("kvk"), ErrorCodes.Duplicate, $"The same provider, category and month as line {seen[(kvk, category, month)]}.", ("first", seen[(kvk, category, month)]));
                continue;
            }

            rows.Add(new RealisedLeadTime(kvk, category, month, count, days));
        }

        return (rows, errors);

        bool Refuse(string field, FieldProblem problem)
        {
            errors.Add(field, problem);
            return false;
        }
    }

    /// <summary>The values of one line: ';'-separated, trimmed, one pair of surrounding quotes taken off.</summary>
    private static List<string> Cells(string line) =>
        line.Split(';').Select(c => c.Trim()).Select(c => c.Length >= 2 && c[0] == '"' && c[^1] == '"' ? c[1..^1].Trim() : c).ToList();
}
