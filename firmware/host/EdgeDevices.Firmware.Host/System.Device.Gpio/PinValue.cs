namespace System.Device.Gpio;

/// <summary>Stand-in for nanoFramework's <c>PinValue</c>: High or Low.</summary>
public readonly struct PinValue : IEquatable<PinValue>
{
    private readonly byte _value;

    private PinValue(byte value) => _value = value;

    /// <summary>High.</summary>
    public static PinValue High => new(1);

    /// <summary>Low.</summary>
    public static PinValue Low => new(0);

    /// <summary>Non-zero is High.</summary>
    public static implicit operator PinValue(int value) => value == 0 ? Low : High;

    /// <summary>True is High.</summary>
    public static implicit operator PinValue(bool value) => value ? High : Low;

    /// <summary>1 for High.</summary>
    public static explicit operator byte(PinValue value) => value._value;

    /// <summary>1 for High.</summary>
    public static explicit operator int(PinValue value) => value._value;

    /// <summary>True for High.</summary>
    public static explicit operator bool(PinValue value) => value._value != 0;

    /// <summary>Equality.</summary>
    public static bool operator ==(PinValue a, PinValue b) => a._value == b._value;

    /// <summary>Inequality.</summary>
    public static bool operator !=(PinValue a, PinValue b) => a._value != b._value;

    /// <inheritdoc />
    public bool Equals(PinValue other) => _value == other._value;

    /// <inheritdoc />
    public override bool Equals(object obj) => obj is PinValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _value;

    /// <inheritdoc />
    public override string ToString() => _value == 0 ? "Low" : "High";
}
