namespace EdgeDevices.Hardware.Emulation.Parts.Bme280;

/// <summary>
/// The emulated chip's reference for turning physical values into ADC codes: the BME280's integer compensation
/// as Bosch's BME280_SensorAPI (v3.5.1) computes it (32-bit temperature and humidity, 64-bit pressure), which
/// the chip inverts by search. The firmware never runs it — on the device the nanoFramework binding compensates
/// in floating point, and so does the host stand-in. It follows the API rather than the datasheet's listing (BST-BME280-DS002 §4.2.3): the
/// API divides where the listing shifts, so the two differ by a count wherever an intermediate is negative
/// (below about 0 °C), and the API clamps each output to the sensor's range. Checked against the outputs of
/// Bosch's own code (tests/reference-data/bosch-sensors). Temperature first: its t_fine feeds the pressure
/// and humidity formulas.
/// </summary>
public static class Bme280Compensation
{
    /// <summary>t_fine from the raw temperature (20-bit ADC value).</summary>
    public static int FineTemperature(Bme280Calibration c, int adcT)
    {
        int var1 = (adcT / 8) - (c.DigT1 * 2);
        var1 = (var1 * c.DigT2) / 2048;
        int var2 = (adcT / 16) - c.DigT1;
        var2 = (((var2 * var2) / 4096) * c.DigT3) / 16384;
        return var1 + var2;
    }

    /// <summary>Temperature in hundredths of a degree Celsius, within the sensor's −40…85 °C.</summary>
    public static int TemperatureCentiCelsius(int fineTemperature)
    {
        int temperature = (fineTemperature * 5 + 128) / 256;
        return temperature < -4000 ? -4000 : (temperature > 8500 ? 8500 : temperature);
    }

    /// <summary>Pressure in pascals × 256 (Q24.8), not clamped, or 0 when the calibration would divide by zero.</summary>
    public static long PressureQ24(Bme280Calibration c, int fineTemperature, int adcP)
    {
        long var1 = (long)fineTemperature - 128000;
        long var2 = var1 * var1 * c.DigP6;
        var2 = var2 + ((var1 * c.DigP5) * 131072);
        var2 = var2 + ((long)c.DigP4 * 34359738368);
        var1 = ((var1 * var1 * c.DigP3) / 256) + (var1 * c.DigP2 * 4096);
        var1 = ((140737488355328 + var1) * c.DigP1) / 8589934592;
        if (var1 == 0)
        {
            return 0;
        }

        long p = 1048576 - adcP;
        p = (((p * 2147483648) - var2) * 3125) / var1;
        var1 = (c.DigP9 * (p / 8192) * (p / 8192)) / 33554432;
        var2 = (c.DigP8 * p) / 524288;
        return ((p + var1 + var2) / 256) + ((long)c.DigP7 * 16);
    }

    /// <summary>Pressure in hundredths of a pascal, within the sensor's 300…1100 hPa, as Bosch's API returns it.</summary>
    public static long PressureCentiPascal(Bme280Calibration c, int fineTemperature, int adcP)
    {
        long q24 = PressureQ24(c, fineTemperature, adcP);
        long centi = q24 == 0 ? 3000000 : ((q24 / 2) * 100) / 128;
        return centi < 3000000 ? 3000000 : (centi > 11000000 ? 11000000 : centi);
    }

    /// <summary>Relative humidity in %RH × 1024 (Q22.10), within 0–100 %.</summary>
    public static int HumidityQ10(Bme280Calibration c, int fineTemperature, int adcH)
    {
        int var1 = fineTemperature - 76800;
        int var2 = adcH * 16384;
        int var3 = c.DigH4 * 1048576;
        int var4 = c.DigH5 * var1;
        int var5 = (((var2 - var3) - var4) + 16384) / 32768;
        var2 = (var1 * c.DigH6) / 1024;
        var3 = (var1 * c.DigH3) / 2048;
        var4 = ((var2 * (var3 + 32768)) / 1024) + 2097152;
        var2 = ((var4 * c.DigH2) + 8192) / 16384;
        var3 = var5 * var2;
        var4 = ((var3 / 32768) * (var3 / 32768)) / 128;
        var5 = var3 - ((var4 * c.DigH1) / 16);
        var5 = var5 < 0 ? 0 : var5;
        var5 = var5 > 419430400 ? 419430400 : var5;
        int humidity = var5 / 4096;
        return humidity > 102400 ? 102400 : humidity;
    }

    /// <summary>Splits a burst read of 0xF7–0xFE (press, temp, hum) into the three raw values.</summary>
    public static void ParseRaw(byte[] data, int offset, out int adcP, out int adcT, out int adcH)
    {
        adcP = (data[offset] << 12) | (data[offset + 1] << 4) | (data[offset + 2] >> 4);
        adcT = (data[offset + 3] << 12) | (data[offset + 4] << 4) | (data[offset + 5] >> 4);
        adcH = (data[offset + 6] << 8) | data[offset + 7];
    }
}
