using EdgeDevices.Firmware.Storage;
using EdgeDevices.Hardware.Emulation.Storage;

namespace EdgeDevices.Hardware.Emulation.Board;

/// <summary>
/// One power-on of a board, from boot to power cut or reboot. Everything the firmware gets during a life
/// (its clock, its files, the stand-in objects it opens) belongs to that life and fails with
/// <see cref="PowerLossException"/> once the life has ended, so a thread of a previous boot that is still
/// unwinding can never touch the hardware of the next one.
/// </summary>
public sealed class BoardLife
{
    private readonly ManualResetEvent _dead = new(false);

    internal BoardLife(EmulatedBoard board, int number)
    {
        Board = board;
        Number = number;
        Clock = new BoardClock(this, board.World.Clock, _dead);
        Files = new LifeFiles(this, board.Flash);
    }

    /// <summary>The board.</summary>
    public EmulatedBoard Board { get; }

    /// <summary>1 for the first power-on, then counting every boot.</summary>
    public int Number { get; }

    /// <summary>The firmware's clock in this life.</summary>
    public BoardClock Clock { get; }

    /// <summary>The internal flash drive as this life sees it.</summary>
    public IDeviceFiles Files { get; }

    /// <summary>Whether the board is still running this life.</summary>
    public bool IsAlive => !_dead.WaitOne(0);

    /// <summary>Throws <see cref="PowerLossException"/> when this life has ended.</summary>
    public void ThrowIfDead()
    {
        if (!IsAlive)
        {
            throw new PowerLossException();
        }
    }

    /// <summary>
    /// Runs a firmware callback (a pin change, received bytes, a network event) on the calling thread as
    /// this life's code: in its board context, silently dropped if the life has ended, and with an escaping
    /// exception reported as a crash of the board.
    /// </summary>
    public void RunCallback(Action callback)
    {
        if (!IsAlive)
        {
            return;
        }

        using var context = BoardContext.Enter(this);
        try
        {
            callback();
        }
        catch (PowerLossException)
        {
        }
        catch (Exception ex) when (IsAlive)
        {
            Board.ReportCrash(ex);
        }
        catch (Exception)
        {
            // The board died while the callback ran.
        }
    }

    internal void End() => _dead.Set();
}
