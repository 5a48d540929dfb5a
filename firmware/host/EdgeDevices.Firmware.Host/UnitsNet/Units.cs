namespace UnitsNet.Units;

/// <summary>Stand-in for UnitsNet's <c>TemperatureUnit</c> (the units the drivers use).</summary>
public enum TemperatureUnit
{
    /// <summary>Not set.</summary>
    Undefined = 0,

    /// <summary>DegreeCelsius.</summary>
    DegreeCelsius,

    /// <summary>Kelvin.</summary>
    Kelvin,
}

/// <summary>Stand-in for UnitsNet's <c>PressureUnit</c> (the units the drivers use).</summary>
public enum PressureUnit
{
    /// <summary>Not set.</summary>
    Undefined = 0,

    /// <summary>Pascal.</summary>
    Pascal,

    /// <summary>Hectopascal.</summary>
    Hectopascal,
}

/// <summary>Stand-in for UnitsNet's <c>RelativeHumidityUnit</c> (the units the drivers use).</summary>
public enum RelativeHumidityUnit
{
    /// <summary>Not set.</summary>
    Undefined = 0,

    /// <summary>Percent.</summary>
    Percent,
}

/// <summary>Stand-in for UnitsNet's <c>ElectricResistanceUnit</c> (the units the drivers use).</summary>
public enum ElectricResistanceUnit
{
    /// <summary>Not set.</summary>
    Undefined = 0,

    /// <summary>Ohm.</summary>
    Ohm,
}

/// <summary>Stand-in for UnitsNet's <c>LengthUnit</c> (the units the drivers use).</summary>
public enum LengthUnit
{
    /// <summary>Not set.</summary>
    Undefined = 0,

    /// <summary>Meter.</summary>
    Meter,
}

/// <summary>Stand-in for UnitsNet's <c>DurationUnit</c> (the units the drivers use).</summary>
public enum DurationUnit
{
    /// <summary>Not set.</summary>
    Undefined = 0,

    /// <summary>Millisecond.</summary>
    Millisecond,

    /// <summary>Second.</summary>
    Second,
}
