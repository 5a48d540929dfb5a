using UnitsNet.Units;

namespace UnitsNet;

/// <summary>Stand-in for UnitsNet's nanoFramework <c>Length</c> (the members the drivers use).</summary>
public struct Length
{
    private readonly double _value;
    private readonly LengthUnit _unit;

    /// <summary>A quantity in <paramref name="unit"/>.</summary>
    public Length(double value, LengthUnit unit)
    {
        _value = value;
        _unit = unit;
    }

    /// <summary>The value in <see cref="Unit"/>.</summary>
    public double Value => _value;

    /// <summary>The unit of <see cref="Value"/>.</summary>
    public LengthUnit Unit => _unit;

    /// <summary>In meters.</summary>
    public double Meters => As(LengthUnit.Meter);

    /// <summary>From meters.</summary>
    public static Length FromMeters(double value) => new(value, LengthUnit.Meter);

    /// <summary>From a value in a unit.</summary>
    public static Length From(double value, LengthUnit fromUnit) => new(value, fromUnit);

    /// <summary>The value in <paramref name="unit"/>.</summary>
    public double As(LengthUnit unit) => FromBase(ToBase(), unit);

    private double ToBase() => _unit switch
    {
        LengthUnit.Meter => _value,
        _ => throw new NotSupportedException(_unit.ToString()),
    };

    private static double FromBase(double v, LengthUnit unit) => unit switch
    {
        LengthUnit.Meter => v,
        _ => throw new NotSupportedException(unit.ToString()),
    };
}
