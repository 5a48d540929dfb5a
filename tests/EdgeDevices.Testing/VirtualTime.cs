using EdgeDevices.Hardware.Emulation.Timing;

namespace EdgeDevices.Testing;

/// <summary>Drives a virtual clock in tests: in steps, until something has happened or a limit of virtual time.</summary>
public static class VirtualTime
{
    /// <summary>Real time a step may take before the test gives up (a thread stuck outside the clock).</summary>
    public const int StepTimeoutMilliseconds = 60_000;

    /// <summary>
    /// Advances <paramref name="clock"/> in steps of <paramref name="stepMilliseconds"/> until
    /// <paramref name="condition"/> holds; false when <paramref name="limit"/> of virtual time passed first.
    /// </summary>
    public static bool RunUntil(this VirtualClock clock, Func<bool> condition, TimeSpan limit, int stepMilliseconds = 1000)
    {
        var end = clock.UptimeMilliseconds + (long)limit.TotalMilliseconds;
        while (true)
        {
            if (condition())
            {
                return true;
            }

            // A message on its way through the real broker may need a moment of real time.
            if (clock.UptimeMilliseconds >= end)
            {
                Thread.Sleep(200);
                return condition();
            }

            if (!clock.RunFor(Math.Min(stepMilliseconds, end - clock.UptimeMilliseconds), StepTimeoutMilliseconds))
            {
                throw new TimeoutException($"virtual time stuck at {clock.UptimeMilliseconds} ms: a firmware thread is busy outside the clock");
            }
        }
    }

    /// <summary>Advances <paramref name="clock"/> by <paramref name="duration"/>.</summary>
    public static void Run(this VirtualClock clock, TimeSpan duration)
    {
        if (!clock.RunFor((long)duration.TotalMilliseconds, StepTimeoutMilliseconds))
        {
            throw new TimeoutException($"virtual time stuck at {clock.UptimeMilliseconds} ms: a firmware thread is busy outside the clock");
        }
    }
}
