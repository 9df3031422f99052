namespace BeschikbaarheidsWijzer.Api.Data.Entities;

/// <summary>Something in force from <c>ValidFrom</c> up to and including <c>ValidTo</c> (null: no end yet).</summary>
public interface IValidityPeriod
{
    DateOnly ValidFrom { get; }
    DateOnly? ValidTo { get; }
}
