using EdgeDevices.Firmware.Host;
using EdgeDevices.Hardware.Emulation.Board;
using EdgeDevices.Hardware.Emulation.I2c;

namespace System.Device.I2c;

/// <summary>
/// Stand-in for nanoFramework's <c>I2cDevice</c>: transfers go out on the calling board's bus, on the pads
/// the pin matrix routes it to, and reach whatever emulated chip answers there.
/// </summary>
public class I2cDevice : IDisposable
{
    private readonly BoardLife _life;

    /// <summary>A device at the settings' bus and address.</summary>
    public I2cDevice(I2cConnectionSettings settings)
    {
        if (settings.BusId is not (1 or 2))
        {
            throw new ArgumentException("ESP32 I2C buses are 1 and 2", nameof(settings));
        }

        _life = StandIn.Life;
        ConnectionSettings = settings;
    }

    /// <summary>The settings.</summary>
    public I2cConnectionSettings ConnectionSettings { get; }

    /// <summary>A device at the settings' bus and address.</summary>
    public static I2cDevice Create(I2cConnectionSettings settings) => new(settings);

    /// <summary>Reads one byte (0 when nobody answers).</summary>
    public byte ReadByte()
    {
        var buffer = new byte[1];
        Read(buffer);
        return buffer[0];
    }

    /// <summary>Writes one byte.</summary>
    public I2cTransferResult WriteByte(byte value) => Write(new byte[] { value });

    /// <summary>Reads <paramref name="buffer"/>.Length bytes.</summary>
    public I2cTransferResult Read(SpanByte buffer) => Transfer(SpanByte.Empty, buffer);

    /// <summary>Writes the buffer.</summary>
    public I2cTransferResult Write(SpanByte buffer) => Transfer(buffer, SpanByte.Empty);

    /// <summary>Writes, then reads after a repeated start.</summary>
    public I2cTransferResult WriteRead(SpanByte writeBuffer, SpanByte readBuffer) => Transfer(writeBuffer, readBuffer);

    /// <summary>Releases the device.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the device.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    private I2cTransferResult Transfer(SpanByte write, SpanByte read)
    {
        _life.ThrowIfDead();
        var status = _life.Board.I2c.Transfer(ConnectionSettings.BusId, ConnectionSettings.DeviceAddress, write.AsSpan(), read.AsSpan());
        return status == I2cStatus.Full
            ? new I2cTransferResult(I2cTransferStatus.FullTransfer, (uint)(write.Length + read.Length))
            : new I2cTransferResult(I2cTransferStatus.SlaveAddressNotAcknowledged, 0);
    }
}
