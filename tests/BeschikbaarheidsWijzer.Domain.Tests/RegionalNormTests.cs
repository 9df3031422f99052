using BeschikbaarheidsWijzer.Domain.Norms;
using BeschikbaarheidsWijzer.Domain.Validation;

namespace BeschikbaarheidsWijzer.Domain.Tests;

public class RegionalNormTests
{
    private static readonly DateOnly Today = new(2026, 11, 18);
    private static readonly DateTimeOffset Recorded = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);

    private static RegionalNormVersion Version(string validFrom, int total, long sequence, DateTimeOffset? recordedAt = null) =>
        new("achterhoek", "ambulante-begeleiding", new WaitNorm(null, null, total), DateOnly.Parse(validFrom), recordedAt ?? Recorded, sequence);

    [Fact]
    public void Versions_apply_until_the_day_before_the_next_and_a_later_recording_with_the_same_date_replaces()
    {
        var described = RegionalNormHistory.Describe(
        [
            Version("2024-01-01", 10, 1),
            Version("2025-01-01", 8, 2),
            Version("2025-01-01", 7, 3, Recorded.AddDays(1)),
            Version("2027-01-01", 6, 4),
        ], Today).ToDictionary(d => d.Version.Sequence);

        Assert.Equal((new DateOnly(2024, 12, 31), NormVersionStatus.Ended), (described[1].ValidTo, described[1].Status));
        Assert.Equal(NormVersionStatus.Replaced, described[2].Status);
        Assert.Null(described[2].ValidTo);
        Assert.Equal((new DateOnly(2026, 12, 31), NormVersionStatus.InForce), (described[3].ValidTo, described[3].Status));
        Assert.Equal(((DateOnly?)null, NormVersionStatus.Scheduled), (described[4].ValidTo, described[4].Status));
    }

    [Fact]
    public void Recorded_at_the_same_instant_the_higher_sequence_wins_in_history_and_resolver_alike()
    {
        RegionalNormVersion[] versions = [Version("2026-01-01", 9, 7), Version("2026-01-01", 5, 8)];
        var resolver = new NormResolver(TreeknormFixture.NationalRules, versions);

        var inForce = RegionalNormHistory.Describe(versions, Today).Single(d => d.Status == NormVersionStatus.InForce);

        Assert.Equal(8, inForce.Version.Sequence);
        Assert.Equal(5, resolver.Resolve(TreeknormFixture.CareTypes.AmbulanteBegeleiding, "achterhoek", Today)!.Norm.MaxTotalWeeks);
    }

    public static TheoryData<int?, int?, int?, string?, string> Invalid() => new()
    {
        { -1, null, null, "2027-01-01", "maxIntakeWeeks" },
        { 105, null, null, "2027-01-01", "maxIntakeWeeks" },
        { null, int.MaxValue, null, "2027-01-01", "maxTreatmentWeeks" },
        { null, null, 209, "2027-01-01", "maxTotalWeeks" },
        { null, null, int.MinValue, "2027-01-01", "maxTotalWeeks" },
        { null, null, null, "2027-01-01", "maxTotalWeeks" },
        { 4, 10, 8, "2027-01-01", "maxTotalWeeks" },
        { 4, 10, 14, null, "validFrom" },
        { 4, 10, 14, "  ", "validFrom" },
        { 4, 10, 14, "2027-02-30", "validFrom" },
        { 4, 10, 14, "1-1-2027", "validFrom" },
        { 4, 10, 14, "2027-01-01T00:00:00", "validFrom" },
        { 4, 10, 14, " 2027-01-01", "validFrom" },
        { 4, 10, 14, "２０２７-01-01", "validFrom" },
        { 4, 10, 14, "2014-12-31", "validFrom" },
        { 4, 10, 14, "2031-11-19", "validFrom" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_norms_name_the_field(int? intake, int? treatment, int? total, string? validFrom, string field)
    {
        var errors = new ValidationErrors();

        var result = RegionalNormRules.Validate(new RegionalNormInput(intake, treatment, total, validFrom), Today, errors);

        Assert.Null(result);
        Assert.True(errors.Contains(field), string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
    }

    [Theory]
    [InlineData(null, null, 0, "2015-01-01")]
    [InlineData(4, 10, 14, "2031-11-18")]
    [InlineData(4, null, null, "2026-11-18")]
    [InlineData(104, 104, 208, "2026-02-28")]
    public void Valid_norms_pass(int? intake, int? treatment, int? total, string validFrom)
    {
        var errors = new ValidationErrors();

        var result = RegionalNormRules.Validate(new RegionalNormInput(intake, treatment, total, validFrom), Today, errors);

        Assert.True(errors.IsEmpty);
        Assert.Equal((new WaitNorm(intake, treatment, total), DateOnly.Parse(validFrom)), result);
    }
}
