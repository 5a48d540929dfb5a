using EdgeDevices.Firmware.Host;

namespace nanoFramework.Hardware.Esp32;

/// <summary>Stand-in for nanoFramework's ESP32 <c>Configuration</c>: routes signals in the calling board's pin matrix.</summary>
public class Configuration
{
    /// <summary>Routes <paramref name="function"/> to <paramref name="pin"/>.</summary>
    public static void SetPinFunction(int pin, DeviceFunction function) => StandIn.Board.PinFunctions.Set(pin, function.ToString());

    /// <summary>The pin <paramref name="function"/> is routed to, or -1.</summary>
    public static int GetFunctionPin(DeviceFunction function) => StandIn.Board.PinFunctions.PinOf(function.ToString());
}
