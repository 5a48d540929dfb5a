using EdgeDevices.Firmware.AirQuality.Bme680;

namespace EdgeDevices.Firmware.Core.Tests.AirQuality;

/// <summary>The device's integer formulas against Bosch's floating-point formulas, written out here.</summary>
public sealed class Bme680CompensationTests
{
    // A real sensor's calibration (values as printed by an open-source BME680 reader).
    private static readonly Bme680Calibration Sensor = new()
    {
        ParT1 = 26203, ParT2 = 26519, ParT3 = 3,
        ParP1 = 35008, ParP2 = -10284, ParP3 = 88, ParP4 = 9692, ParP5 = -202, ParP6 = 30, ParP7 = 24, ParP8 = -516, ParP9 = -3469, ParP10 = 30,
        ParH1 = 794, ParH2 = 1007, ParH3 = 0, ParH4 = 45, ParH5 = 20, ParH6 = 120, ParH7 = -100,
        ParGh1 = -31, ParGh2 = -12451, ParGh3 = 18, ResHeatRange = 1, ResHeatVal = 43, RangeSwitchingError = -2,
    };

    [Theory]
    [InlineData(480000, 350000, 20000)]
    [InlineData(500000, 370000, 24000)]
    [InlineData(520000, 390000, 28000)]
    [InlineData(545000, 410000, 30000)]
    [InlineData(430000, 330000, 18000)]
    public void Temperature_Pressure_And_Humidity_Match_The_Floating_Point_Formulas(int adcT, int adcP, int adcH)
    {
        var tFine = Bme680Compensation.FineTemperature(Sensor, adcT);
        var (t, tFineDouble) = TemperatureDouble(Sensor, adcT);

        Assert.InRange(Bme680Compensation.TemperatureCentiCelsius(tFine) / 100.0, t - 0.02, t + 0.02);
        // Bosch's integer pressure formula rounds more coarsely than the float one: a few pascals apart
        // is normal (one published reading: 99711.8 Pa float, 99708 Pa integer).
        var p = PressureDouble(Sensor, tFineDouble, adcP);
        Assert.InRange(Bme680Compensation.PressurePascal(Sensor, tFine, adcP), p - 8, p + 8);
        var h = HumidityDouble(Sensor, tFineDouble, adcH);
        Assert.InRange(Bme680Compensation.HumidityMilliPercent(Sensor, tFine, adcH) / 1000.0, h - 0.1, h + 0.1);
    }

    [Theory]
    [InlineData(300, 4)]
    [InlineData(512, 5)]
    [InlineData(700, 7)]
    [InlineData(900, 10)]
    [InlineData(1023, 11)]
    public void Gas_Resistance_Matches_The_Floating_Point_Formula(int gasAdc, int range)
    {
        var ohms = Bme680Compensation.GasResistanceOhms(Sensor, gasAdc, range);
        var reference = GasDouble(Sensor, gasAdc, range);

        Assert.InRange(ohms, reference * 0.99, reference * 1.01);
    }

    [Fact]
    public void Heater_Code_For_320_Degrees_Is_In_The_Usual_Range()
    {
        var code = Bme680Compensation.HeaterResistanceCode(Sensor, 320, 25);

        Assert.InRange(code, 80, 140);
        Assert.True(Bme680Compensation.HeaterResistanceCode(Sensor, 400, 25) > code);
        Assert.Equal(Bme680Compensation.HeaterResistanceCode(Sensor, 400, 25), Bme680Compensation.HeaterResistanceCode(Sensor, 450, 25));
    }

    [Fact]
    public void Calibration_Round_Trips_Through_Its_Registers()
    {
        var registers = new byte[Bme680Calibration.Length];

        Sensor.ToRegisters(registers);

        Assert.Equivalent(Sensor, Bme680Calibration.FromRegisters(registers), strict: true);
    }

    private static (double Celsius, double TFine) TemperatureDouble(Bme680Calibration c, int adcT)
    {
        var var1 = (adcT / 16384.0 - c.ParT1 / 1024.0) * c.ParT2;
        var var2 = (adcT / 131072.0 - c.ParT1 / 8192.0) * (adcT / 131072.0 - c.ParT1 / 8192.0) * (c.ParT3 * 16.0);
        var tFine = var1 + var2;
        return (tFine / 5120.0, tFine);
    }

    private static double PressureDouble(Bme680Calibration c, double tFine, int adcP)
    {
        var var1 = tFine / 2.0 - 64000.0;
        var var2 = var1 * var1 * (c.ParP6 / 131072.0);
        var2 += var1 * c.ParP5 * 2.0;
        var2 = var2 / 4.0 + c.ParP4 * 65536.0;
        var1 = (c.ParP3 * var1 * var1 / 16384.0 + c.ParP2 * var1) / 524288.0;
        var1 = (1.0 + var1 / 32768.0) * c.ParP1;
        var p = 1048576.0 - adcP;
        p = (p - var2 / 4096.0) * 6250.0 / var1;
        var1 = c.ParP9 * p * p / 2147483648.0;
        var2 = p * (c.ParP8 / 32768.0);
        var var3 = p / 256.0 * (p / 256.0) * (p / 256.0) * (c.ParP10 / 131072.0);
        return p + (var1 + var2 + var3 + c.ParP7 * 128.0) / 16.0;
    }

    private static double HumidityDouble(Bme680Calibration c, double tFine, int adcH)
    {
        var t = tFine / 5120.0;
        var var1 = adcH - (c.ParH1 * 16.0 + c.ParH3 / 2.0 * t);
        var var2 = var1 * (c.ParH2 / 262144.0 * (1.0 + c.ParH4 / 16384.0 * t + c.ParH5 / 1048576.0 * t * t));
        var var3 = c.ParH6 / 16384.0;
        var var4 = c.ParH7 / 2097152.0;
        return Math.Clamp(var2 + (var3 + var4 * t) * var2 * var2, 0, 100);
    }

    private static double GasDouble(Bme680Calibration c, int gasAdc, int range)
    {
        double[] k1 = [0, 0, 0, 0, 0, -1, 0, -0.8, 0, 0, -0.2, -0.5, 0, -1, 0, 0];
        double[] k2 = [0, 0, 0, 0, 0.1, 0.7, 0, -0.8, -0.1, 0, 0, 0, 0, 0, 0, 0];
        var var1 = 1340.0 + 5.0 * c.RangeSwitchingError;
        var var2 = var1 * (1.0 + k1[range] / 100.0);
        var var3 = 1.0 + k2[range] / 100.0;
        return 1.0 / (var3 * 0.000000125 * (1 << range) * ((gasAdc - 512.0) / var2 + 1.0));
    }
}
