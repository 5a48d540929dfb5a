namespace EdgeDevices.Hardware.Emulation.I2c;

/// <summary>A chip on an emulated I2C bus, answering at its address.</summary>
public interface II2cTarget
{
    /// <summary>Whether the chip answers its address (false: unplugged, a broken wire).</summary>
    bool IsPresent { get; }

    /// <summary>The controller wrote <paramref name="data"/> (one transaction: start, address+W, bytes, stop or repeated start).</summary>
    void Write(ReadOnlySpan<byte> data);

    /// <summary>The controller reads <paramref name="buffer"/>.Length bytes.</summary>
    void Read(Span<byte> buffer);
}
