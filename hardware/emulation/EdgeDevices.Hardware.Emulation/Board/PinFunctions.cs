namespace EdgeDevices.Hardware.Emulation.Board;

/// <summary>
/// The ESP32 GPIO matrix: which pin each peripheral signal (named as nanoFramework's
/// <c>DeviceFunction</c> members: <c>I2C1_DATA</c>, <c>COM2_RX</c>, <c>PWM1</c>…) is routed to. Signals
/// with a default in nanoFramework's ESP32 device mapping start there (I2C1 on 18/19, I2C2 on 25/26, COM1
/// on 1/3); COM2 and COM3 have none, so a UART opened without routing receives nothing, as on the device.
/// The matrix keeps its routing across reboots of the emulation only as long as the chip has power.
/// </summary>
public sealed class PinFunctions
{
    private static readonly Dictionary<string, int> Defaults = new(StringComparer.Ordinal)
    {
        ["I2C1_DATA"] = 18,
        ["I2C1_CLOCK"] = 19,
        ["I2C2_DATA"] = 25,
        ["I2C2_CLOCK"] = 26,
        ["COM1_TX"] = 1,
        ["COM1_RX"] = 3,
    };

    private readonly object _sync = new();
    private readonly Dictionary<string, int> _routes = new(Defaults, StringComparer.Ordinal);

    /// <summary>Routes <paramref name="function"/> to <paramref name="pin"/>.</summary>
    public void Set(int pin, string function)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pin);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pin, BoardPinLimits.HighestPin);
        lock (_sync)
        {
            _routes[function] = pin;
        }
    }

    /// <summary>The pin <paramref name="function"/> is routed to, or -1.</summary>
    public int PinOf(string function)
    {
        lock (_sync)
        {
            return _routes.TryGetValue(function, out var pin) ? pin : -1;
        }
    }

    /// <summary>Whether some PWM channel is routed to <paramref name="pin"/>.</summary>
    public bool HasPwm(int pin)
    {
        lock (_sync)
        {
            return _routes.Any(r => r.Value == pin && r.Key.StartsWith("PWM", StringComparison.Ordinal));
        }
    }

    /// <summary>Back to the reset routing (power cut: the matrix is volatile).</summary>
    internal void Reset()
    {
        lock (_sync)
        {
            _routes.Clear();
            foreach (var (function, pin) in Defaults)
            {
                _routes[function] = pin;
            }
        }
    }
}
