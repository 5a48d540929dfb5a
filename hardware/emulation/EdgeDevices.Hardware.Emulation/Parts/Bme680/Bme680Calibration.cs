namespace EdgeDevices.Hardware.Emulation.Parts.Bme680;

/// <summary>
/// The BME680's factory calibration, named as in Bosch's datasheet and BME68x API. Read as three
/// blocks, concatenated into 42 bytes: 0x8A–0xA0 (23), 0xE1–0xEE (14) and 0x00–0x04 (5).
/// </summary>
public sealed class Bme680Calibration
{
    /// <summary>Bytes of the three blocks together.</summary>
    public const int Length = 42;

    /// <summary>par_t1.</summary>
    public ushort ParT1 { get; set; }

    /// <summary>par_t2.</summary>
    public short ParT2 { get; set; }

    /// <summary>par_t3.</summary>
    public sbyte ParT3 { get; set; }

    /// <summary>par_p1.</summary>
    public ushort ParP1 { get; set; }

    /// <summary>par_p2.</summary>
    public short ParP2 { get; set; }

    /// <summary>par_p3.</summary>
    public sbyte ParP3 { get; set; }

    /// <summary>par_p4.</summary>
    public short ParP4 { get; set; }

    /// <summary>par_p5.</summary>
    public short ParP5 { get; set; }

    /// <summary>par_p6.</summary>
    public sbyte ParP6 { get; set; }

    /// <summary>par_p7.</summary>
    public sbyte ParP7 { get; set; }

    /// <summary>par_p8.</summary>
    public short ParP8 { get; set; }

    /// <summary>par_p9.</summary>
    public short ParP9 { get; set; }

    /// <summary>par_p10.</summary>
    public byte ParP10 { get; set; }

    /// <summary>par_h1 (12 bits).</summary>
    public ushort ParH1 { get; set; }

    /// <summary>par_h2 (12 bits).</summary>
    public ushort ParH2 { get; set; }

    /// <summary>par_h3.</summary>
    public sbyte ParH3 { get; set; }

    /// <summary>par_h4.</summary>
    public sbyte ParH4 { get; set; }

    /// <summary>par_h5.</summary>
    public sbyte ParH5 { get; set; }

    /// <summary>par_h6.</summary>
    public byte ParH6 { get; set; }

    /// <summary>par_h7.</summary>
    public sbyte ParH7 { get; set; }

    /// <summary>par_gh1.</summary>
    public sbyte ParGh1 { get; set; }

    /// <summary>par_gh2.</summary>
    public short ParGh2 { get; set; }

    /// <summary>par_gh3.</summary>
    public sbyte ParGh3 { get; set; }

    /// <summary>res_heat_range (2 bits of 0x02).</summary>
    public byte ResHeatRange { get; set; }

    /// <summary>res_heat_val (0x00).</summary>
    public sbyte ResHeatVal { get; set; }

    /// <summary>range_switching_error (signed high nibble of 0x04).</summary>
    public sbyte RangeSwitchingError { get; set; }

    /// <summary>Decodes the 42 calibration bytes.</summary>
    public static Bme680Calibration FromRegisters(byte[] c)
    {
        Bme680Calibration k = new Bme680Calibration();
        k.ParT2 = (short)Le(c, 0);
        k.ParT3 = (sbyte)c[2];
        k.ParP1 = (ushort)Le(c, 4);
        k.ParP2 = (short)Le(c, 6);
        k.ParP3 = (sbyte)c[8];
        k.ParP4 = (short)Le(c, 10);
        k.ParP5 = (short)Le(c, 12);
        k.ParP7 = (sbyte)c[14];
        k.ParP6 = (sbyte)c[15];
        k.ParP8 = (short)Le(c, 18);
        k.ParP9 = (short)Le(c, 20);
        k.ParP10 = c[22];
        k.ParH2 = (ushort)((c[23] << 4) | (c[24] >> 4));
        k.ParH1 = (ushort)((c[25] << 4) | (c[24] & 0x0F));
        k.ParH3 = (sbyte)c[26];
        k.ParH4 = (sbyte)c[27];
        k.ParH5 = (sbyte)c[28];
        k.ParH6 = c[29];
        k.ParH7 = (sbyte)c[30];
        k.ParT1 = (ushort)Le(c, 31);
        k.ParGh2 = (short)Le(c, 33);
        k.ParGh1 = (sbyte)c[35];
        k.ParGh3 = (sbyte)c[36];
        k.ResHeatVal = (sbyte)c[37];
        k.ResHeatRange = (byte)((c[39] & 0x30) >> 4);
        k.RangeSwitchingError = (sbyte)((sbyte)(c[41] & 0xF0) / 16);
        return k;
    }

    /// <summary>Encodes into the 42 calibration bytes (for the emulated chip).</summary>
    public void ToRegisters(byte[] c)
    {
        PutLe(c, 0, ParT2);
        c[2] = (byte)ParT3;
        PutLe(c, 4, ParP1);
        PutLe(c, 6, ParP2);
        c[8] = (byte)ParP3;
        PutLe(c, 10, ParP4);
        PutLe(c, 12, ParP5);
        c[14] = (byte)ParP7;
        c[15] = (byte)ParP6;
        PutLe(c, 18, ParP8);
        PutLe(c, 20, ParP9);
        c[22] = ParP10;
        c[23] = (byte)(ParH2 >> 4);
        c[24] = (byte)(((ParH2 & 0x0F) << 4) | (ParH1 & 0x0F));
        c[25] = (byte)(ParH1 >> 4);
        c[26] = (byte)ParH3;
        c[27] = (byte)ParH4;
        c[28] = (byte)ParH5;
        c[29] = ParH6;
        c[30] = (byte)ParH7;
        PutLe(c, 31, ParT1);
        PutLe(c, 33, ParGh2);
        c[35] = (byte)ParGh1;
        c[36] = (byte)ParGh3;
        c[37] = (byte)ResHeatVal;
        c[39] = (byte)((ResHeatRange & 0x03) << 4);
        c[41] = (byte)((RangeSwitchingError & 0x0F) << 4);
    }

    private static int Le(byte[] data, int offset)
    {
        return data[offset] | (data[offset + 1] << 8);
    }

    private static void PutLe(byte[] data, int offset, int value)
    {
        data[offset] = (byte)value;
        data[offset + 1] = (byte)(value >> 8);
    }
}
