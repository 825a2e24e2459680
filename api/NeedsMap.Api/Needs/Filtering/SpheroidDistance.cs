namespace NeedsMap.Api.Needs.Filtering;

/// <summary>
/// The distance between two WGS-84 points on the spheroid (Vincenty's inverse formula), the same measure PostGIS's
/// <c>ST_DWithin</c> on <c>geography</c> takes (it uses Karney's geodesic; the two agree to well under a millimetre at the
/// distances a filter allows), so the in-memory matcher and the SQL agree on who is within a radius.
/// </summary>
public static class SpheroidDistance
{
    private const double A = 6_378_137.0;
    private const double F = 1 / 298.257223563;
    private const double B = A * (1 - F);

    public static double Meters(double latitude1, double longitude1, double latitude2, double longitude2)
    {
        var l = double.DegreesToRadians(longitude2 - longitude1);
        var u1 = Math.Atan((1 - F) * Math.Tan(double.DegreesToRadians(latitude1)));
        var u2 = Math.Atan((1 - F) * Math.Tan(double.DegreesToRadians(latitude2)));
        double sinU1 = Math.Sin(u1), cosU1 = Math.Cos(u1), sinU2 = Math.Sin(u2), cosU2 = Math.Cos(u2);
        var lambda = l;
        double sinSigma, cosSigma, sigma, cosSqAlpha, cos2SigmaM;
        for (var i = 0; ; i++)
        {
            double sinLambda = Math.Sin(lambda), cosLambda = Math.Cos(lambda);
            var x = cosU2 * sinLambda;
            var y = (cosU1 * sinU2) - (sinU1 * cosU2 * cosLambda);
            sinSigma = Math.Sqrt((x * x) + (y * y));
            if (sinSigma == 0)
            {
                return 0;
            }
            cosSigma = (sinU1 * sinU2) + (cosU1 * cosU2 * cosLambda);
            sigma = Math.Atan2(sinSigma, cosSigma);
            var sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cosSqAlpha = 1 - (sinAlpha * sinAlpha);
            cos2SigmaM = cosSqAlpha == 0 ? 0 : cosSigma - (2 * sinU1 * sinU2 / cosSqAlpha);
            var c = F / 16 * cosSqAlpha * (4 + (F * (4 - (3 * cosSqAlpha))));
            var previous = lambda;
            lambda = l + ((1 - c) * F * sinAlpha * (sigma + (c * sinSigma * (cos2SigmaM + (c * cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))))));
            // Filters reach 100 km at most, far from the near-antipodal pairs where the iteration may not settle.
            if (Math.Abs(lambda - previous) < 1e-13 || i == 200)
            {
                break;
            }
        }
        var uSq = cosSqAlpha * ((A * A) - (B * B)) / (B * B);
        var bigA = 1 + (uSq / 16384 * (4096 + (uSq * (-768 + (uSq * (320 - (175 * uSq)))))));
        var bigB = uSq / 1024 * (256 + (uSq * (-128 + (uSq * (74 - (47 * uSq))))));
        var deltaSigma = bigB * sinSigma * (cos2SigmaM + (bigB / 4 * ((cosSigma * (-1 + (2 * cos2SigmaM * cos2SigmaM)))
            - (bigB / 6 * cos2SigmaM * (-3 + (4 * sinSigma * sinSigma)) * (-3 + (4 * cos2SigmaM * cos2SigmaM))))));
        return B * bigA * (sigma - deltaSigma);
    }
}
