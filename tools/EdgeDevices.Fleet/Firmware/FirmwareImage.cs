using EdgeDevices.Apps.AirQuality;
using EdgeDevices.Apps.Meter;
using EdgeDevices.Apps.StreetLight;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Runtime;
using EdgeDevices.Firmware.Device.Update;
using EdgeDevices.Hardware.Emulation.Board;

namespace EdgeDevices.Fleet.Firmware;

/// <summary>
/// The firmware "flashed" onto an emulated board: what runs at every boot. It does what each app's
/// <c>Program.Main</c> does on the device, with the board's clock, flash and console in place of the real
/// ones, and an emulated assembly loader for update bundles.
/// </summary>
public static class FirmwareImage
{
    /// <summary>The boot entry of the app for <paramref name="role"/>: the resident loader, with the app built in and <paramref name="loader"/> for bundles.</summary>
    public static ThreadStart For(DeviceRole role, EmulatedAppLoader loader) => role switch
    {
        DeviceRole.StreetLight => () => Boot(loader, c => new StreetLightApp(c)),
        DeviceRole.AirQuality => () => Boot(loader, c => new AirQualityApp(c)),
        DeviceRole.Meter => () => Boot(loader, c => new MeterApp(c)),
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };

    // Runs on the board's main thread, in the life that is booting: what Program.Main does on the device.
    private static void Boot(EmulatedAppLoader loader, Func<DeviceContext, IDeviceApp> builtIn)
    {
        var life = BoardContext.Current;
        var context = new DeviceContext(life.Clock, life.Files, new BoardLogSink(life.Board), loader);
        ResidentLoader.Run(context, builtIn(context));
    }
}
