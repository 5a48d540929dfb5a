namespace System.Device.I2c;

/// <summary>Stand-in for nanoFramework's <c>I2cBusSpeed</c>.</summary>
public enum I2cBusSpeed
{
    /// <summary>100 kHz.</summary>
    StandardMode,

    /// <summary>400 kHz.</summary>
    FastMode,

    /// <summary>1 MHz.</summary>
    FastModePlus,
}

/// <summary>Stand-in for nanoFramework's <c>I2cTransferStatus</c>.</summary>
public enum I2cTransferStatus
{
    /// <summary>Unknown error.</summary>
    UnknownError,

    /// <summary>Every byte transferred.</summary>
    FullTransfer,

    /// <summary>Clock stretching timed out.</summary>
    ClockStretchTimeout,

    /// <summary>Some bytes transferred.</summary>
    PartialTransfer,

    /// <summary>No device acknowledged the address.</summary>
    SlaveAddressNotAcknowledged,
}

/// <summary>Stand-in for nanoFramework's <c>I2cTransferResult</c>.</summary>
public readonly struct I2cTransferResult
{
    internal I2cTransferResult(I2cTransferStatus status, uint bytesTransferred)
    {
        Status = status;
        BytesTransferred = bytesTransferred;
    }

    /// <summary>Bytes transferred.</summary>
    public uint BytesTransferred { get; }

    /// <summary>How the transfer ended.</summary>
    public I2cTransferStatus Status { get; }
}

/// <summary>Stand-in for nanoFramework's <c>I2cConnectionSettings</c>.</summary>
public sealed class I2cConnectionSettings
{
    /// <summary>Settings for a device on bus <paramref name="busId"/> (fast mode).</summary>
    public I2cConnectionSettings(int busId, int deviceAddress)
        : this(busId, deviceAddress, I2cBusSpeed.FastMode)
    {
    }

    /// <summary>Settings for a device on bus <paramref name="busId"/>.</summary>
    public I2cConnectionSettings(int busId, int deviceAddress, I2cBusSpeed busSpeed)
    {
        BusId = busId;
        DeviceAddress = deviceAddress;
        BusSpeed = busSpeed;
    }

    /// <summary>Bus (1 or 2 on ESP32).</summary>
    public int BusId { get; }

    /// <summary>7-bit address.</summary>
    public int DeviceAddress { get; }

    /// <summary>Bus speed.</summary>
    public I2cBusSpeed BusSpeed { get; }
}
