namespace Iot.Device.Bmxx80;

/// <summary>Stand-in for IoT.Device's <c>DeviceStatus</c> (BME280 status register).</summary>
public class DeviceStatus
{
    /// <summary>A conversion is running.</summary>
    public bool Measuring { get; set; }

    /// <summary>Calibration data is being copied from NVM.</summary>
    public bool ImageUpdating { get; set; }
}
