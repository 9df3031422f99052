namespace BeschikbaarheidsWijzer.Api.Tests.Infrastructure;

public static class TestPaths
{
    /// <summary>The folder with <c>BeschikbaarheidsWijzer.sln</c>, found upwards from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BeschikbaarheidsWijzer.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Could not find the repository root above " + AppContext.BaseDirectory);
    }
}
