namespace Iot.Device.Bmxx80.CalibrationData;

/// <summary>
/// The BME680's trimming parameters read the way the binding reads them. Where the chip has a signed byte the
/// binding reads par_t3, par_p3, par_p6 and par_p7 unsigned, and range_sw_err as the unsigned high nibble
/// (Bosch's API: signed); a part with any of them negative therefore reads differently on the device than in
/// Bosch's code. Kept as the binding has it, so the host sees what the device sees.
/// </summary>
internal sealed class Bme680CalibrationData : Bmxx80CalibrationData
{
    public byte DigP10 { get; set; }

    public ushort DigH1 { get; set; }

    public ushort DigH2 { get; set; }

    public sbyte DigH3 { get; set; }

    public sbyte DigH4 { get; set; }

    public sbyte DigH5 { get; set; }

    public byte DigH6 { get; set; }

    public sbyte DigH7 { get; set; }

    public sbyte DigGh1 { get; set; }

    public short DigGh2 { get; set; }

    public sbyte DigGh3 { get; set; }

    public byte ResHeatRange { get; set; }

    public sbyte ResHeatVal { get; set; }

    public sbyte RangeSwErr { get; set; }

    /// <inheritdoc />
    protected internal override void ReadFromDevice(Bmxx80Base device)
    {
        DigT1 = device.Read16BitsFromRegister(0xE9);
        DigT2 = (short)device.Read16BitsFromRegister(0x8A);
        DigT3 = device.Read8BitsFromRegister(0x8C);

        DigH1 = (ushort)((device.Read8BitsFromRegister(0xE3) << 4) | (device.Read8BitsFromRegister(0xE2) & 0x0F));
        DigH2 = (ushort)((device.Read8BitsFromRegister(0xE1) << 4) | (device.Read8BitsFromRegister(0xE2) >> 4));
        DigH3 = (sbyte)device.Read8BitsFromRegister(0xE4);
        DigH4 = (sbyte)device.Read8BitsFromRegister(0xE5);
        DigH5 = (sbyte)device.Read8BitsFromRegister(0xE6);
        DigH6 = device.Read8BitsFromRegister(0xE7);
        DigH7 = (sbyte)device.Read8BitsFromRegister(0xE8);

        DigP1 = device.Read16BitsFromRegister(0x8E);
        DigP2 = (short)device.Read16BitsFromRegister(0x90);
        DigP3 = device.Read8BitsFromRegister(0x92);
        DigP4 = (short)device.Read16BitsFromRegister(0x94);
        DigP5 = (short)device.Read16BitsFromRegister(0x96);
        DigP6 = device.Read8BitsFromRegister(0x99);
        DigP7 = device.Read8BitsFromRegister(0x98);
        DigP8 = (short)device.Read16BitsFromRegister(0x9C);
        DigP9 = (short)device.Read16BitsFromRegister(0x9E);
        DigP10 = device.Read8BitsFromRegister(0xA0);

        DigGh1 = (sbyte)device.Read8BitsFromRegister(0xED);
        DigGh2 = (short)device.Read16BitsFromRegister(0xEB);
        DigGh3 = (sbyte)device.Read8BitsFromRegister(0xEE);

        ResHeatRange = (byte)((device.Read8BitsFromRegister(0x02) & 0x30) >> 4);
        RangeSwErr = (sbyte)((device.Read8BitsFromRegister(0x04) & 0xF0) >> 4);
        ResHeatVal = (sbyte)device.Read8BitsFromRegister(0x00);
    }
}
