namespace EdgeDevices.Hardware.Emulation.Board;

/// <summary>Facts of the ESP32 (classic) pads that the emulation enforces.</summary>
public static class BoardPinLimits
{
    /// <summary>Highest GPIO number.</summary>
    public const int HighestPin = 39;

    /// <summary>GPIO 34–39 are inputs only and have no internal pull resistors.</summary>
    public static bool IsInputOnly(int pin) => pin is >= 34 and <= 39;

    /// <summary>GPIO 6–11 are wired to the SPI flash; GPIO 20, 24 and 28–31 do not exist.</summary>
    public static bool Exists(int pin) => pin is >= 0 and <= HighestPin and not (>= 6 and <= 11) and not 20 and not 24 and not (>= 28 and <= 31);
}
