using EdgeDevices.Hardware.Emulation.Parts.Bme680;

namespace EdgeDevices.Hardware.Emulation.Tests.Parts;

public sealed class Bme680ChipTests
{
    [Theory]
    [InlineData(5_000)]
    [InlineData(50_000)]
    [InlineData(120_000)]
    [InlineData(800_000)]
    public void A_forced_conversion_codes_the_gas_resistance_in_a_range_that_gives_it_back(double ohms)
    {
        var bench = new Bench();
        bench.Board.PowerOn();
        var chip = new Bme680Chip(bench.Board, 21, 22) { GasResistanceOhms = ohms, TemperatureCelsius = 18, HumidityPercent = 40, PressureHectopascals = 990 };
        bench.Board.PinFunctions.Set(21, "I2C1_DATA");
        bench.Board.PinFunctions.Set(22, "I2C1_CLOCK");
        var calibration = ReadCalibration(bench);
        Write(bench, 0x5A, Bme680Compensation.HeaterResistanceCode(calibration, 320, 20));
        Write(bench, 0x64, 0x59); // 25 ms × 4 = 100 ms
        Write(bench, 0x71, 0x10); // run gas, profile 0
        Write(bench, 0x72, 0x01);
        Write(bench, 0x74, (byte)((4 << 5) | (3 << 2) | 1));
        var busy = Read(bench, 0x1D, 1)[0];
        Assert.True((busy & 0x20) != 0, "measuring while converting");

        bench.Run(Bme680Chip.MeasurementMilliseconds(4, 3, 1) + 100 + 1);
        var field = Read(bench, 0x1D, 15);
        Assert.True((field[0] & 0x80) != 0, "new data");
        Bme680Compensation.ParseRaw(field, 2, out var adcP, out var adcT, out var adcH, out var gasAdc, out var gasRange);
        Assert.True((field[14] & 0x30) == 0x30, "gas valid and heater stable");
        var fine = Bme680Compensation.FineTemperature(calibration, adcT);
        Assert.InRange(Bme680Compensation.TemperatureCentiCelsius(fine), 1799, 1801);
        Assert.InRange(Bme680Compensation.PressurePascal(calibration, fine, adcP), 98_990, 99_010);
        Assert.InRange(Bme680Compensation.HumidityMilliPercent(calibration, fine, adcH), 39_900, 40_100);
        Assert.InRange(Bme680Compensation.GasResistanceOhms(calibration, gasAdc, gasRange), ohms * 0.98, ohms * 1.02);
        Assert.Equal(1, chip.Conversions);
    }

    private static Bme680Calibration ReadCalibration(Bench bench)
    {
        var c = new byte[Bme680Calibration.Length];
        Read(bench, 0x8A, 23).CopyTo(c, 0);
        Read(bench, 0xE1, 14).CopyTo(c, 23);
        Read(bench, 0x00, 5).CopyTo(c, 37);
        return Bme680Calibration.FromRegisters(c);
    }

    private static void Write(Bench bench, byte register, byte value) =>
        Assert.Equal(EdgeDevices.Hardware.Emulation.I2c.I2cStatus.Full, bench.Board.I2c.Transfer(1, 0x76, [register, value], []));

    private static byte[] Read(Bench bench, byte register, int count)
    {
        var buffer = new byte[count];
        Assert.Equal(EdgeDevices.Hardware.Emulation.I2c.I2cStatus.Full, bench.Board.I2c.Transfer(1, 0x76, [register], buffer));
        return buffer;
    }
}
