using EdgeDevices.Hardware.Emulation.Board;
using EdgeDevices.Hardware.Emulation.Gpio;

namespace EdgeDevices.Hardware.Emulation.Parts.Luminaire;

/// <summary>
/// A street-light luminaire behind the controller: a normally-open relay (coil on a GPIO, auxiliary
/// contact back to an input), an LED driver dimmed by the board's PWM, and a BL0937-class metering chip
/// whose CF output pulses at a frequency proportional to the active power. Power follows the level as an
/// LED driver's does (about 14 % of rated at a 10 % level, rising linearly to rated at full), plus the
/// driver's standby draw whenever it is powered. It can fail as luminaires do: open LED string, welded or
/// dead relay, thermal cycling. The CF pulses are counted by integrating power over world time, not edge by
/// edge. Hand-written: no served package models this.
/// </summary>
public sealed class Luminaire : IPulseSource
{
    /// <summary>What the driver draws when powered but dark, W.</summary>
    public const double StandbyWatts = 0.6;

    private readonly object _sync = new();
    private readonly EmulatedBoard _board;
    private readonly int _dimPin;
    private readonly int _relayPin;
    private readonly int _feedbackPin;
    private readonly double _wattsPerHertz;
    private LuminaireFault _fault;
    private double _watts;
    private double _pulses;
    private long _since;
    private bool _cyclingOff;
    private bool _relayClosed;
    private IDisposable? _cycling;

    /// <summary>
    /// A luminaire wired to the board: dim input on <paramref name="dimPin"/>, relay coil on
    /// <paramref name="relayPin"/>, auxiliary contact on <paramref name="feedbackPin"/> (pulled low when
    /// closed; -1 if not wired), CF output on <paramref name="powerPulsePin"/> at
    /// <paramref name="milliwattsPerHertz"/>.
    /// </summary>
    public Luminaire(EmulatedBoard board, int dimPin, int relayPin, int feedbackPin, int powerPulsePin, int milliwattsPerHertz, double ratedWatts, DimmingSignal signal = DimmingSignal.ZeroToTenVolt)
    {
        _board = board;
        _dimPin = dimPin;
        _relayPin = relayPin;
        _feedbackPin = feedbackPin;
        _wattsPerHertz = milliwattsPerHertz / 1000.0;
        RatedWatts = ratedWatts;
        Signal = signal;
        _since = board.World.Clock.UptimeMilliseconds;
        board.Gpio.AttachPulseSource(powerPulsePin, this);
        board.Pwm.Changed += pin =>
        {
            if (pin == _dimPin)
            {
                Recompute();
            }
        };
        board.Gpio.FirmwareOutputChanged += (pin, _) =>
        {
            if (pin == _relayPin)
            {
                Recompute();
            }
        };
        board.PowerChanged += _ => Recompute();
        Recompute();
    }

    /// <summary>Rated power at full output, W.</summary>
    public double RatedWatts { get; }

    /// <summary>The driver's dim input.</summary>
    public DimmingSignal Signal { get; }

    /// <summary>Lowest level the driver holds, %.</summary>
    public double MinimumLevelPercent { get; set; } = 10;

    /// <summary>Seconds on and off while <see cref="LuminaireFault.Cycling"/>.</summary>
    public int CyclingPeriodSeconds { get; set; } = 20;

    /// <summary>The fault the luminaire has.</summary>
    public LuminaireFault Fault
    {
        get
        {
            lock (_sync)
            {
                return _fault;
            }
        }

        set
        {
            lock (_sync)
            {
                _fault = value;
                _cycling?.Dispose();
                _cycling = null;
                _cyclingOff = false;
                if (value == LuminaireFault.Cycling)
                {
                    var period = CyclingPeriodSeconds * 1000L;
                    _cycling = _board.World.Scheduler.Every(period, period, () =>
                    {
                        lock (_sync)
                        {
                            _cyclingOff = !_cyclingOff;
                        }

                        Recompute();
                    });
                }
            }

            Recompute();
        }
    }

    /// <summary>Whether the relay contacts are closed (the driver has mains).</summary>
    public bool RelayClosed
    {
        get
        {
            var coil = _board.IsPoweredOn && _board.Gpio.FirmwareOutput(_relayPin) == true;
            return Fault switch
            {
                LuminaireFault.RelayStuckClosed => true,
                LuminaireFault.RelayStuckOpen => false,
                _ => coil,
            };
        }
    }

    /// <summary>Light output, % of full (0 when dark).</summary>
    public double LightPercent
    {
        get
        {
            lock (_sync)
            {
                return LightLocked();
            }
        }
    }

    /// <summary>Active power drawn now, W.</summary>
    public double PowerWatts
    {
        get
        {
            lock (_sync)
            {
                return _watts;
            }
        }
    }

    /// <summary>Energy drawn so far, Wh.</summary>
    public double EnergyWattHours
    {
        get
        {
            lock (_sync)
            {
                return (_pulses + (_watts * (_board.World.Clock.UptimeMilliseconds - _since) / 1000.0 / _wattsPerHertz)) * _wattsPerHertz / 3600.0;
            }
        }
    }

    /// <inheritdoc />
    public long PulsesUntil(long worldUptimeMilliseconds)
    {
        lock (_sync)
        {
            var elapsed = Math.Max(0, worldUptimeMilliseconds - _since);
            return (long)Math.Floor(_pulses + (_watts * elapsed / 1000.0 / _wattsPerHertz));
        }
    }

    // Power is piecewise constant: close the running segment, then take the new level.
    private void Recompute()
    {
        var closed = RelayClosed;
        var now = _board.World.Clock.UptimeMilliseconds;
        if (_feedbackPin >= 0)
        {
            _board.Gpio.Drive(_feedbackPin, closed ? false : null);
        }

        lock (_sync)
        {
            _pulses += _watts * Math.Max(0, now - _since) / 1000.0 / _wattsPerHertz;
            _since = now;
            _relayClosed = closed;
            var light = LightLocked();
            _watts = !closed ? 0 : StandbyWatts + (light > 0 ? RatedWatts * (0.045 + (0.955 * light / 100)) : (_fault == LuminaireFault.OpenLamp ? 0.9 : 0));
        }
    }

    private double LightLocked()
    {
        if (!_relayClosed || _fault == LuminaireFault.OpenLamp || (_fault == LuminaireFault.Cycling && _cyclingOff))
        {
            return 0;
        }

        var duty = _board.Pwm.DutyOn(_dimPin);
        var level = Signal switch
        {
            DimmingSignal.Pwm => duty * 100,
            DimmingSignal.ZeroToTenVolt => duty * 100,
            _ => duty * 10 <= 1 ? MinimumLevelPercent : MinimumLevelPercent + ((duty * 10) - 1) / 9 * (100 - MinimumLevelPercent),
        };

        // A driver cannot go below its minimum; with no dim signal at all an analogue input floats to full.
        if (Signal != DimmingSignal.Pwm && _board.Pwm.FrequencyOn(_dimPin) == 0)
        {
            level = 100;
        }

        return Math.Clamp(Math.Max(level, MinimumLevelPercent), 0, 100);
    }
}
