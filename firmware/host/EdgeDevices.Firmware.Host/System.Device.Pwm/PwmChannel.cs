using EdgeDevices.Firmware.Host;
using EdgeDevices.Hardware.Emulation.Board;

namespace System.Device.Pwm;

/// <summary>Stand-in for nanoFramework's <c>PwmPulsePolarity</c>.</summary>
public enum PwmPulsePolarity
{
    /// <summary>Active high.</summary>
    ActiveHigh,

    /// <summary>Active low.</summary>
    ActiveLow,
}

/// <summary>
/// Stand-in for nanoFramework's <c>PwmChannel</c> on an ESP32: a LEDC channel on a pin the firmware routed
/// a PWM signal to with <c>Configuration.SetPinFunction</c>; <see cref="CreateFromPin"/> returns null
/// otherwise, as the device does.
/// </summary>
public sealed class PwmChannel : IDisposable
{
    private readonly BoardLife _life;
    private readonly int _pin;
    private int _frequency;
    private double _duty;

    private PwmChannel(BoardLife life, int pin, int frequency, double duty)
    {
        _life = life;
        _pin = pin;
        _frequency = frequency;
        _duty = duty;
    }

    /// <summary>Not available on ESP32 (channels are found by pin): throws, as nanoFramework's ESP32 build does.</summary>
    public PwmChannel(int chip, int channel, int frequency = 400, double dutyCyclePercentage = 0.5)
    {
        throw new NotSupportedException("ESP32: create PWM channels with PwmChannel.CreateFromPin");
    }

    /// <summary>Frequency, Hz.</summary>
    public int Frequency
    {
        get => _frequency;
        set
        {
            _life.ThrowIfDead();
            _frequency = value;
            _life.Board.Pwm.Set(_pin, value, null, null);
        }
    }

    /// <summary>Duty cycle, 0–1.</summary>
    public double DutyCycle
    {
        get => _duty;
        set
        {
            _life.ThrowIfDead();
            if (value < 0 || value > 1)
            {
                throw new ArgumentOutOfRangeException(nameof(value), "duty cycle is 0.0 to 1.0");
            }

            _duty = value;
            _life.Board.Pwm.Set(_pin, null, value, null);
        }
    }

    /// <summary>Not available on ESP32.</summary>
    public static PwmChannel Create(int chip, int channel, int frequency = 400, double dutyCyclePercentage = 0.5) =>
        new(chip, channel, frequency, dutyCyclePercentage);

    /// <summary>A channel on <paramref name="pin"/>, or null when no PWM signal is routed there.</summary>
    public static PwmChannel CreateFromPin(int pin, int frequency = 400, double dutyCyclePercentage = 0.5)
    {
        var life = StandIn.Life;
        return life.Board.Pwm.TryOpen(pin, frequency, dutyCyclePercentage) ? new PwmChannel(life, pin, frequency, dutyCyclePercentage) : null;
    }

    /// <summary>Starts the output.</summary>
    public void Start()
    {
        _life.ThrowIfDead();
        _life.Board.Pwm.Set(_pin, null, null, true);
    }

    /// <summary>Stops the output.</summary>
    public void Stop()
    {
        _life.ThrowIfDead();
        _life.Board.Pwm.Set(_pin, null, null, false);
    }

    /// <summary>Releases the channel.</summary>
    public void Dispose()
    {
        if (_life.IsAlive)
        {
            _life.Board.Pwm.Close(_pin);
        }
    }
}
