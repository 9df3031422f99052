using BeschikbaarheidsWijzer.Domain.Norms;

namespace BeschikbaarheidsWijzer.Domain.Reporting;

public static class Statistics
{
    /// <summary>The middle value; for an even count the mean of the two middle values; null for no values.</summary>
    public static double? Median(IEnumerable<int> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }
}

/// <summary>Of <see cref="Compared"/> weeks (or offerings), <see cref="Within"/> were within the norm.</summary>
public sealed record NormShare(int Compared, int Within)
{
    public static readonly NormShare Empty = new(0, 0);

    /// <summary>Within ÷ compared; null when nothing was compared.</summary>
    public double? Share => Compared == 0 ? null : (double)Within / Compared;

    public static NormShare Count(IEnumerable<bool?> comparisons)
    {
        var compared = 0;
        var within = 0;
        foreach (var comparison in comparisons)
        {
            if (comparison is { } isWithin)
            {
                compared++;
                within += isWithin ? 1 : 0;
            }
        }

        return new NormShare(compared, within);
    }

    /// <summary>Counts statuses: only <c>within</c> and <c>exceeded</c> judge the whole wait; <c>partial</c> and <c>unknown</c> are not compared.</summary>
    public static NormShare Count(IEnumerable<NormStatus> statuses) =>
        Count(statuses.Select(s => s switch
        {
            NormStatus.Within => true,
            NormStatus.Exceeded => false,
            _ => (bool?)null,
        }));
}
