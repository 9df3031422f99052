namespace BeschikbaarheidsWijzer.Domain.Geo;

public static class GeoDistance
{
    public const double EarthRadiusKm = 6371.0;

    /// <summary>Great-circle distance (haversine) in kilometres; the search's SQL uses the same formula.</summary>
    public static double Kilometers(double lat1, double lon1, double lat2, double lon2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var dLat = Radians(lat2 - lat1);
        var dLon = Radians(lon2 - lon1);
        var a = Math.Pow(Math.Sin(dLat / 2), 2) + (Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(dLon / 2), 2));
        return EarthRadiusKm * 2 * Math.Asin(Math.Sqrt(a));
    }
}
