using EdgeDevices.Hardware.Emulation.Parts.Bme680;

namespace EdgeDevices.Hardware.Emulation.Tests.Parts;

/// <summary>
/// Gas resistance and the heater code against Bosch's floating-point formulas, and the register layout.
/// Temperature, pressure and humidity are checked against Bosch's own code in <see cref="BoschReferenceTests"/>.
/// </summary>
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
