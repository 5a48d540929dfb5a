using EdgeDevices.Hardware.Emulation.Board;

namespace EdgeDevices.Hardware.Emulation.Parts.Reed;

/// <summary>
/// A reed contact that closes when a magnet is near (the tamper sensor of a meter node): closed pulls the
/// pin low against the board's external pull-up (GPIO 34–39 have no internal one).
/// </summary>
public sealed class ReedSwitch
{
    private readonly EmulatedBoard _board;
    private readonly int _pin;
    private bool _magnet;

    /// <summary>A reed contact on <paramref name="pin"/> with the board's external pull-up.</summary>
    public ReedSwitch(EmulatedBoard board, int pin)
    {
        _board = board;
        _pin = pin;
        board.Gpio.SetExternalPull(pin, up: true);
    }

    /// <summary>Whether a magnet is held to the meter.</summary>
    public bool MagnetPresent
    {
        get => _magnet;
        set
        {
            _magnet = value;
            _board.Gpio.Drive(_pin, value ? false : null);
        }
    }
}
