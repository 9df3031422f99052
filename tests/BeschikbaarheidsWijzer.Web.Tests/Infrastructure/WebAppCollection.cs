namespace BeschikbaarheidsWijzer.Web.Tests.Infrastructure;

/// <summary>All browser test classes share one running app and run one after another (2 CPU cores in CI).</summary>
[CollectionDefinition(Name)]
public sealed class WebAppCollection : ICollectionFixture<WebAppServer>
{
    public const string Name = "web app";
}
