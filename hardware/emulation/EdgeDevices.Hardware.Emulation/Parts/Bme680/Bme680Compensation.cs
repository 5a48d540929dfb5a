namespace EdgeDevices.Hardware.Emulation.Parts.Bme680;

/// <summary>
/// The emulated chip's reference for turning physical values into ADC codes: Bosch's own integer compensation
/// (BME68x API v4.4.8), which the chip inverts by search. The firmware never runs it — on the device the
/// nanoFramework binding compensates in floating point, and so does the host stand-in. Bit for bit Bosch's —
/// except where Bosch's
/// pressure code overflows a 32-bit intermediate: its cubic term (p/256)³·par_p10 from about 1064.6 hPa,
/// which reads ~20 hPa low, and its ×3125 product in the cold (below ~1054 hPa at −40 °C), which reads
/// nonsense. Winter highs over Kazakhstan's lowlands reach both, so the pressure is computed in 64 bits with
/// Bosch's order of operations kept: equal to Bosch's output wherever that does not overflow, within the
/// integer formula's own 10 Pa of Bosch's floating-point output everywhere (tests/reference-data/bosch-sensors).
/// </summary>
public static class Bme680Compensation
{
    // Gas-range constants of the BME680 (Bosch: lookup tables 1 and 2 of calc_gas_resistance_low).
    private static readonly uint[] GasRangeTable1 = new uint[]
    {
        2147483647, 2147483647, 2147483647, 2147483647, 2147483647, 2126008810, 2147483647, 2130303777,
        2147483647, 2147483647, 2143188679, 2136746228, 2147483647, 2126008810, 2147483647, 2147483647
    };

    private static readonly uint[] GasRangeTable2 = new uint[]
    {
        4096000000, 2048000000, 1024000000, 512000000, 255744255, 127110228, 64000000, 32258064,
        16016016, 8000000, 4000000, 2000000, 1000000, 500000, 250000, 125000
    };

    /// <summary>t_fine from the raw 20-bit temperature.</summary>
    public static int FineTemperature(Bme680Calibration c, int adcT)
    {
        long var1 = (adcT >> 3) - ((long)c.ParT1 << 1);
        long var2 = (var1 * c.ParT2) >> 11;
        long var3 = ((var1 >> 1) * (var1 >> 1)) >> 12;
        var3 = (var3 * (c.ParT3 << 4)) >> 14;
        return (int)(var2 + var3);
    }

    /// <summary>Temperature in hundredths of a degree Celsius.</summary>
    public static int TemperatureCentiCelsius(int fineTemperature)
    {
        return (fineTemperature * 5 + 128) >> 8;
    }

    /// <summary>Pressure in pascals (computed in 64 bits: Bosch's 32-bit intermediates overflow above ~1064 hPa).</summary>
    public static int PressurePascal(Bme680Calibration c, int fineTemperature, int adcP)
    {
        long var1 = (fineTemperature >> 1) - 64000;
        long var2 = ((((var1 >> 2) * (var1 >> 2)) >> 11) * c.ParP6) >> 2;
        var2 = var2 + ((var1 * c.ParP5) << 1);
        var2 = (var2 >> 2) + ((long)c.ParP4 << 16);
        var1 = (((((var1 >> 2) * (var1 >> 2)) >> 13) * ((long)c.ParP3 << 5)) >> 3) + ((c.ParP2 * var1) >> 1);
        var1 = var1 >> 18;
        var1 = ((32768 + var1) * c.ParP1) >> 15;
        if (var1 == 0)
        {
            return 0;
        }

        long pressure = 1048576 - adcP;
        pressure = (pressure - (var2 >> 12)) * 3125;
        if (pressure >= 0x40000000)
        {
            pressure = (pressure / var1) << 1;
        }
        else
        {
            pressure = (pressure << 1) / var1;
        }

        var1 = (c.ParP9 * (((pressure >> 3) * (pressure >> 3)) >> 13)) >> 12;
        var2 = ((pressure >> 2) * c.ParP8) >> 13;
        long var3 = ((pressure >> 8) * (pressure >> 8) * (pressure >> 8) * c.ParP10) >> 17;
        return (int)(pressure + ((var1 + var2 + var3 + ((long)c.ParP7 << 7)) >> 4));
    }

    /// <summary>Relative humidity in thousandths of a percent (0–100000).</summary>
    public static int HumidityMilliPercent(Bme680Calibration c, int fineTemperature, int adcH)
    {
        int scaled = (fineTemperature * 5 + 128) >> 8;
        int var1 = adcH - c.ParH1 * 16 - (((scaled * c.ParH3) / 100) >> 1);
        int var2 = (c.ParH2 * (((scaled * c.ParH4) / 100) + (((scaled * ((scaled * c.ParH5) / 100)) >> 6) / 100) + (1 << 14))) >> 10;
        int var3 = var1 * var2;
        int var4 = c.ParH6 << 7;
        var4 = (var4 + ((scaled * c.ParH7) / 100)) >> 4;
        int var5 = ((var3 >> 14) * (var3 >> 14)) >> 10;
        int var6 = (var4 * var5) >> 1;
        int humidity = (((var3 + var6) >> 10) * 1000) >> 12;
        return humidity > 100000 ? 100000 : (humidity < 0 ? 0 : humidity);
    }

    /// <summary>Gas resistance in ohms from the 10-bit ADC value and the 4-bit range.</summary>
    public static uint GasResistanceOhms(Bme680Calibration c, int gasAdc, int gasRange)
    {
        long var1 = ((1340 + 5 * (long)c.RangeSwitchingError) * GasRangeTable1[gasRange]) >> 16;
        long var2 = ((long)gasAdc << 15) - 16777216 + var1;
        long var3 = (GasRangeTable2[gasRange] * var1) >> 9;
        return (uint)((var3 + (var2 >> 1)) / var2);
    }

    /// <summary>The res_heat_x register value for a heater target (°C, capped at 400) at an ambient temperature.</summary>
    public static byte HeaterResistanceCode(Bme680Calibration c, int targetCelsius, int ambientCelsius)
    {
        if (targetCelsius > 400)
        {
            targetCelsius = 400;
        }

        int var1 = ((ambientCelsius * c.ParGh3) / 1000) * 256;
        int var2 = (c.ParGh1 + 784) * (((((c.ParGh2 + 154009) * targetCelsius * 5) / 100) + 3276800) / 10);
        int var3 = var1 + (var2 / 2);
        int var4 = var3 / (c.ResHeatRange + 4);
        int var5 = (131 * c.ResHeatVal) + 65536;
        int heaterX100 = ((var4 / var5) - 250) * 34;
        return (byte)((heaterX100 + 50) / 100);
    }

    /// <summary>Splits field 0 (0x1F–0x2B) into raw pressure, temperature, humidity, gas ADC and gas range.</summary>
    public static void ParseRaw(byte[] d, int o, out int adcP, out int adcT, out int adcH, out int gasAdc, out int gasRange)
    {
        adcP = (d[o] << 12) | (d[o + 1] << 4) | (d[o + 2] >> 4);
        adcT = (d[o + 3] << 12) | (d[o + 4] << 4) | (d[o + 5] >> 4);
        adcH = (d[o + 6] << 8) | d[o + 7];
        gasAdc = (d[o + 11] << 2) | (d[o + 12] >> 6);
        gasRange = d[o + 12] & 0x0F;
    }
}
