namespace EdgeDevices.Hardware.Emulation.I2c;

/// <summary>A chip on an emulated I2C bus, answering at its address.</summary>
public interface II2cTarget
{
    /// <summary>The controller wrote <paramref name="data"/> (one transaction: start, address+W, bytes, stop or repeated start).</summary>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>The controller reads <paramref name="buffer"/>.Length bytes.</summary>
    void Read(Span<byte> buffer);
}
