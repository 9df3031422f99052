using System.Text.RegularExpressions;
using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Api.Tests.Infrastructure;
using BeschikbaarheidsWijzer.Domain.Contracts;

namespace BeschikbaarheidsWijzer.Api.Tests;

/// <summary>
/// "A contract valid on a date" has one statement in the domain (<see cref="ContractValidity"/>) and one as a database
/// expression (<see cref="ValidityQueries"/>): the two agree on every edge, and no other source file writes the rule again.
/// </summary>
public sealed partial class OneHomePerRuleTests
{
    private static readonly DateOnly Day = new(2026, 11, 18);

    public static TheoryData<DateOnly, DateOnly?> Periods()
    {
        var data = new TheoryData<DateOnly, DateOnly?>();
        DateOnly[] froms = [Day.AddDays(-30), Day.AddDays(-1), Day, Day.AddDays(1)];
        DateOnly?[] tos = [null, Day.AddDays(-1), Day, Day.AddDays(1), Day.AddDays(30)];
        foreach (var from in froms)
        {
            foreach (var to in tos)
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Periods))]
    public void The_database_expressions_say_what_the_domain_rule_says(DateOnly from, DateOnly? to)
    {
        var contract = new Contract { MunicipalityCode = "GM0222", ValidFrom = from, ValidTo = to };
        var municipality = new Municipality { Code = "GM0222", Name = "Doetinchem", RegionCode = "achterhoek", ValidFrom = from, ValidTo = to };

        Assert.Equal(ContractValidity.IsValidOn(from, to, Day), ValidityQueries.ValidOn<Contract>(Day).Compile()(contract));
        Assert.Equal(ContractValidity.IsValidOn(from, to, Day), ValidityQueries.ValidOn<Municipality>(Day).Compile()(municipality));
        Assert.Equal(ContractValidity.IsOpenOn(to, Day), ValidityQueries.OpenOn<Contract>(Day).Compile()(contract));
        foreach (var (start, end) in new[] { (Day.AddDays(-7), Day.AddDays(-2)), (Day, Day), (Day.AddDays(2), Day.AddDays(9)), (Day.AddDays(-40), Day.AddDays(40)) })
        {
            Assert.Equal(ContractValidity.IsValidDuring(from, to, start, end), ValidityQueries.ValidDuring<Contract>(start, end).Compile()(contract));
        }
    }

    [Fact]
    public void No_source_file_writes_the_validity_rule_itself()
    {
        var src = Path.Combine(TestPaths.RepositoryRoot(), "src");
        var homes = new[] { "ValidityQueries.cs", "ContractValidity.cs" };
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !path.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                           && !homes.Contains(Path.GetFileName(path)))
            .Where(path => ValidToComparison().IsMatch(File.ReadAllText(path)))
            .Select(path => Path.GetRelativePath(src, path))
            .ToList();

        Assert.True(offenders.Count == 0, "Use ValidityQueries (queries) or ContractValidity (memory) instead of comparing ValidTo in: " + string.Join(", ", offenders));
    }

    // "ValidTo == null ||", "ValidTo is null ||", "ValidTo >= day", "ValidTo < today": the rule written out by hand.
    [GeneratedRegex(@"ValidTo\s*(==\s*null\s*\|\||is\s+null\s*\|\||>=|>\s|<=|<\s)")]
    private static partial Regex ValidToComparison();
}
