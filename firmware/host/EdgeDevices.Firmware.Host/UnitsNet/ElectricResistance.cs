using UnitsNet.Units;

namespace UnitsNet;

/// <summary>Stand-in for UnitsNet's nanoFramework <c>ElectricResistance</c> (the members the drivers use).</summary>
public struct ElectricResistance
{
    private readonly double _value;
    private readonly ElectricResistanceUnit _unit;

    /// <summary>A quantity in <paramref name="unit"/>.</summary>
    public ElectricResistance(double value, ElectricResistanceUnit unit)
    {
        _value = value;
        _unit = unit;
    }

    /// <summary>The value in <see cref="Unit"/>.</summary>
    public double Value => _value;

    /// <summary>The unit of <see cref="Value"/>.</summary>
    public ElectricResistanceUnit Unit => _unit;

    /// <summary>In ohms.</summary>
    public double Ohms => As(ElectricResistanceUnit.Ohm);

    /// <summary>From ohms.</summary>
    public static ElectricResistance FromOhms(double value) => new(value, ElectricResistanceUnit.Ohm);

    /// <summary>From a value in a unit.</summary>
    public static ElectricResistance From(double value, ElectricResistanceUnit fromUnit) => new(value, fromUnit);

    /// <summary>The value in <paramref name="unit"/>.</summary>
    public double As(ElectricResistanceUnit unit) => FromBase(ToBase(), unit);

    private double ToBase() => _unit switch
    {
        ElectricResistanceUnit.Ohm => _value,
        _ => throw new NotSupportedException(_unit.ToString()),
    };

    private static double FromBase(double v, ElectricResistanceUnit unit) => unit switch
    {
        ElectricResistanceUnit.Ohm => v,
        _ => throw new NotSupportedException(unit.ToString()),
    };
}
