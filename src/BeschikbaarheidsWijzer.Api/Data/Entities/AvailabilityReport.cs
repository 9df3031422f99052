namespace BeschikbaarheidsWijzer.Api.Data.Entities;

/// <summary>How a provider measured its waits (Treeknorm terms).</summary>
public enum MeasurementMethod
{
    /// <summary>Expected wait for someone registering now.</summary>
    Actueel,

    /// <summary>Wait actually experienced by those who recently started.</summary>
    Retrospectief,
}

/// <summary>
/// Wachttijdmelding: a provider's weekly figures for one offering. Append-only: the current report of an offering is
/// the latest one of its latest week; earlier ones stay as history. Aggregate figures only, never client data.
/// </summary>
public sealed class AvailabilityReport
{
    public long Id { get; set; }
    public Guid OfferingId { get; set; }
    public Offering? Offering { get; set; }

    /// <summary>Monday of the ISO week (Europe/Amsterdam) the report is for.</summary>
    public DateOnly WeekStart { get; set; }

    public DateTimeOffset ReportedAt { get; set; }
    public bool AcceptingReferrals { get; set; }
    public int? WaitToIntakeWeeks { get; set; }
    public int? WaitToTreatmentWeeks { get; set; }
    public int? FreePlaces { get; set; }
    public int? TotalPlaces { get; set; }
    public int? WaitlistCount { get; set; }
    public MeasurementMethod Method { get; set; }
    public bool MatchingDependent { get; set; }
    public bool BridgingCareAvailable { get; set; }
    public string? Note { get; set; }

    /// <summary>Mean wait of the young people who actually started in the last 8 weeks (optional, beside the expected wait).</summary>
    public int? RealisedWaitToIntakeWeeks { get; set; }

    public int? RealisedWaitToTreatmentWeeks { get; set; }

    /// <summary>"Nothing changed this week": the figures are the offering's latest ones, repeated by the provider.</summary>
    public bool ConfirmedUnchanged { get; set; }

    /// <summary>
    /// When these figures were first reported, when that was an earlier report (they are the same as its); null when this
    /// report brought them. A plain insert (a DBA, an import) is then right by default.
    /// </summary>
    public DateTimeOffset? FiguresChangedAt { get; set; }

    /// <summary>When the figures of this report were first reported.</summary>
    public DateTimeOffset FiguresFirstReportedAt => FiguresChangedAt ?? ReportedAt;

    /// <summary>The plausibility warnings the report was accepted with, as JSON (null when none): the region's list of notable reports.</summary>
    public string? Warnings { get; set; }

    /// <summary>The API key that sent it; null for demo data and administrative imports.</summary>
    public string? ApiKeyId { get; set; }
}
