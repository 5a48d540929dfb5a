using EdgeDevices.Hardware.Emulation.Board;

namespace EdgeDevices.Hardware.Emulation.I2c;

/// <summary>
/// The board's I2C wiring: chips sit on a pair of pads (SDA, SCL) at an address. A transfer on bus N goes
/// out on the pads the pin matrix routes I2CN_DATA and I2CN_CLOCK to, so firmware that opens the bus
/// without routing it to the board's wiring finds nobody there, as on the device.
/// </summary>
public sealed class BoardI2c
{
    private readonly EmulatedBoard _board;
    private readonly object _sync = new();
    private readonly List<(int Sda, int Scl, int Address, II2cTarget Target)> _chips = [];

    internal BoardI2c(EmulatedBoard board) => _board = board;

    /// <summary>Wires <paramref name="target"/> to the pads at <paramref name="address"/>.</summary>
    public void Attach(int sdaPin, int sclPin, int address, II2cTarget target)
    {
        lock (_sync)
        {
            if (_chips.Any(c => c.Sda == sdaPin && c.Scl == sclPin && c.Address == address))
            {
                throw new InvalidOperationException($"address 0x{address:X2} is already taken on SDA {sdaPin}/SCL {sclPin}");
            }

            _chips.Add((sdaPin, sclPin, address, target));
        }
    }

    /// <summary>
    /// One transfer on bus <paramref name="busId"/>: writes <paramref name="write"/> (if any), then reads into
    /// <paramref name="read"/> (if any) after a repeated start.
    /// </summary>
    public I2cStatus Transfer(int busId, int address, ReadOnlySpan<byte> write, Span<byte> read)
    {
        var sda = _board.PinFunctions.PinOf($"I2C{busId}_DATA");
        var scl = _board.PinFunctions.PinOf($"I2C{busId}_CLOCK");
        II2cTarget? target;
        lock (_sync)
        {
            target = _chips.FirstOrDefault(c => c.Sda == sda && c.Scl == scl && c.Address == address).Target;
        }

        if (target == null || !target.IsPresent || !_board.IsPoweredOn)
        {
            return I2cStatus.AddressNotAcknowledged;
        }

        lock (target)
        {
            if (write.Length > 0)
            {
                target.Write(write);
            }

            if (read.Length > 0)
            {
                target.Read(read);
            }
        }

        return I2cStatus.Full;
    }
}
