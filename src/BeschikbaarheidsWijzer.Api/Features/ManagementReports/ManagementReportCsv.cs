using BeschikbaarheidsWijzer.Api.Infrastructure.Csv;
using BeschikbaarheidsWijzer.Api.Shared.Availability;
using BeschikbaarheidsWijzer.Domain.Availability;
using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Reporting;

namespace BeschikbaarheidsWijzer.Api.Features.ManagementReports;

/// <summary>The reports as CSV: the same figures as the JSON, Dutch headers, shares as percentages (one decimal).</summary>
public static class ManagementReportCsv
{
    public static readonly string[] NormComplianceHeader =
    [
        "Aanbieder", "KvK-nummer", "Zorgvorm", "Zorgvormcode", "Aantal aanbod", "Weken verwacht", "Weken gemeld", "Gemeld (%)",
        "Aanmeldwachttijd vergeleken (weken)", "Aanmeldwachttijd binnen norm (%)",
        "Behandelwachttijd vergeleken (weken)", "Behandelwachttijd binnen norm (%)",
        "Totale wachttijd vergeleken (weken)", "Totale wachttijd binnen norm (%)",
        "Alle fasen vergeleken (weken)", "Alle fasen binnen norm (%)",
        "Mediane wachttijd (weken)", "Maximale wachttijd (weken)",
        "Laatste week", "Laatste melding", "Laatste normstatus", "Aanmelden mogelijk",
        "Mediane wachttijd eerste helft (weken)", "Mediane wachttijd tweede helft (weken)", "Verschil (weken)", "Trend",
        "Weken met verwacht en gerealiseerd", "Verwachte wachttijd (mediaan, weken)", "Gerealiseerde wachttijd (mediaan, weken)",
        "Gerealiseerd min verwacht (weken)",
        "Regio gemeten: maanden", "Regio gemeten: jeugdigen gestart", "Regio gemeten: mediaan (dagen)", "Regio gemeten: mediaan (weken)",
        "Regio gemeten min verwacht (weken)",
    ];

    public static readonly string[] RegionSummaryHeader =
    [
        "Zorgvorm", "Zorgvormcode", "iJw-productcategorie", "Aanbod", "Met melding", "Verouderd", "Aanmelden mogelijk", "Vrije plekken",
        "Beoordeeld", "Binnen norm", "Binnen norm (%)", "Mediane wachttijd (weken)",
        "Norm aanmeldwachttijd (weken)", "Norm behandelwachttijd (weken)", "Norm totale wachttijd (weken)", "Norm",
    ];

    public static readonly string[] StaleHeader =
    [
        "Aanbieder", "KvK-nummer", "Telefoon", "E-mail", "Website", "Aanbod", "Zorgvorm", "Laatste melding", "Laatste week", "Dagen sinds laatste melding",
    ];

    public static readonly string[] NotableReportsHeader =
    [
        "Aanbieder", "KvK-nummer", "Telefoon", "E-mail", "Aanbod", "Zorgvorm", "Week", "Melding", "Niets veranderd", "Signaal", "Signaalcode",
        "Veld", "Vorige waarde", "Nieuwe waarde", "Vrije plekken", "Op de wachtlijst", "Weken gelijk",
    ];

    /// <summary>A short Dutch name per plausibility warning, for the CSV (the web app words them in full).</summary>
    private static readonly Dictionary<string, string> SignalNames = new(StringComparer.Ordinal)
    {
        [PlausibilityRules.WaitDroppedSharply] = "Wachttijd sterk gedaald",
        [PlausibilityRules.WaitRoseSharply] = "Wachttijd sterk gestegen",
        [PlausibilityRules.FreePlacesWithWaitlist] = "Vrije plekken met wachtlijst",
        [PlausibilityRules.PlacesJumped] = "Aantal plekken sterk veranderd",
        [PlausibilityRules.StopWithoutWait] = "Aanmeldstop zonder wachttijd",
        [PlausibilityRules.SameFiguresForWeeks] = "Cijfers lang gelijk",
    };

    public static readonly string[] WeeklyTrendHeader =
    [
        "Zorgvorm", "Zorgvormcode", "Week", "Weekstart", "Aanbod verwacht", "Gemeld", "Beoordeeld", "Binnen norm", "Binnen norm (%)",
        "Mediane wachttijd (weken)",
    ];

