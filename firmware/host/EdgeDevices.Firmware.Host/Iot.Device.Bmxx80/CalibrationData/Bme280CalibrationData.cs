namespace Iot.Device.Bmxx80.CalibrationData;

/// <summary>
/// The BME280's trimming parameters read the way the binding reads them: T and P as little-endian 16-bit words
/// from 0x88, H1 from 0xA1, H2–H6 from 0xE1–0xE7. Like the binding, dig_H4 and dig_H5 are assembled from
/// unsigned bytes (Bosch's API sign-extends their high byte), so a part with a negative dig_H4 or dig_H5 reads
/// differently here and on the device than in Bosch's code; every published part has them positive.
/// </summary>
internal sealed class Bme280CalibrationData : Bmxx80CalibrationData
{
    public byte DigH1 { get; set; }

    public short DigH2 { get; set; }

    public ushort DigH3 { get; set; }

    public short DigH4 { get; set; }

    public short DigH5 { get; set; }

    public sbyte DigH6 { get; set; }

    /// <inheritdoc />
    protected internal override void ReadFromDevice(Bmxx80Base device)
    {
        DigH1 = device.Read8BitsFromRegister(0xA1);
        DigH2 = (short)device.Read16BitsFromRegister(0xE1);
        DigH3 = device.Read8BitsFromRegister(0xE3);
        DigH4 = (short)((device.Read8BitsFromRegister(0xE4) << 4) | (device.Read8BitsFromRegister(0xE5) & 0x0F));
        DigH5 = (short)((device.Read8BitsFromRegister(0xE6) << 4) | (device.Read8BitsFromRegister(0xE5) >> 4));
        DigH6 = (sbyte)device.Read8BitsFromRegister(0xE7);

        DigT1 = device.Read16BitsFromRegister(0x88);
        DigT2 = (short)device.Read16BitsFromRegister(0x8A);
        DigT3 = (short)device.Read16BitsFromRegister(0x8C);
        DigP1 = device.Read16BitsFromRegister(0x8E);
        DigP2 = (short)device.Read16BitsFromRegister(0x90);
        DigP3 = (short)device.Read16BitsFromRegister(0x92);
        DigP4 = (short)device.Read16BitsFromRegister(0x94);
        DigP5 = (short)device.Read16BitsFromRegister(0x96);
        DigP6 = (short)device.Read16BitsFromRegister(0x98);
        DigP7 = (short)device.Read16BitsFromRegister(0x9A);
        DigP8 = (short)device.Read16BitsFromRegister(0x9C);
        DigP9 = (short)device.Read16BitsFromRegister(0x9E);
    }
}
