namespace BeschikbaarheidsWijzer.Api.Data.Sql;

/// <summary>
/// The versioned SQL files of <c>Data/Sql</c>, embedded in the app: migrations create the database objects from them,
/// so the SQL is read and reviewed as SQL, not as strings inside C#.
/// </summary>
public static class SqlFiles
{
    /// <summary>The current version of the search read model: the views the index reads, its triggers and functions.</summary>
    public const string SearchReadModel = "search_read_model.v3.sql";

    public static string Read(string fileName)
    {
        var assembly = typeof(SqlFiles).Assembly;
        var resource = $"{assembly.GetName().Name}.Data.Sql.{fileName}";
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"No embedded SQL file {fileName} ({resource}).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
