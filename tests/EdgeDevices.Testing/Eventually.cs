using System.Runtime.CompilerServices;

namespace EdgeDevices.Testing;

/// <summary>
/// Waits for something the system under test will do: polls the condition until it holds. The limit only
/// keeps a broken test from hanging the suite (it is minutes, not a timing goal), so a busy machine makes
/// a test slower, never red.
/// </summary>
public static class Eventually
{
    /// <summary>How long a condition may take before the test is failed as hung.</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("EDGETESTS_HANG_SECONDS"), out var seconds) && seconds > 0 ? seconds : 180);

    /// <summary>Returns once <paramref name="condition"/> holds; throws, saying what was awaited, when it never does.</summary>
    public static async Task TrueAsync(Func<bool> condition, [CallerArgumentExpression(nameof(condition))] string awaited = "", Func<string>? state = null)
    {
        var started = Environment.TickCount64;
        while (!condition())
        {
            if (Environment.TickCount64 - started > HangLimit.TotalMilliseconds)
            {
                throw Hung(awaited, state);
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// As <see cref="TrueAsync(Func{bool}, string, Func{string}?)"/>, blocking (for code that cannot await); the
    /// condition's own text says what was awaited, <paramref name="state"/> what the system showed instead.
    /// </summary>
    public static void True(Func<bool> condition, Func<string>? state = null, [CallerArgumentExpression(nameof(condition))] string awaited = "")
    {
        var started = Environment.TickCount64;
        while (!condition())
        {
            if (Environment.TickCount64 - started > HangLimit.TotalMilliseconds)
            {
                throw Hung(awaited, state);
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>As <see cref="TrueAsync(Func{bool}, string, Func{string}?)"/>, with a condition that has to await.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, [CallerArgumentExpression(nameof(condition))] string awaited = "", Func<string>? state = null)
    {
        var started = Environment.TickCount64;
        while (!await condition().ConfigureAwait(false))
        {
            if (Environment.TickCount64 - started > HangLimit.TotalMilliseconds)
            {
                throw Hung(awaited, state);
            }

            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    private static TimeoutException Hung(string awaited, Func<string>? state) =>
        new($"still waiting for {awaited} after {HangLimit.TotalSeconds} s{(state == null ? string.Empty : ": " + state())}");
}
