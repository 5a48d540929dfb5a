using EdgeDevices.Apps.AirQuality;
using EdgeDevices.Apps.Meter;
using EdgeDevices.Apps.StreetLight;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Runtime;
using EdgeDevices.Hardware.Emulation.Board;

namespace EdgeDevices.Fleet.Firmware;

/// <summary>
/// The firmware "flashed" onto an emulated board: what runs at every boot. It does what each app's
/// <c>Program.Main</c> does on the device, with the board's clock, flash and console in place of the real
/// ones.
/// </summary>
public static class FirmwareImage
{
    /// <summary>The boot entry of the app for <paramref name="role"/>.</summary>
    public static ThreadStart For(DeviceRole role) => role switch
    {
        DeviceRole.StreetLight => () => new StreetLightApp(Context()).Run(),
        DeviceRole.AirQuality => () => new AirQualityApp(Context()).Run(),
        DeviceRole.Meter => () => new MeterApp(Context()).Run(),
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    // Runs on the board's main thread, in the life that is booting.
    private static DeviceContext Context()
    {
        var life = BoardContext.Current;
        return new DeviceContext(life.Clock, life.Files, new BoardLogSink(life.Board));
    }
}
