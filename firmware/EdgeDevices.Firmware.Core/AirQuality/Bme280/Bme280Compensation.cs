namespace EdgeDevices.Firmware.AirQuality.Bme280
{
    /// <summary>
    /// The BME280 datasheet's integer compensation (BST-BME280-DS002 §4.2.3: BME280_compensate_T_int32,
    /// BME280_compensate_P_int64, bme280_compensate_H_int32), chosen over the floating-point variant
    /// because the ESP32 runs nanoFramework in single precision. Temperature first: its t_fine feeds the
    /// pressure and humidity formulas.
    /// </summary>
    public static class Bme280Compensation
    {
        /// <summary>t_fine from the raw temperature (20-bit ADC value).</summary>
        public static int FineTemperature(Bme280Calibration c, int adcT)
        {
            int var1 = (((adcT >> 3) - (c.DigT1 << 1)) * c.DigT2) >> 11;
            int var2 = (((((adcT >> 4) - c.DigT1) * ((adcT >> 4) - c.DigT1)) >> 12) * c.DigT3) >> 14;
            return var1 + var2;
        }

        /// <summary>Temperature in hundredths of a degree Celsius.</summary>
        public static int TemperatureCentiCelsius(int fineTemperature)
        {
            return (fineTemperature * 5 + 128) >> 8;
        }

        /// <summary>Pressure in pascals × 256 (Q24.8), or 0 when the calibration would divide by zero.</summary>
        public static long PressureQ24(Bme280Calibration c, int fineTemperature, int adcP)
        {
            long var1 = (long)fineTemperature - 128000;
            long var2 = var1 * var1 * c.DigP6;
            var2 = var2 + ((var1 * c.DigP5) << 17);
            var2 = var2 + ((long)c.DigP4 << 35);
            var1 = ((var1 * var1 * c.DigP3) >> 8) + ((var1 * c.DigP2) << 12);
            var1 = ((((long)1 << 47) + var1) * c.DigP1) >> 33;
            if (var1 == 0)
            {
                return 0;
            }

            long p = 1048576 - adcP;
            p = (((p << 31) - var2) * 3125) / var1;
            var1 = (c.DigP9 * (p >> 13) * (p >> 13)) >> 25;
            var2 = (c.DigP8 * p) >> 19;
            return ((p + var1 + var2) >> 8) + ((long)c.DigP7 << 4);
        }

        /// <summary>Relative humidity in %RH × 1024 (Q22.10), clamped to 0–100 %.</summary>
        public static int HumidityQ10(Bme280Calibration c, int fineTemperature, int adcH)
        {
            int x = fineTemperature - 76800;
            x = ((((adcH << 14) - (c.DigH4 << 20) - (c.DigH5 * x)) + 16384) >> 15)
                * (((((((x * c.DigH6) >> 10) * (((x * c.DigH3) >> 11) + 32768)) >> 10) + 2097152) * c.DigH2 + 8192) >> 14);
            x = x - (((((x >> 15) * (x >> 15)) >> 7) * c.DigH1) >> 4);
            x = x < 0 ? 0 : x;
            x = x > 419430400 ? 419430400 : x;
            return x >> 12;
        }

        /// <summary>Splits a burst read of 0xF7–0xFE (press, temp, hum) into the three raw values.</summary>
        public static void ParseRaw(byte[] data, int offset, out int adcP, out int adcT, out int adcH)
        {
            adcP = (data[offset] << 12) | (data[offset + 1] << 4) | (data[offset + 2] >> 4);
            adcT = (data[offset + 3] << 12) | (data[offset + 4] << 4) | (data[offset + 5] >> 4);
            adcH = (data[offset + 6] << 8) | data[offset + 7];
        }
    }
}
