namespace Iot.Device.Bmxx80.CalibrationData;

/// <summary>
/// The temperature and pressure trimming parameters as the nanoFramework binding holds them (its
/// <c>Bmxx80CalibrationData</c>, nanoFramework.IoT.Device @ 122ebb1a7a): every parameter in a 16-bit field,
/// whatever its width on the chip. Internal to the binding, so internal here.
/// </summary>
internal abstract class Bmxx80CalibrationData
{
    public ushort DigT1 { get; set; }

    public short DigT2 { get; set; }

    public short DigT3 { get; set; }

    public ushort DigP1 { get; set; }

    public short DigP2 { get; set; }

    public short DigP3 { get; set; }

    public short DigP4 { get; set; }

    public short DigP5 { get; set; }

    public short DigP6 { get; set; }

    public short DigP7 { get; set; }

    public short DigP8 { get; set; }

    public short DigP9 { get; set; }

    /// <summary>Reads the parameters from the chip, register by register, as the binding does.</summary>
    protected internal abstract void ReadFromDevice(Bmxx80Base device);
}
