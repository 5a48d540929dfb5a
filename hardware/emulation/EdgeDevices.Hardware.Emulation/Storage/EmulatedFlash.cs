using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Hardware.Emulation.Storage;

/// <summary>
/// A flash region in memory that reads as erased (0xFF) when new and whose power can be cut after any
/// number of written bytes. The write in progress then keeps only the bytes that made it, the byte being
/// written is left scrambled, and <see cref="PowerLossException"/> escapes into the firmware. After
/// <see cref="PowerOn"/>, firmware "reboots" by opening its structures on the same flash again.
/// </summary>
public sealed class EmulatedFlash(int length) : IFlashStorage
{
    private readonly object _sync = new();
    private readonly byte[] _cells = Erased(length);
    private long _cutAfterBytes = -1;
    private bool _powerLost;

    /// <inheritdoc />
    public int Length => length;

    /// <summary>Bytes written since creation (wear, and the unit of <see cref="CutPowerAfter"/>).</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Write calls since creation.</summary>
    public long Writes { get; private set; }

    /// <summary>Whether the power is off.</summary>
    public bool PowerLost
    {
        get
        {
            lock (_sync)
            {
                return _powerLost;
            }
        }
    }

    /// <summary>Cuts the power once <paramref name="bytes"/> more bytes have been written.</summary>
    public void CutPowerAfter(long bytes)
    {
        lock (_sync)
        {
            _cutAfterBytes = bytes;
        }
    }

    /// <summary>Loses power now: every access fails until <see cref="PowerOn"/>.</summary>
    public void LosePower()
    {
        lock (_sync)
        {
            _powerLost = true;
        }
    }

    /// <summary>Restores power; the contents are whatever the cut left.</summary>
    public void PowerOn()
    {
        lock (_sync)
        {
            _powerLost = false;
            _cutAfterBytes = -1;
        }
    }

    /// <summary>A copy of the raw contents.</summary>
    public byte[] Snapshot()
    {
        lock (_sync)
        {
            return (byte[])_cells.Clone();
        }
    }

    /// <summary>Flips bits of one byte, as a failing cell would.</summary>
    public void Corrupt(int position, byte xorMask)
    {
        lock (_sync)
        {
            _cells[position] ^= xorMask;
        }
    }

    /// <inheritdoc />
    public void Read(int position, byte[] buffer, int offset, int count)
    {
        lock (_sync)
        {
            ThrowIfOff();
            CheckRange(position, count);
            Array.Copy(_cells, position, buffer, offset, count);
        }
    }

    /// <summary>
    /// Raised (outside the flash's lock) when a cut set by <see cref="CutPowerAfter"/> strikes, so the board
    /// around the flash loses its power at the same moment.
    /// </summary>
    public event Action? PowerFailed;

    /// <inheritdoc />
    public void Write(int position, byte[] buffer, int offset, int count)
    {
        lock (_sync)
        {
            ThrowIfOff();
            CheckRange(position, count);
            Writes++;
            for (var i = 0; i < count; i++)
            {
                if (_cutAfterBytes == 0)
                {
                    // Dies mid-byte: the cell holds neither the old nor the new value.
                    var torn = (byte)(buffer[offset + i] ^ 0x5A);
                    _cells[position + i] = torn == _cells[position + i] ? (byte)(torn ^ 0x81) : torn;
                    _powerLost = true;
                    _cutAfterBytes = -1;
                    break;
                }

                _cells[position + i] = buffer[offset + i];
                BytesWritten++;
                if (_cutAfterBytes > 0)
                {
                    _cutAfterBytes--;
                }
            }

            if (!_powerLost)
            {
                return;
            }
        }

        PowerFailed?.Invoke();
        throw new PowerLossException();
    }

    /// <inheritdoc />
    public void Flush()
    {
        lock (_sync)
        {
            ThrowIfOff();
        }
    }

    private void ThrowIfOff()
    {
        if (_powerLost)
        {
            throw new PowerLossException();
        }
    }

    private void CheckRange(int position, int count)
    {
        if (position < 0 || count < 0 || position + count > length)
        {
            throw new ArgumentOutOfRangeException(nameof(position), $"flash access {position}+{count} outside 0..{length}");
        }
    }

    private static byte[] Erased(int length)
    {
        var cells = new byte[length];
        Array.Fill(cells, (byte)0xFF);
        return cells;
    }
}
