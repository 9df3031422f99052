using System.Reflection;
using NetArchTest.Rules;

namespace BeschikbaarheidsWijzer.Api.Tests;

/// <summary>
/// The folders' promises, read from the compiled code (method bodies included): a feature never uses another feature;
/// what several share lives below them (Shared, Infrastructure, Data), which never use a feature; the domain library uses
/// neither ASP.NET nor EF Core.
/// </summary>
public sealed class ArchitectureTests
{
    private const string Root = "BeschikbaarheidsWijzer.Api";
    private static readonly Assembly Api = typeof(Program).Assembly;

    private static readonly string[] Features = Api.GetTypes()
        .Select(t => t.Namespace ?? "")
        .Where(n => n.StartsWith($"{Root}.Features.", StringComparison.Ordinal))
        .Select(n => n.Split('.')[3])
        .Distinct()
        .Order(StringComparer.Ordinal)
        .ToArray();

    public static TheoryData<string> FeatureNames() => [.. Features];

    [Fact]
    public void The_features_are_found()
    {
        Assert.Contains("Search", Features);
        Assert.Contains("Admin", Features);
        Assert.True(Features.Length >= 9, string.Join(", ", Features));
    }

    [Theory]
    [MemberData(nameof(FeatureNames))]
    public void A_feature_uses_no_other_feature(string feature)
    {
        var others = Features.Where(f => f != feature).Select(f => $"{Root}.Features.{f}.").ToArray();
        var result = Types.InAssembly(Api).That().ResideInNamespace($"{Root}.Features.{feature}")
            .ShouldNot().HaveDependencyOnAny(others.Select(o => o.TrimEnd('.')).ToArray())
            .GetResult();

        Assert.True(result.IsSuccessful, $"Features.{feature} uses another feature: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Theory]
    [InlineData("Shared")]
    [InlineData("Infrastructure")]
    [InlineData("Data")]
    public void What_features_share_uses_no_feature(string layer)
    {
        var result = Types.InAssembly(Api).That().ResideInNamespace($"{Root}.{layer}")
            .ShouldNot().HaveDependencyOn($"{Root}.Features")
            .GetResult();

        Assert.True(result.IsSuccessful, $"{layer} uses a feature: {string.Join(", ", result.FailingTypeNames ?? [])}");
    }

    [Fact]
    public void The_domain_library_uses_neither_aspnet_nor_ef_core()
    {
        var result = Types.InAssembly(typeof(Domain.Norms.NormEvaluator).Assembly)
            .ShouldNot().HaveDependencyOnAny("Microsoft.AspNetCore", "Microsoft.EntityFrameworkCore", "Npgsql", Root)
            .GetResult();

        Assert.True(result.IsSuccessful, string.Join(", ", result.FailingTypeNames ?? []));
    }
}
