using BeschikbaarheidsWijzer.Api.Data;
using BeschikbaarheidsWijzer.Api.Data.Entities;
using BeschikbaarheidsWijzer.Domain.Contracts;

namespace BeschikbaarheidsWijzer.Api.Features.Admin;

/// <summary>
/// Contracts are history: one that is dropped is ended (valid to yesterday), not deleted — unless it had not started
/// before today, in which case it never was in force and is removed.
/// </summary>
internal static class ContractHistory
{
    /// <summary>In force today or later (not yet ended).</summary>
    public static bool IsOpen(Contract contract, DateOnly today) => ContractValidity.IsOpenOn(contract.ValidTo, today);

    public static void End(WijzerDbContext db, Offering offering, Contract contract, DateOnly today)
    {
        if (contract.ValidFrom >= today)
        {
            offering.Contracts.Remove(contract);
            db.Contracts.Remove(contract);
        }
        else
        {
            contract.ValidTo = today.AddDays(-1);
        }
    }

    /// <summary>Soft delete: the offering leaves search and its open contracts end; its reports stay.</summary>
    public static void SoftDelete(WijzerDbContext db, Offering offering, DateTimeOffset now, DateOnly today)
    {
        offering.DeletedAt = now;
        offering.UpdatedAt = now;
        foreach (var contract in offering.Contracts.Where(c => IsOpen(c, today)).ToList())
        {
            End(db, offering, contract, today);
        }
    }
}
