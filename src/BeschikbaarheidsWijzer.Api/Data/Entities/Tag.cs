namespace BeschikbaarheidsWijzer.Api.Data.Entities;

/// <summary>A word from the controlled list offerings are tagged with (e.g. <c>autisme</c>).</summary>
public sealed class Tag
{
    public required string Code { get; set; }
    public int SortOrder { get; set; }
}
