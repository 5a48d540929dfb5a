using UnitsNet.Units;

namespace UnitsNet;

/// <summary>Stand-in for UnitsNet's nanoFramework <c>Temperature</c> (the members the drivers use).</summary>
public struct Temperature
{
    private readonly double _value;
    private readonly TemperatureUnit _unit;

    /// <summary>A quantity in <paramref name="unit"/>.</summary>
    public Temperature(double value, TemperatureUnit unit)
    {
        _value = value;
        _unit = unit;
    }

    /// <summary>The value in <see cref="Unit"/>.</summary>
    public double Value => _value;

    /// <summary>The unit of <see cref="Value"/>.</summary>
    public TemperatureUnit Unit => _unit;

    /// <summary>In degrees Celsius.</summary>
    public double DegreesCelsius => As(TemperatureUnit.DegreeCelsius);

    /// <summary>In kelvins.</summary>
    public double Kelvins => As(TemperatureUnit.Kelvin);

    /// <summary>From degrees Celsius.</summary>
    public static Temperature FromDegreesCelsius(double value) => new(value, TemperatureUnit.DegreeCelsius);

    /// <summary>From kelvins.</summary>
    public static Temperature FromKelvins(double value) => new(value, TemperatureUnit.Kelvin);

    /// <summary>From a value in a unit.</summary>
    public static Temperature From(double value, TemperatureUnit fromUnit) => new(value, fromUnit);

    /// <summary>The value in <paramref name="unit"/>.</summary>
    public double As(TemperatureUnit unit) => FromBase(ToBase(), unit);

    private double ToBase() => _unit switch
    {
        TemperatureUnit.DegreeCelsius => _value,
        TemperatureUnit.Kelvin => _value - 273.15,
        _ => throw new NotSupportedException(_unit.ToString()),
    };

    private static double FromBase(double v, TemperatureUnit unit) => unit switch
    {
        TemperatureUnit.DegreeCelsius => v,
        TemperatureUnit.Kelvin => v + 273.15,
        _ => throw new NotSupportedException(unit.ToString()),
    };
}
