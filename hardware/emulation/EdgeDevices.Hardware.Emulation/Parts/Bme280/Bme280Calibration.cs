namespace EdgeDevices.Hardware.Emulation.Parts.Bme280;

/// <summary>
/// The BME280's factory trimming parameters (Bosch BST-BME280-DS002, table 16), named and sized as in
/// the datasheet. Registers 0x88–0xA1 hold T1–T3, P1–P9 and H1; 0xE1–0xE7 hold H2–H6.
/// </summary>
public sealed class Bme280Calibration
{
    /// <summary>Bytes of the first calibration block, 0x88–0xA1.</summary>
    public const int Block1Length = 26;

    /// <summary>Bytes of the second calibration block, 0xE1–0xE7.</summary>
    public const int Block2Length = 7;

    /// <summary>dig_T1, 0x88/0x89.</summary>
    public ushort DigT1 { get; set; }

    /// <summary>dig_T2, 0x8A/0x8B.</summary>
    public short DigT2 { get; set; }

    /// <summary>dig_T3, 0x8C/0x8D.</summary>
    public short DigT3 { get; set; }

    /// <summary>dig_P1, 0x8E/0x8F.</summary>
    public ushort DigP1 { get; set; }

    /// <summary>dig_P2, 0x90/0x91.</summary>
    public short DigP2 { get; set; }

    /// <summary>dig_P3, 0x92/0x93.</summary>
    public short DigP3 { get; set; }

    /// <summary>dig_P4, 0x94/0x95.</summary>
    public short DigP4 { get; set; }

    /// <summary>dig_P5, 0x96/0x97.</summary>
    public short DigP5 { get; set; }

    /// <summary>dig_P6, 0x98/0x99.</summary>
    public short DigP6 { get; set; }

    /// <summary>dig_P7, 0x9A/0x9B.</summary>
    public short DigP7 { get; set; }

    /// <summary>dig_P8, 0x9C/0x9D.</summary>
    public short DigP8 { get; set; }

    /// <summary>dig_P9, 0x9E/0x9F.</summary>
    public short DigP9 { get; set; }

    /// <summary>dig_H1, 0xA1.</summary>
    public byte DigH1 { get; set; }

    /// <summary>dig_H2, 0xE1/0xE2.</summary>
    public short DigH2 { get; set; }

    /// <summary>dig_H3, 0xE3.</summary>
    public byte DigH3 { get; set; }

    /// <summary>dig_H4, 0xE4 (bits 11:4) and 0xE5 bits 3:0.</summary>
    public short DigH4 { get; set; }

    /// <summary>dig_H5, 0xE6 (bits 11:4) and 0xE5 bits 7:4.</summary>
    public short DigH5 { get; set; }

    /// <summary>dig_H6, 0xE7.</summary>
    public sbyte DigH6 { get; set; }

    /// <summary>Decodes the two calibration blocks as read from the chip.</summary>
    public static Bme280Calibration FromRegisters(byte[] block1, byte[] block2)
    {
        Bme280Calibration c = new Bme280Calibration();
        c.DigT1 = (ushort)LittleEndian(block1, 0);
        c.DigT2 = (short)LittleEndian(block1, 2);
        c.DigT3 = (short)LittleEndian(block1, 4);
        c.DigP1 = (ushort)LittleEndian(block1, 6);
        c.DigP2 = (short)LittleEndian(block1, 8);
        c.DigP3 = (short)LittleEndian(block1, 10);
        c.DigP4 = (short)LittleEndian(block1, 12);
        c.DigP5 = (short)LittleEndian(block1, 14);
        c.DigP6 = (short)LittleEndian(block1, 16);
        c.DigP7 = (short)LittleEndian(block1, 18);
        c.DigP8 = (short)LittleEndian(block1, 20);
        c.DigP9 = (short)LittleEndian(block1, 22);
        c.DigH1 = block1[25];
        c.DigH2 = (short)LittleEndian(block2, 0);
        c.DigH3 = block2[2];
        c.DigH4 = (short)(((sbyte)block2[3] << 4) | (block2[4] & 0x0F));
        c.DigH5 = (short)(((sbyte)block2[5] << 4) | (block2[4] >> 4));
        c.DigH6 = (sbyte)block2[6];
        return c;
    }

    /// <summary>Encodes the parameters into the two register blocks (for the emulated chip).</summary>
    public void ToRegisters(byte[] block1, byte[] block2)
    {
        PutLittleEndian(block1, 0, DigT1);
        PutLittleEndian(block1, 2, DigT2);
        PutLittleEndian(block1, 4, DigT3);
        PutLittleEndian(block1, 6, DigP1);
        PutLittleEndian(block1, 8, DigP2);
        PutLittleEndian(block1, 10, DigP3);
        PutLittleEndian(block1, 12, DigP4);
        PutLittleEndian(block1, 14, DigP5);
        PutLittleEndian(block1, 16, DigP6);
        PutLittleEndian(block1, 18, DigP7);
        PutLittleEndian(block1, 20, DigP8);
        PutLittleEndian(block1, 22, DigP9);
        block1[24] = 0;
        block1[25] = DigH1;
        PutLittleEndian(block2, 0, DigH2);
        block2[2] = DigH3;
        block2[3] = (byte)(DigH4 >> 4);
        block2[4] = (byte)((DigH4 & 0x0F) | ((DigH5 & 0x0F) << 4));
        block2[5] = (byte)(DigH5 >> 4);
        block2[6] = (byte)DigH6;
    }

    private static int LittleEndian(byte[] data, int offset)
    {
        return data[offset] | (data[offset + 1] << 8);
    }

    private static void PutLittleEndian(byte[] data, int offset, int value)
    {
        data[offset] = (byte)value;
        data[offset + 1] = (byte)(value >> 8);
    }
}
