namespace BeschikbaarheidsWijzer.Domain.Norms;

/// <summary>Where a version stands on a date.</summary>
public enum NormVersionStatus
{
    /// <summary>The version in force on the date.</summary>
    InForce,

    /// <summary>Takes effect after the date.</summary>
    Scheduled,

    /// <summary>Was in force, until a later version took over.</summary>
    Ended,

    /// <summary>Never applies: a later recording with the same <c>validFrom</c> replaced it.</summary>
    Replaced,
}

/// <summary>A stored version with the period it applies (computed from the versions after it).</summary>
public sealed record DescribedNormVersion(RegionalNormVersion Version, DateOnly? ValidTo, NormVersionStatus Status);

/// <summary>
/// Every version of a region's norms is kept. For one care type, versions apply in <c>validFrom</c> order, each until the
/// day before the next one; of versions with the same <c>validFrom</c>, the one recorded last applies and the others are
/// replaced. This is the same rule <see cref="NormResolver"/> applies for a single date.
/// </summary>
public static class RegionalNormHistory
{
    public static IReadOnlyList<DescribedNormVersion> Describe(IEnumerable<RegionalNormVersion> versions, DateOnly today)
    {
        var described = new List<DescribedNormVersion>();
        foreach (var careType in versions.GroupBy(v => (v.RegionCode.ToLowerInvariant(), v.CareTypeCode.ToLowerInvariant())))
        {
            var byDate = careType.GroupBy(v => v.ValidFrom).OrderBy(g => g.Key).ToList();
            for (var i = 0; i < byDate.Count; i++)
            {
                var recorded = byDate[i].OrderByDescending(v => v.RecordedAt).ThenByDescending(v => v.Sequence).ToList();
                DateOnly? validTo = i + 1 < byDate.Count ? byDate[i + 1].Key.AddDays(-1) : null;
                var winner = recorded[0];
                var status = winner.ValidFrom > today ? NormVersionStatus.Scheduled
                    : validTo < today ? NormVersionStatus.Ended
                    : NormVersionStatus.InForce;
                described.Add(new DescribedNormVersion(winner, validTo, status));
                described.AddRange(recorded.Skip(1).Select(v => new DescribedNormVersion(v, null, NormVersionStatus.Replaced)));
            }
        }

        return described;
    }
}
