using EdgeDevices.Firmware.Host;
using EdgeDevices.Hardware.Emulation.Board;

namespace System.Device.Gpio;

/// <summary>Stand-in for <c>GpioPulsePolarity</c> (nanoFramework.Hardware.Esp32).</summary>
public enum GpioPulsePolarity
{
    /// <summary>Both edges.</summary>
    Both,

    /// <summary>Falling edges.</summary>
    Falling,

    /// <summary>Rising edges.</summary>
    Rising,
}

/// <summary>Stand-in for <c>GpioPulseCount</c>: a count and when it was taken.</summary>
public struct GpioPulseCount
{
    /// <summary>Pulses counted.</summary>
    public long Count;

    /// <summary>Time of the reading (since boot).</summary>
    public TimeSpan RelativeTime;
}

/// <summary>
/// Stand-in for the ESP32 pulse counter (<c>GpioPulseCounter</c>, nanoFramework.Hardware.Esp32): counts
/// the pad's edges of the chosen polarity while started, or, on a pad driven by a fast pulse source (a
/// metering IC), that source's pulses. The PCNT glitch filter (at most 1023 APB cycles, about 13 µs) is
/// far below the millisecond bounce of a contact, so, as on the device, it does not debounce one.
/// </summary>
public sealed class GpioPulseCounter : IDisposable
{
    private readonly BoardLife _life;
    private readonly int _pin;
    private ushort _filter;
    private long _counted;
    private long _startedAt;
    private bool _started;

    /// <summary>A counter on <paramref name="pinNumberA"/> (<paramref name="pinNumberB"/>: quadrature, not emulated).</summary>
    public GpioPulseCounter(int pinNumberA, int pinNumberB = -1)
    {
        _life = StandIn.Life;
        if (pinNumberB != -1)
        {
            throw new NotSupportedException("quadrature counting is not emulated");
        }

        _pin = pinNumberA;
        Polarity = GpioPulsePolarity.Falling;
    }

    /// <summary>Which edges count.</summary>
    public GpioPulsePolarity Polarity { get; set; }

    /// <summary>Glitch filter in APB cycles (0–1023), settable only while stopped.</summary>
    public ushort FilterPulses
    {
        get => _filter;
        set
        {
            if (_started)
            {
                throw new InvalidOperationException("stop the counter before changing its filter");
            }

            if (value > 1023)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            _filter = value;
        }
    }

    /// <summary>Whether counting.</summary>
    public bool IsStarted => _started;

    /// <summary>Starts counting.</summary>
    public void Start()
    {
        _life.ThrowIfDead();
        if (!_started)
        {
            _startedAt = Raw();
            _started = true;
        }
    }

    /// <summary>Stops counting (the count is kept).</summary>
    public void Stop()
    {
        if (_started)
        {
            _counted += Raw() - _startedAt;
            _started = false;
        }
    }

    /// <summary>The count so far.</summary>
    public GpioPulseCount Read()
    {
        _life.ThrowIfDead();
        return new GpioPulseCount { Count = Current(), RelativeTime = TimeSpan.FromMilliseconds(_life.Clock.UptimeMilliseconds) };
    }

    /// <summary>The count so far, then zero.</summary>
    public GpioPulseCount Reset()
    {
        var reading = Read();
        _counted = 0;
        _startedAt = Raw();
        return reading;
    }

    /// <summary>Releases the counter.</summary>
    public void Dispose() => _started = false;

    private long Current() => _counted + (_started ? Raw() - _startedAt : 0);

    private long Raw()
    {
        var gpio = _life.Board.Gpio;
        var source = gpio.PulseSourceOn(_pin);
        if (source != null)
        {
            var pulses = source.PulsesUntil(_life.Board.World.Clock.UptimeMilliseconds);
            return Polarity == GpioPulsePolarity.Both ? pulses * 2 : pulses;
        }

        return gpio.Edges(_pin, Polarity != GpioPulsePolarity.Falling, Polarity != GpioPulsePolarity.Rising);
    }
}
