using UnitsNet.Units;

namespace UnitsNet;

/// <summary>Stand-in for UnitsNet's nanoFramework <c>RelativeHumidity</c> (the members the drivers use).</summary>
public struct RelativeHumidity
{
    private readonly double _value;
    private readonly RelativeHumidityUnit _unit;

    /// <summary>A quantity in <paramref name="unit"/>.</summary>
    public RelativeHumidity(double value, RelativeHumidityUnit unit)
    {
        _value = value;
        _unit = unit;
    }

    /// <summary>The value in <see cref="Unit"/>.</summary>
    public double Value => _value;

    /// <summary>The unit of <see cref="Value"/>.</summary>
    public RelativeHumidityUnit Unit => _unit;

    /// <summary>In percent.</summary>
    public double Percent => As(RelativeHumidityUnit.Percent);

    /// <summary>From percent.</summary>
    public static RelativeHumidity FromPercent(double value) => new(value, RelativeHumidityUnit.Percent);

    /// <summary>From a value in a unit.</summary>
    public static RelativeHumidity From(double value, RelativeHumidityUnit fromUnit) => new(value, fromUnit);

    /// <summary>The value in <paramref name="unit"/>.</summary>
    public double As(RelativeHumidityUnit unit) => FromBase(ToBase(), unit);

    private double ToBase() => _unit switch
    {
        RelativeHumidityUnit.Percent => _value,
        _ => throw new NotSupportedException(_unit.ToString()),
    };

    private static double FromBase(double v, RelativeHumidityUnit unit) => unit switch
    {
        RelativeHumidityUnit.Percent => v,
        _ => throw new NotSupportedException(unit.ToString()),
    };
}
