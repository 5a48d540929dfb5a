using EdgeDevices.Hardware.Emulation.Board;

namespace EdgeDevices.Hardware.Emulation.Pwm;

/// <summary>
/// The ESP32's LEDC PWM outputs as the parts see them: per pin, whether a channel runs and at what duty
/// and frequency. A channel can only be opened on a pin the firmware routed a PWM signal to first
/// (<c>Configuration.SetPinFunction(pin, DeviceFunction.PWMn)</c>), as on the device.
/// </summary>
public sealed class BoardPwm
{
    /// <summary>LEDC channels on a classic ESP32.</summary>
    public const int Channels = 16;

    private readonly EmulatedBoard _board;
    private readonly object _sync = new();
    private readonly Dictionary<int, Output> _outputs = [];

    internal BoardPwm(EmulatedBoard board) => _board = board;

    /// <summary>Raised with the pin whenever an output's duty, frequency or running state changes.</summary>
    public event Action<int>? Changed;

    /// <summary>Opens a channel on <paramref name="pin"/>; false when no PWM signal is routed there or all channels are taken.</summary>
    public bool TryOpen(int pin, int frequency, double dutyCycle)
    {
        if (!_board.PinFunctions.HasPwm(pin))
        {
            return false;
        }

        lock (_sync)
        {
            if (_outputs.Count >= Channels && !_outputs.ContainsKey(pin))
            {
                return false;
            }

            _outputs[pin] = new Output { Frequency = frequency, Duty = Math.Clamp(dutyCycle, 0, 1) };
        }

        return true;
    }

    /// <summary>Changes an open output (null leaves a value as it is).</summary>
    public void Set(int pin, int? frequency, double? dutyCycle, bool? running)
    {
        lock (_sync)
        {
            if (!_outputs.TryGetValue(pin, out var output))
            {
                throw new InvalidOperationException($"no PWM channel is open on GPIO {pin}");
            }

            output.Frequency = frequency ?? output.Frequency;
            output.Duty = dutyCycle is { } duty ? Math.Clamp(duty, 0, 1) : output.Duty;
            output.Running = running ?? output.Running;
        }

        Changed?.Invoke(pin);
    }

    /// <summary>Closes the output on <paramref name="pin"/>.</summary>
    public void Close(int pin)
    {
        bool removed;
        lock (_sync)
        {
            removed = _outputs.Remove(pin);
        }

        if (removed)
        {
            Changed?.Invoke(pin);
        }
    }

    /// <summary>The duty cycle on <paramref name="pin"/> (0–1); 0 when no channel runs there.</summary>
    public double DutyOn(int pin)
    {
        lock (_sync)
        {
            return _outputs.TryGetValue(pin, out var output) && output.Running ? output.Duty : 0;
        }
    }

    /// <summary>The frequency on <paramref name="pin"/>, or 0 when no channel runs there.</summary>
    public int FrequencyOn(int pin)
    {
        lock (_sync)
        {
            return _outputs.TryGetValue(pin, out var output) && output.Running ? output.Frequency : 0;
        }
    }

    internal void PowerOff()
    {
        int[] pins;
        lock (_sync)
        {
            pins = [.. _outputs.Keys];
            _outputs.Clear();
        }

        foreach (var pin in pins)
        {
            Changed?.Invoke(pin);
        }
    }

    private sealed class Output
    {
        public int Frequency;
        public double Duty;
        public bool Running;
    }
}
