using UnitsNet.Units;

namespace UnitsNet;

/// <summary>Stand-in for UnitsNet's nanoFramework <c>Pressure</c> (the members the drivers use).</summary>
public struct Pressure
{
    private readonly double _value;
    private readonly PressureUnit _unit;

    /// <summary>A quantity in <paramref name="unit"/>.</summary>
    public Pressure(double value, PressureUnit unit)
    {
        _value = value;
        _unit = unit;
    }

    /// <summary>The value in <see cref="Unit"/>.</summary>
    public double Value => _value;

    /// <summary>The unit of <see cref="Value"/>.</summary>
    public PressureUnit Unit => _unit;

    /// <summary>In pascals.</summary>
    public double Pascals => As(PressureUnit.Pascal);

    /// <summary>In hectopascals.</summary>
    public double Hectopascals => As(PressureUnit.Hectopascal);

    /// <summary>From pascals.</summary>
    public static Pressure FromPascals(double value) => new(value, PressureUnit.Pascal);

    /// <summary>From hectopascals.</summary>
    public static Pressure FromHectopascals(double value) => new(value, PressureUnit.Hectopascal);

    /// <summary>From a value in a unit.</summary>
    public static Pressure From(double value, PressureUnit fromUnit) => new(value, fromUnit);

    /// <summary>The value in <paramref name="unit"/>.</summary>
    public double As(PressureUnit unit) => FromBase(ToBase(), unit);

    private double ToBase() => _unit switch
    {
        PressureUnit.Pascal => _value,
        PressureUnit.Hectopascal => _value * 100,
        _ => throw new NotSupportedException(_unit.ToString()),
    };

    private static double FromBase(double v, PressureUnit unit) => unit switch
    {
        PressureUnit.Pascal => v,
        PressureUnit.Hectopascal => v / 100,
        _ => throw new NotSupportedException(unit.ToString()),
    };
}
