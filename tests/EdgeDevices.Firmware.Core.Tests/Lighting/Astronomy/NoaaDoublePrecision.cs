using EdgeDevices.Firmware.Lighting.Astronomy;

namespace EdgeDevices.Firmware.Core.Tests.Lighting.Astronomy;

/// <summary>
/// The NOAA equations in double precision with Julian days, written out separately from SolarClock:
/// the yardstick for how much SolarClock loses by computing in single precision, as the ESP32 does.
/// </summary>
internal static class NoaaDoublePrecision
{
    public static double? LocalSeconds(double lat, double lon, int offsetMinutes, int days, SolarEvent e) =>
        LocalSeconds(lat, lon, offsetMinutes, days, e, out _);

    /// <summary>Also gives sin of the hour angle at the crossing: near 0 the sun grazes the altitude.</summary>
    public static double? LocalSeconds(double lat, double lon, int offsetMinutes, int days, SolarEvent e, out double sinHourAngle)
    {
        sinHourAngle = 0;
        var morning = ((int)e & 1) == 1;
        var altitude = e switch
        {
            SolarEvent.Sunrise or SolarEvent.Sunset => -0.833,
            SolarEvent.CivilDawn or SolarEvent.CivilDusk => -6.0,
            SolarEvent.NauticalDawn or SolarEvent.NauticalDusk => -12.0,
            _ => -18.0,
        };
        foreach (var k in new[] { 0, -1, 1 })
        {
            var seconds = Solve(lat, lon, offsetMinutes, days + k, altitude, morning, out sinHourAngle);
            if (seconds is { } s)
            {
                s += k * 86400.0;
                if (s >= 0 && s < 86400)
                {
                    return s;
                }
            }
        }

        return null;
    }

    private static double? Solve(double lat, double lon, int offset, int days, double altitude, bool morning, out double sinHourAngle)
    {
        sinHourAngle = 0;
        var julianDayAtUtcMidnight = 2440587.5 + days;
        var minute = 720.0 - offset;
        for (var i = 0; i < 6; i++)
        {
            var t = (julianDayAtUtcMidnight + minute / 1440.0 - 2451545.0) / 36525.0;
            var l0 = Mod(280.46646 + t * (36000.76983 + t * 0.0003032), 360);
            var m = 357.52911 + t * (35999.05029 - 0.0001537 * t);
            var e = 0.016708634 - t * (0.000042037 + 0.0000001267 * t);
            var c = SinD(m) * (1.914602 - t * (0.004817 + 0.000014 * t)) + SinD(2 * m) * (0.019993 - 0.000101 * t) + SinD(3 * m) * 0.000289;
            var omega = 125.04 - 1934.136 * t;
            var lambda = l0 + c - 0.00569 - 0.00478 * SinD(omega);
            var epsilon = 23 + (26 + (21.448 - t * (46.815 + t * (0.00059 - t * 0.001813))) / 60) / 60 + 0.00256 * CosD(omega);
            var declination = Math.Asin(SinD(epsilon) * SinD(lambda)) * 180 / Math.PI;
            var y = Math.Pow(Math.Tan(epsilon * Math.PI / 360), 2);
            var eqTime = 4 * 180 / Math.PI * (y * SinD(2 * l0) - 2 * e * SinD(m) + 4 * e * y * SinD(m) * CosD(2 * l0)
                - 0.5 * y * y * SinD(4 * l0) - 1.25 * e * e * SinD(2 * m));
            var cosH = (SinD(altitude) - SinD(lat) * SinD(declination)) / (CosD(lat) * CosD(declination));
            if (Math.Abs(cosH) > 1)
            {
                return null;
            }

            sinHourAngle = Math.Sqrt(1 - cosH * cosH);
            var h = Math.Acos(cosH) * 180 / Math.PI;
            var noon = 720 - 4 * lon - eqTime;
            minute = morning ? noon - 4 * h : noon + 4 * h;
        }

        return (minute + offset) * 60;
    }

    private static double SinD(double d) => Math.Sin(d * Math.PI / 180);

    private static double CosD(double d) => Math.Cos(d * Math.PI / 180);

    private static double Mod(double x, double m) => x - m * Math.Floor(x / m);
}
