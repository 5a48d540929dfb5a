using EdgeDevices.Hardware.Emulation.Parts.Bme280;

namespace EdgeDevices.Hardware.Emulation.Tests.Parts;

/// <summary>The datasheet's worked example and the register layout; the whole range is in <see cref="BoschReferenceTests"/>.</summary>
public sealed class Bme280CompensationTests
{
    // The worked example in Bosch's datasheets (BMP280 §3.12; the BME280 shares the T and P formulas).
    private static readonly Bme280Calibration Datasheet = new()
    {
        DigT1 = 27504, DigT2 = 26435, DigT3 = -1000,
        DigP1 = 36477, DigP2 = -10685, DigP3 = 3024, DigP4 = 2855, DigP5 = 140, DigP6 = -7, DigP7 = 15500, DigP8 = -14600, DigP9 = 6000,
        // Humidity: a typical sensor's trimming (the datasheet gives no worked humidity example).
        DigH1 = 75, DigH2 = 362, DigH3 = 0, DigH4 = 313, DigH5 = 50, DigH6 = 30,
    };

    [Fact]
    public void Datasheet_Temperature_And_Pressure()
    {
        var tFine = Bme280Compensation.FineTemperature(Datasheet, 519888);

        // The datasheet's listing gives t_fine 128422; Bosch's API, which divides where the listing shifts, 128423.
        Assert.Equal(128423, tFine);
        Assert.Equal(2508, Bme280Compensation.TemperatureCentiCelsius(tFine)); // 25.08 °C

        // Published result 100653.27 Pa (from the floating-point formula with the untruncated t_fine).
        Assert.InRange(Bme280Compensation.PressureCentiPascal(Datasheet, tFine, 415148) / 100.0, 100653.27 - 0.05, 100653.27 + 0.05);
    }

    [Fact]
    public void Calibration_Registers_Decode_Including_The_Split_H4_H5()
    {
        var block1 = new byte[Bme280Calibration.Block1Length];
        var block2 = new byte[Bme280Calibration.Block2Length];
        var original = new Bme280Calibration
        {
            DigT1 = 27504, DigT2 = 26435, DigT3 = -1000, DigP1 = 36477, DigP2 = -10685, DigP9 = 6000,
            DigH1 = 75, DigH2 = -362, DigH3 = 9, DigH4 = -313, DigH5 = 1234, DigH6 = -30,
        };

        original.ToRegisters(block1, block2);
        var decoded = Bme280Calibration.FromRegisters(block1, block2);

        Assert.Equivalent(original, decoded, strict: true);
        Assert.Equal(0x70, block1[0]); // dig_T1 = 0x6B70, little-endian
        Assert.Equal(0x6B, block1[1]);
    }

    [Fact]
    public void Raw_Burst_Read_Splits_Into_Twenty_And_Sixteen_Bit_Values()
    {
        byte[] burst = [0x65, 0x5A, 0xC0, 0x7E, 0xED, 0x00, 0x6E, 0x4A];

        Bme280Compensation.ParseRaw(burst, 0, out var adcP, out var adcT, out var adcH);

        Assert.Equal(0x655AC, adcP);
        Assert.Equal(0x7EED0, adcT);
        Assert.Equal(0x6E4A, adcH);
    }
}