    public static async Task WriteAsync(CsvWriter csv, NormComplianceReport report, CancellationToken cancellationToken)
    {
        await csv.HeaderAsync(NormComplianceHeader, cancellationToken);
        foreach (var row in report.Rows)
        {
            csv.Text(row.Provider.Name).Code(row.Provider.KvkNumber).Text(row.CareType.Name).Code(row.CareType.Code)
                .Integer(row.Offerings).Integer(row.WeeksExpected).Integer(row.WeeksReported).Percentage(row.ReportedShare);
            foreach (var share in new[] { row.WithinNorm.Intake, row.WithinNorm.Treatment, row.WithinNorm.Total, row.WithinNorm.AllPhases })
            {
                csv.Integer(share.Compared).Percentage(share.Share);
            }

            csv.Decimal(row.MedianWaitWeeks).Integer(row.MaxWaitWeeks)
                .Code(row.Latest?.Week).DateTime(row.Latest?.ReportedAt).Code(row.Latest is null ? null : StatusWord(row.Latest.NormStatus))
                .YesNo(row.Latest?.AcceptingReferrals)
                .Decimal(row.Trend.FirstHalfMedianWaitWeeks).Decimal(row.Trend.SecondHalfMedianWaitWeeks).Decimal(row.Trend.ChangeWeeks)
                .Code(TrendWord(row.Trend.Direction))
                .Integer(row.Realised.Weeks).Decimal(row.Realised.MedianExpectedWeeks).Decimal(row.Realised.MedianRealisedWeeks).Decimal(row.Realised.DifferenceWeeks)
                .Integer(row.RegionMeasured?.Months).Integer(row.RegionMeasured?.YoungPeople).Decimal(row.RegionMeasured?.MedianDays)
                .Decimal(row.RegionMeasured?.MedianWeeks).Decimal(row.RegionMeasured?.DifferenceWeeks);
            await csv.EndRowAsync(cancellationToken);
        }
    }

    public static async Task WriteAsync(CsvWriter csv, RegionSummaryReport report, CancellationToken cancellationToken)
    {
        await csv.HeaderAsync(RegionSummaryHeader, cancellationToken);
        foreach (var row in report.Rows)
        {
            csv.Text(row.CareType.Name).Code(row.CareType.Code).Code(row.IjwCategory).Integer(row.Offerings).Integer(row.WithReport).Integer(row.Stale)
                .Integer(row.AcceptingReferrals).Integer(row.FreePlaces).Integer(row.WithinNorm.Compared).Integer(row.WithinNorm.Within)
                .Percentage(row.WithinNorm.Share).Decimal(row.MedianWaitWeeks)
                .Integer(row.Norm?.MaxIntakeWeeks).Integer(row.Norm?.MaxTreatmentWeeks).Integer(row.Norm?.MaxTotalWeeks).Text(row.Norm?.Label);
            await csv.EndRowAsync(cancellationToken);
        }
    }

    public static async Task WriteAsync(CsvWriter csv, StaleReport report, CancellationToken cancellationToken)
    {
        await csv.HeaderAsync(StaleHeader, cancellationToken);
        foreach (var row in report.Rows)
        {
            csv.Text(row.Provider.Name).Code(row.Provider.KvkNumber).Text(row.Provider.Phone).Text(row.Provider.Email).Text(row.Provider.Website)
                .Text(row.Title).Text(row.CareType.Name).DateTime(row.LastReportedAt).Code(row.LastReportWeek).Integer(row.DaysSinceLastReport);
            await csv.EndRowAsync(cancellationToken);
        }
    }

    /// <summary>One line per warning: a report with two warnings is two lines.</summary>
    public static async Task WriteAsync(CsvWriter csv, NotableReportsReport report, CancellationToken cancellationToken)
    {
        await csv.HeaderAsync(NotableReportsHeader, cancellationToken);
        foreach (var row in report.Rows)
        {
            foreach (var warning in row.Warnings)
            {
                csv.Text(row.Provider.Name).Code(row.Provider.KvkNumber).Text(row.Provider.Phone).Text(row.Provider.Email).Text(row.Title)
                    .Text(row.CareType.Name).Code(row.Week).DateTime(row.ReportedAt).Text(row.ConfirmedUnchanged ? "ja" : "nee")
                    .Text(SignalNames.GetValueOrDefault(warning.Code, warning.Code)).Code(warning.Code).Code(warning.Field)
                    .Integer(Figure(warning, "previous")).Integer(Figure(warning, "current"))
                    .Integer(Figure(warning, "freePlaces")).Integer(Figure(warning, "waitlistCount")).Integer(Figure(warning, "weeks"));
                await csv.EndRowAsync(cancellationToken);
            }
        }
    }

    private static int? Figure(ReportWarningDto warning, string name) =>
        warning.Parameters?.GetValueOrDefault(name) is System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } number ? number.GetInt32() : null;

    public static async Task WriteAsync(CsvWriter csv, WeeklyTrendReport report, CancellationToken cancellationToken)
    {
        await csv.HeaderAsync(WeeklyTrendHeader, cancellationToken);
        foreach (var careType in report.CareTypes)
        {
            foreach (var week in careType.Weeks)
            {
                csv.Text(careType.CareType.Name).Code(careType.CareType.Code).Code(week.Week).Date(week.WeekStart)
                    .Integer(week.OfferingsExpected).Integer(week.Reported).Integer(week.WithinNorm.Compared).Integer(week.WithinNorm.Within)
                    .Percentage(week.WithinNorm.Share).Decimal(week.MedianWaitWeeks);
                await csv.EndRowAsync(cancellationToken);
            }
        }
    }

    /// <summary>A norm status in the words the public site uses.</summary>
    public static string StatusWord(NormStatus status) => status switch
    {
        NormStatus.Within => "binnen norm",
        NormStatus.Partial => "binnen norm voor zover bekend",
        NormStatus.Exceeded => "boven norm",
        _ => "onbekend",
    };

    public static string TrendWord(TrendDirection direction) => direction switch
    {
        TrendDirection.Shorter => "korter",
        TrendDirection.Longer => "langer",
        TrendDirection.Unchanged => "gelijk",
        _ => "onbekend",
    };
}
