namespace EdgeDevices.Gateway.AirQuality;

/// <summary>
/// The US EPA's correction of Plantower PMS5003 PM2.5 as the AirNow Fire and Smoke Map applies it to the
/// sensor's <b>atmospheric</b> (CF=ATM) output, which is what the firmware sends: EPA ORD, "Sensor data cleaning
/// and correction: Application on the AirNow Fire and Smoke Map" (Science Inventory 353088), p. 26. It is
/// Barkjohn et al. 2021's US-wide correction (0.524 · CF=1 − 0.0862 · RH + 5.75, fitted on CF=1) rewritten for
/// CF=ATM, which equals CF=1 below about 28 µg/m³ and is two thirds of it above about 78: five pieces, blended
/// at 30–50 and 210–260 µg/m³, quadratic above (smoke). RH is the node's relative humidity in %. It holds for
/// PMS5003 nodes only: an SDS011 (no PM1 in its readings) is never corrected. Readings above 70 % RH are flagged
/// either way, since optical counters overread growing droplets there.
/// </summary>
public static class HumidityCorrection
{
    /// <summary>Above this relative humidity a PM reading is flagged.</summary>
    public const double FlagAbovePercent = 70;

    /// <summary>The corrected PM2.5 of a PMS5003's atmospheric PM2.5 <paramref name="atm"/> (µg/m³), never below zero.</summary>
    public static double EpaPm25(double atm, double relativeHumidityPercent)
    {
        var x = atm;
        var rh = relativeHumidityPercent;
        double y;
        if (x < 30)
        {
            y = (0.524 * x) - (0.0862 * rh) + 5.75;
        }
        else if (x < 50)
        {
            var f = (x / 20) - 1.5;
            y = (((0.786 * f) + (0.524 * (1 - f))) * x) - (0.0862 * rh) + 5.75;
        }
        else if (x < 210)
        {
            y = (0.786 * x) - (0.0862 * rh) + 5.75;
        }
        else if (x < 260)
        {
            var f = (x / 50) - 4.2;
            y = (((0.69 * f) + (0.786 * (1 - f))) * x) - (0.0862 * rh * (1 - f)) + (2.966 * f) + (5.75 * (1 - f)) + (8.84e-4 * x * x * f);
        }
        else
        {
            y = 2.966 + (0.69 * x) + (8.84e-4 * x * x);
        }

        return Math.Max(0, y);
    }
}
