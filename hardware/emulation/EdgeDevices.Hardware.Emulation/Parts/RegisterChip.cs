using EdgeDevices.Hardware.Emulation.Board;
using EdgeDevices.Hardware.Emulation.I2c;

namespace EdgeDevices.Hardware.Emulation.Parts;

/// <summary>
/// An I2C sensor seen as Bosch's sensors present themselves: 256 byte-wide registers behind a register
/// pointer. A write sets the pointer with its first byte and then writes (register, value) pairs, the
/// first value going to the pointed register (Bosch chips do not auto-increment on writes); a read
/// returns consecutive registers from the pointer. Before every access the chip brings its state up to
/// the world's time, so conversions finish when their time has come and not before.
/// </summary>
public abstract class RegisterChip : II2cTarget
{
    private byte _pointer;

    /// <summary>Wires the chip to the board and resets it whenever the board's power comes back.</summary>
    protected RegisterChip(EmulatedBoard board, int sdaPin, int sclPin, int address)
    {
        Board = board;
        Address = address;
        board.I2c.Attach(sdaPin, sclPin, address, this);
        board.PowerChanged += on =>
        {
            lock (this)
            {
                PowerOnReset();
            }
        };
    }

    /// <summary>The board the chip sits on.</summary>
    protected EmulatedBoard Board { get; }

    /// <summary>The chip's I2C address.</summary>
    public int Address { get; }

    /// <summary>The register file.</summary>
    protected byte[] Registers { get; } = new byte[256];

    /// <summary>World uptime now.</summary>
    protected long Now => Board.World.Clock.UptimeMilliseconds;

    /// <summary>A loose connector: the chip stops answering (its address is not acknowledged) while set.</summary>
    public bool Unplugged { get; set; }

    /// <inheritdoc />
    public bool IsPresent => !Unplugged;

    /// <summary>Register writes and reads so far (tests check the driver talks to the chip).</summary>
    public long Transactions { get; private set; }

    /// <inheritdoc />
    public void Write(ReadOnlySpan<byte> data)
    {
        Transactions++;
        Update();
        _pointer = data[0];
        for (var i = 1; i < data.Length; i++)
        {
            var register = i == 1 ? _pointer : data[i++];
            if (i >= data.Length)
            {
                break;
            }

            WriteRegister(register, data[i]);
        }
    }

    /// <inheritdoc />
    public void Read(Span<byte> buffer)
    {
        Transactions++;
        Update();
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = ReadRegister((byte)(_pointer + i));
        }
    }

    /// <summary>Resets the chip as its power-on reset does (calibration memory stays: it is NVM).</summary>
    protected abstract void PowerOnReset();

    /// <summary>Brings conversions up to <see cref="Now"/>.</summary>
    protected abstract void Update();

    /// <summary>A register write by the controller.</summary>
    protected abstract void WriteRegister(byte register, byte value);

    /// <summary>A register read by the controller.</summary>
    protected virtual byte ReadRegister(byte register) => Registers[register];

    /// <summary>Writes a 20-bit ADC value as msb, lsb, xlsb[7:4] at <paramref name="register"/>.</summary>
    protected void Put20(int register, int value)
    {
        Registers[register] = (byte)(value >> 12);
        Registers[register + 1] = (byte)(value >> 4);
        Registers[register + 2] = (byte)((value & 0x0F) << 4);
    }

    /// <summary>Writes a 16-bit ADC value as msb, lsb at <paramref name="register"/>.</summary>
    protected void Put16(int register, int value)
    {
        Registers[register] = (byte)(value >> 8);
        Registers[register + 1] = (byte)value;
    }

    /// <summary>Oversampling factor for a 3-bit osrs code (0 = skipped).</summary>
    protected static int Oversampling(int code) => code switch
    {
        0 => 0,
        1 => 1,
        2 => 2,
        3 => 4,
        4 => 8,
        _ => 16,
    };

    /// <summary>
    /// The smallest value in [<paramref name="low"/>, <paramref name="high"/>] at which the monotonic
    /// <paramref name="reached"/> turns true (or <paramref name="high"/>): how raw codes are found that
    /// the compensation formulas map to the physical value a test set.
    /// </summary>
    protected static int FirstReaching(int low, int high, Func<int, bool> reached)
    {
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (reached(mid))
            {
                high = mid;
            }
            else
            {
                low = mid + 1;
            }
        }

        return low;
    }
}
