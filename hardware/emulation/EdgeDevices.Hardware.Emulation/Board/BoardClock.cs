using EdgeDevices.Firmware.Timing;
using EdgeDevices.Hardware.Emulation.Storage;
using EdgeDevices.Hardware.Emulation.Timing;

namespace EdgeDevices.Hardware.Emulation.Board;

/// <summary>
/// Time as the firmware of one board life sees it: uptime from this boot, the board's RTC (unset after a
/// cold start until SNTP sets it), and threads that run in the board's context. When the life ends, every
/// sleeper and waiter wakes at once with a <see cref="PowerLossException"/>, so the boot's threads end; a
/// thread that dies of any other exception is reported to the board as a crash.
/// </summary>
public sealed class BoardClock : IClock
{
    private readonly BoardLife _life;
    private readonly IWorldClock _world;
    private readonly ManualResetEvent _dead;
    private readonly long _bootUptime;

    internal BoardClock(BoardLife life, IWorldClock world, ManualResetEvent dead)
    {
        _life = life;
        _world = world;
        _dead = dead;
        _bootUptime = world.UptimeMilliseconds;
    }

    /// <summary>The board's RTC. Reading it after the power went throws, like every other access of a dead life.</summary>
    public DateTime UtcNow => _life.Board.RtcUtc(UptimeMilliseconds);

    /// <summary>
    /// Milliseconds since this boot. Throws <see cref="PowerLossException"/> once the life has ended, so a
    /// firmware loop that swallows exceptions still stops at its next look at the clock.
    /// </summary>
    public long UptimeMilliseconds
    {
        get
        {
            ThrowIfDead();
            return _world.UptimeMilliseconds - _bootUptime;
        }
    }

    /// <summary>The world clock under this board.</summary>
    public IWorldClock World => _world;

    /// <inheritdoc />
    public void Sleep(int milliseconds)
    {
        ThrowIfDead();
        if (_world.WaitForAny([_dead], Math.Max(0, milliseconds)) == 0)
        {
            throw new PowerLossException();
        }
    }

    /// <inheritdoc />
    public bool WaitFor(ManualResetEvent signal, int milliseconds)
    {
        ThrowIfDead();
        var index = _world.WaitForAny([signal, _dead], milliseconds);
        if (index == 1)
        {
            throw new PowerLossException();
        }

        return index == 0;
    }

    /// <inheritdoc />
    public void StartThread(ThreadStart work)
    {
        ThrowIfDead();
        _world.StartThread(() =>
        {
            using var context = BoardContext.Enter(_life);
            try
            {
                work();
            }
            catch (PowerLossException)
            {
                // The board lost power (or rebooted): this boot's threads end here.
            }
            catch (Exception ex) when (!_life.IsAlive)
            {
                // Whatever a dying thread trips over after the power went is not a firmware fault.
                _ = ex;
            }
            catch (Exception ex)
            {
                _life.Board.ReportCrash(ex);
            }
        });
    }

    private void ThrowIfDead()
    {
        if (_dead.WaitOne(0))
        {
            throw new PowerLossException();
        }
    }
}
