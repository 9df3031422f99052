namespace BeschikbaarheidsWijzer.Domain.Availability;

/// <summary>
/// Which of an offering's reports is current: the one for the latest week; within a week the latest reported; at the
/// same moment the last stored. The database states the same rule once (<c>bw_current_report_id</c> in
/// <c>Data/Sql/search_read_model.v1.sql</c>), for the pointer every offering keeps; a test holds the two together.
/// </summary>
public static class CurrentReportRule
{
    /// <summary>The current one of <paramref name="reports"/>, or null when there are none.</summary>
    public static T? Current<T>(IEnumerable<T> reports, Func<T, DateOnly> weekStart, Func<T, DateTimeOffset> reportedAt, Func<T, long> sequence) =>
        reports.OrderByDescending(weekStart).ThenByDescending(reportedAt).ThenByDescending(sequence).FirstOrDefault();
}
