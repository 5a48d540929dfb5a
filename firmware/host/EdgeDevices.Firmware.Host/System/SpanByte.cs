namespace System;

/// <summary>
/// Stand-in for nanoFramework's <c>System.SpanByte</c> (mscorlib 1.17): a window on a byte array, which
/// nanoFramework's I2C and SPI APIs take instead of <c>Span&lt;byte&gt;</c>.
/// </summary>
public readonly struct SpanByte
{
    private readonly byte[] _array;
    private readonly int _start;
    private readonly int _length;

    /// <summary>A span over the whole array.</summary>
    public SpanByte(byte[] array)
    {
        _array = array;
        _start = 0;
        _length = array?.Length ?? 0;
    }

    /// <summary>A span over part of the array.</summary>
    public SpanByte(byte[] array, int start, int length)
    {
        if (array == null)
        {
            if (start != 0 || length != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(start));
            }
        }
        else if (start < 0 || length < 0 || start + length > array.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(start));
        }

        _array = array;
        _start = start;
        _length = length;
    }

    /// <summary>An empty span.</summary>
    public static SpanByte Empty => default;

    /// <summary>Whether the span is empty.</summary>
    public bool IsEmpty => _length == 0;

    /// <summary>Number of bytes.</summary>
    public int Length => _length;

    /// <summary>A byte of the span.</summary>
    public byte this[int index]
    {
        get
        {
            CheckIndex(index);
            return _array[_start + index];
        }

        set
        {
            CheckIndex(index);
            _array[_start + index] = value;
        }
    }

    /// <summary>Arrays convert implicitly, so <c>device.Write(new byte[] { reg })</c> compiles.</summary>
    public static implicit operator SpanByte(byte[] array) => new(array);

    /// <summary>Copies into <paramref name="destination"/>, which must be at least as long.</summary>
    public void CopyTo(SpanByte destination)
    {
        if (destination.Length < _length)
        {
            throw new ArgumentException("destination is too short", nameof(destination));
        }

        for (var i = 0; i < _length; i++)
        {
            destination[i] = this[i];
        }
    }

    /// <summary>The span from <paramref name="start"/> on.</summary>
    public SpanByte Slice(int start) => Slice(start, _length - start);

    /// <summary>Part of the span.</summary>
    public SpanByte Slice(int start, int length)
    {
        if (start < 0 || length < 0 || start + length > _length)
        {
            throw new ArgumentOutOfRangeException(nameof(start));
        }

        return new SpanByte(_array, _start + start, length);
    }

    /// <summary>A copy of the bytes.</summary>
    public byte[] ToArray()
    {
        var copy = new byte[_length];
        if (_length > 0)
        {
            Array.Copy(_array, _start, copy, 0, _length);
        }

        return copy;
    }

    /// <summary>The bytes as a host span (stand-ins only; not on the device).</summary>
    internal Span<byte> AsSpan() => _array == null ? [] : _array.AsSpan(_start, _length);

    private void CheckIndex(int index)
    {
        if ((uint)index >= (uint)_length)
        {
            throw new IndexOutOfRangeException();
        }
    }
}
