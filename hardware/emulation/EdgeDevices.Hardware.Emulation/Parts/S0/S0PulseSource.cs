using EdgeDevices.Hardware.Emulation.Board;

namespace EdgeDevices.Hardware.Emulation.Parts.S0;

/// <summary>
/// A meter's S0 output (DIN 43864 / IEC 62053-31): an opto-coupler or reed contact that conducts for each
/// pulse (at least 30 ms), pulling the board's pulled-up input low. A mechanical contact bounces: each
/// closing and opening comes with a burst of extra transitions, one millisecond apart. Pulses are emitted
/// on the world's part scheduler, so a virtual clock runs a day of pulses in seconds and every edge
/// happens at its exact time.
/// </summary>
public sealed class S0PulseSource
{
    private readonly EmulatedBoard _board;
    private readonly int _pin;
    private readonly Random _random;
    private readonly object _sync = new();
    private IDisposable? _rate;

    /// <summary>An S0 output on <paramref name="pin"/>; the board is assumed to pull the pin up.</summary>
    public S0PulseSource(EmulatedBoard board, int pin, int seed = 7)
    {
        _board = board;
        _pin = pin;
        _random = new Random(seed);
    }

    /// <summary>How long each pulse conducts, ms (S0: ≥ 30).</summary>
    public int PulseWidthMilliseconds { get; set; } = 35;

    /// <summary>Extra transitions at each closing and at each opening (0: a clean opto-coupler output).</summary>
    public int BounceTransitions { get; set; }

    /// <summary>Pulses emitted so far.</summary>
    public long PulsesEmitted { get; private set; }

    /// <summary>Transitions put on the line so far (bounce included).</summary>
    public long Transitions { get; private set; }

    /// <summary>Emits <paramref name="count"/> pulses, one every <paramref name="periodMilliseconds"/>, starting now.</summary>
    public void Emit(int count, int periodMilliseconds)
    {
        if (periodMilliseconds < PulseWidthMilliseconds + (2 * BounceTransitions) + 2)
        {
            throw new ArgumentOutOfRangeException(nameof(periodMilliseconds), "pulses would overlap");
        }

        var start = _board.World.Clock.UptimeMilliseconds;
        for (var i = 0; i < count; i++)
        {
            SchedulePulse(start + ((long)i * periodMilliseconds));
        }
    }

    /// <summary>Emits pulses continuously at <paramref name="pulsesPerHour"/> (0 stops).</summary>
    public void SetRate(double pulsesPerHour)
    {
        lock (_sync)
        {
            _rate?.Dispose();
            _rate = null;
            if (pulsesPerHour > 0)
            {
                var period = (long)Math.Round(3_600_000 / pulsesPerHour);
                _rate = _board.World.Scheduler.Every(period, period, () => SchedulePulse(_board.World.Clock.UptimeMilliseconds));
            }
        }
    }

    private void SchedulePulse(long at)
    {
        var scheduler = _board.World.Scheduler;
        var t = at;
        var bounces = BounceTransitions;
        scheduler.At(t, () => Set(conducting: true, countsPulse: true));
        for (var b = 0; b < bounces; b++)
        {
            var conducting = b % 2 == 1;
            scheduler.At(t + 1 + b, () => Set(conducting, countsPulse: false));
        }

        // An odd bounce count ends open: close once more so the pulse body conducts.
        if (bounces % 2 == 1)
        {
            scheduler.At(t + 1 + bounces, () => Set(conducting: true, countsPulse: false));
        }

        var release = t + PulseWidthMilliseconds;
        scheduler.At(release, () => Set(conducting: false, countsPulse: false));
        for (var b = 0; b < bounces; b++)
        {
            var conducting = b % 2 == 0;
            scheduler.At(release + 1 + b, () => Set(conducting, countsPulse: false));
        }

        if (bounces % 2 == 1)
        {
            scheduler.At(release + 1 + bounces, () => Set(conducting: false, countsPulse: false));
        }
    }

    private void Set(bool conducting, bool countsPulse)
    {
        lock (_sync)
        {
            Transitions++;
            if (countsPulse)
            {
                PulsesEmitted++;
            }
        }

        _board.Gpio.Drive(_pin, conducting ? false : null);
    }
}
