using UnitsNet;

namespace Iot.Device.Bmxx80.ReadResult;

/// <summary>Stand-in for IoT.Device's <c>Bmp280ReadResult</c>: non-nullable values with separate validity flags.</summary>
public class Bmp280ReadResult
{
    /// <summary>A result.</summary>
    public Bmp280ReadResult(Temperature temperature, bool temperatureIsValid, Pressure pressure, bool pressureIsValid)
    {
        Temperature = temperature;
        TemperatureIsValid = temperatureIsValid;
        Pressure = pressure;
        PressureIsValid = pressureIsValid;
    }

    /// <summary>Temperature.</summary>
    public Temperature Temperature { get; }

    /// <summary>Whether <see cref="Temperature"/> was measured.</summary>
    public bool TemperatureIsValid { get; }

    /// <summary>Pressure.</summary>
    public Pressure Pressure { get; }

    /// <summary>Whether <see cref="Pressure"/> was measured.</summary>
    public bool PressureIsValid { get; }
}

/// <summary>Stand-in for IoT.Device's <c>Bme280ReadResult</c>.</summary>
public class Bme280ReadResult : Bmp280ReadResult
{
    /// <summary>A result.</summary>
    public Bme280ReadResult(Temperature temperature, bool temperatureIsValid, Pressure pressure, bool pressureIsValid, RelativeHumidity humidity, bool humidityIsValid)
        : base(temperature, temperatureIsValid, pressure, pressureIsValid)
    {
        Humidity = humidity;
        HumidityIsValid = humidityIsValid;
    }

    /// <summary>Relative humidity.</summary>
    public RelativeHumidity Humidity { get; }

    /// <summary>Whether <see cref="Humidity"/> was measured.</summary>
    public bool HumidityIsValid { get; }
}

/// <summary>Stand-in for IoT.Device's <c>Bme680ReadResult</c>.</summary>
public class Bme680ReadResult : Bme280ReadResult
{
    /// <summary>A result.</summary>
    public Bme680ReadResult(Temperature temperature, bool temperatureIsValid, Pressure pressure, bool pressureIsValid, RelativeHumidity humidity, bool humidityIsValid, ElectricResistance gasResistance, bool gasResistanceIsValid)
        : base(temperature, temperatureIsValid, pressure, pressureIsValid, humidity, humidityIsValid)
    {
        GasResistance = gasResistance;
        GasResistanceIsValid = gasResistanceIsValid;
    }

    /// <summary>Gas sensor resistance.</summary>
    public ElectricResistance GasResistance { get; }

    /// <summary>Whether <see cref="GasResistance"/> is a valid, heater-stable measurement.</summary>
    public bool GasResistanceIsValid { get; }
}
