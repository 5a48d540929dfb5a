using UnitsNet.Units;

namespace UnitsNet;

/// <summary>Stand-in for UnitsNet's nanoFramework <c>Duration</c> (the members the drivers use).</summary>
public struct Duration
{
    private readonly double _value;
    private readonly DurationUnit _unit;

    /// <summary>A quantity in <paramref name="unit"/>.</summary>
    public Duration(double value, DurationUnit unit)
    {
        _value = value;
        _unit = unit;
    }

    /// <summary>The value in <see cref="Unit"/>.</summary>
    public double Value => _value;

    /// <summary>The unit of <see cref="Value"/>.</summary>
    public DurationUnit Unit => _unit;

    /// <summary>In milliseconds.</summary>
    public double Milliseconds => As(DurationUnit.Millisecond);

    /// <summary>In seconds.</summary>
    public double Seconds => As(DurationUnit.Second);

    /// <summary>From milliseconds.</summary>
    public static Duration FromMilliseconds(double value) => new(value, DurationUnit.Millisecond);

    /// <summary>From seconds.</summary>
    public static Duration FromSeconds(double value) => new(value, DurationUnit.Second);

    /// <summary>From a value in a unit.</summary>
    public static Duration From(double value, DurationUnit fromUnit) => new(value, fromUnit);

    /// <summary>The value in <paramref name="unit"/>.</summary>
    public double As(DurationUnit unit) => FromBase(ToBase(), unit);

    private double ToBase() => _unit switch
    {
        DurationUnit.Millisecond => _value,
        DurationUnit.Second => _value * 1000,
        _ => throw new NotSupportedException(_unit.ToString()),
    };

    private static double FromBase(double v, DurationUnit unit) => unit switch
    {
        DurationUnit.Millisecond => v,
        DurationUnit.Second => v / 1000,
        _ => throw new NotSupportedException(unit.ToString()),
    };
}
