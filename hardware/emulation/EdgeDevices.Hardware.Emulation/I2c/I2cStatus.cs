namespace EdgeDevices.Hardware.Emulation.I2c;

/// <summary>How an emulated I2C transfer ended.</summary>
public enum I2cStatus
{
    /// <summary>Every byte went through.</summary>
    Full,

    /// <summary>No chip acknowledged the address (none there, wrong bus pins, or unpowered).</summary>
    AddressNotAcknowledged,
}
