using System.Device.I2c;
using EdgeDevices.Firmware.AirQuality.Bme680;
using Iot.Device.Bmxx80.FilteringMode;
using Iot.Device.Bmxx80.PowerMode;
using Iot.Device.Bmxx80.ReadResult;
using UnitsNet;

namespace Iot.Device.Bmxx80;

/// <summary>
/// Stand-in for IoT.Device's <c>Bme680</c> binding (written here: no nanoFramework Bmxx80 package is
/// served). The constructor checks the chip id, loads the three calibration blocks and resets the chip
/// with heater profile 1 at 320 °C for 150 ms. A read sets forced mode, waits the conversion plus heater
/// time, reads field 0 and compensates with the firmware core's Bosch integer formulas; the gas reading is
/// valid only when the chip reports both a valid conversion and a stable heater.
/// </summary>
public class Bme680 : Bmxx80Base
{
    /// <summary>Address with SDO low.</summary>
    public const byte DefaultI2cAddress = 0x76;

    /// <summary>Address with SDO high.</summary>
    public const byte SecondaryI2cAddress = 0x77;

    private const byte ChipId = 0x61;
    private const byte RegField0 = 0x1D;
    private const byte RegCtrlGas0 = 0x70;
    private const byte RegCtrlGas1 = 0x71;
    private const byte RegCtrlHum = 0x72;
    private const byte RegCtrlMeas = 0x74;
    private const byte RegConfig = 0x75;

    private static readonly byte[] OsToMeasCycles = [0, 1, 2, 4, 8, 16];

    private readonly Bme680Calibration _calibration;
    private readonly Temperature _ambient;
    private readonly int[] _heaterMilliseconds = new int[10];
    private Bme680FilteringMode _filter;

    /// <summary>Opens the chip, assuming a 20 °C ambient for the heater.</summary>
    public Bme680(I2cDevice i2cDevice)
        : this(i2cDevice, Temperature.FromDegreesCelsius(20))
    {
    }

    /// <summary>Opens the chip with the given ambient temperature for the heater calculation.</summary>
    public Bme680(I2cDevice i2cDevice, Temperature ambientTemperatureDefault)
        : base(ChipId, i2cDevice)
    {
        _ambient = ambientTemperatureDefault;
        var coefficients = new byte[Bme680Calibration.Length];
        Array.Copy(ReadRegisters(0x8A, 23), 0, coefficients, 0, 23);
        Array.Copy(ReadRegisters(0xE1, 14), 0, coefficients, 23, 14);
        Array.Copy(ReadRegisters(0x00, 5), 0, coefficients, 37, 5);
        _calibration = Bme680Calibration.FromRegisters(coefficients);
        Reset();
    }

    /// <summary>Humidity oversampling.</summary>
    public Sampling HumiditySampling { get; set; }

    /// <summary>IIR filter.</summary>
    public Bme680FilteringMode FilterMode
    {
        get => _filter;
        set
        {
            _filter = value;
            WriteRegister(RegConfig, (byte)((byte)value << 2));
        }
    }

    /// <summary>Whether the heater runs during a conversion.</summary>
    public bool HeaterIsEnabled { get; set; }

    /// <summary>Whether a gas conversion runs.</summary>
    public bool GasConversionIsEnabled { get; set; }

    /// <summary>The heater profile used by <see cref="Read"/>.</summary>
    public Bme680HeaterProfile HeaterProfile { get; set; }

    /// <summary>Programs a heater profile: target temperature and heating time.</summary>
    public void ConfigureHeatingProfile(Bme680HeaterProfile profile, Temperature targetTemperature, Duration duration, Temperature ambientTemperature)
    {
        var code = Bme680Compensation.HeaterResistanceCode(_calibration, (int)Math.Round(targetTemperature.DegreesCelsius), (int)Math.Round(ambientTemperature.DegreesCelsius));
        WriteRegister((byte)(0x5A + (int)profile), code);
        var ms = (int)Math.Round(duration.Milliseconds);
        WriteRegister((byte)(0x64 + (int)profile), GasWaitCode(ms));
        _heaterMilliseconds[(int)profile] = ms;
    }

    /// <summary>Conversion plus heater time for <paramref name="profile"/>.</summary>
    public Duration GetMeasurementDuration(Bme680HeaterProfile profile)
    {
        var cycles = OsToMeasCycles[(int)TemperatureSampling] + OsToMeasCycles[(int)PressureSampling] + OsToMeasCycles[(int)HumiditySampling];
        var microseconds = (cycles * 1963) + (477 * 4) + (477 * 5) + 500;
        var ms = (microseconds / 1000) + 1;
        if (GasConversionIsEnabled)
        {
            ms += _heaterMilliseconds[(int)profile];
        }

        return Duration.FromMilliseconds(ms);
    }

    /// <summary>Sets the power mode.</summary>
    public void SetPowerMode(Bme680PowerMode powerMode) =>
        WriteRegister(RegCtrlMeas, (byte)(((byte)TemperatureSampling << 5) | ((byte)PressureSampling << 2) | (byte)powerMode));

    /// <summary>Reads the power mode.</summary>
    public Bme680PowerMode ReadPowerMode() => (Read8BitsFromRegister(RegCtrlMeas) & 0x03) == 1 ? Bme680PowerMode.Forced : Bme680PowerMode.Sleep;

    /// <summary>Whether new data is available.</summary>
    public bool ReadNewDataIsAvailable() => (Read8BitsFromRegister(RegField0) & 0x80) != 0;

    /// <summary>Whether a gas conversion is running.</summary>
    public bool ReadGasMeasurementInProcess() => (Read8BitsFromRegister(RegField0) & 0x40) != 0;

    /// <summary>Whether a conversion is running.</summary>
    public bool ReadMeasurementInProcess() => (Read8BitsFromRegister(RegField0) & 0x20) != 0;

    /// <summary>Whether the heater reached its target in the last conversion.</summary>
    public bool ReadHeaterIsStable() => (Read8BitsFromRegister(0x2B) & 0x10) != 0;

    /// <summary>Runs one forced conversion and reads everything.</summary>
    public Bme680ReadResult Read()
    {
        WriteRegister(RegCtrlGas0, (byte)(HeaterIsEnabled ? 0x00 : 0x08));
        WriteRegister(RegCtrlGas1, (byte)((GasConversionIsEnabled ? 0x10 : 0x00) | (int)HeaterProfile));
        WriteRegister(RegCtrlHum, (byte)HumiditySampling);
        SetPowerMode(Bme680PowerMode.Forced);
        StandInClock.Sleep((int)Math.Ceiling(GetMeasurementDuration(HeaterProfile).Milliseconds));

        var field = ReadRegisters(RegField0, 15);
        var fresh = (field[0] & 0x80) != 0;
        Bme680Compensation.ParseRaw(field, 2, out var adcP, out var adcT, out var adcH, out var gasAdc, out var gasRange);
        var temperatureValid = fresh && TemperatureSampling != Sampling.Skipped && adcT != 0x80000;
        var fine = Bme680Compensation.FineTemperature(_calibration, adcT);
        var temperature = Temperature.FromDegreesCelsius(Bme680Compensation.TemperatureCentiCelsius(fine) / 100.0 * TempCalibrationFactor);
        var pressureValid = temperatureValid && PressureSampling != Sampling.Skipped && adcP != 0x80000;
        var pressure = Pressure.FromPascals(Bme680Compensation.PressurePascal(_calibration, fine, adcP));
        var humidityValid = temperatureValid && HumiditySampling != Sampling.Skipped && adcH != 0x8000;
        var humidity = RelativeHumidity.FromPercent(Bme680Compensation.HumidityMilliPercent(_calibration, fine, adcH) / 1000.0);
        var gasValid = fresh && GasConversionIsEnabled && (field[14] & 0x20) != 0 && (field[14] & 0x10) != 0;
        var gas = ElectricResistance.FromOhms(Bme680Compensation.GasResistanceOhms(_calibration, gasAdc, gasRange));
        return new Bme680ReadResult(temperature, temperatureValid, pressure, pressureValid, humidity, humidityValid, gas, gasValid);
    }

    /// <inheritdoc />
    public override bool TryReadTemperature(out Temperature temperature)
    {
        var result = Read();
        temperature = result.Temperature;
        return result.TemperatureIsValid;
    }

    /// <inheritdoc />
    public override bool TryReadPressure(out Pressure pressure)
    {
        var result = Read();
        pressure = result.Pressure;
        return result.PressureIsValid;
    }

    /// <summary>Reads the humidity.</summary>
    public bool TryReadHumidity(out RelativeHumidity humidity)
    {
        var result = Read();
        humidity = result.Humidity;
        return result.HumidityIsValid;
    }

    /// <summary>Reads the gas resistance.</summary>
    public bool TryReadGasResistance(out ElectricResistance gasResistance)
    {
        var result = Read();
        gasResistance = result.GasResistance;
        return result.GasResistanceIsValid;
    }

    /// <inheritdoc />
    protected override void SetDefaultConfiguration()
    {
        TemperatureSampling = Sampling.HighResolution;
        PressureSampling = Sampling.Standard;
        HumiditySampling = Sampling.LowPower;
        FilterMode = Bme680FilteringMode.C0;
        HeaterIsEnabled = true;
        GasConversionIsEnabled = true;
        HeaterProfile = Bme680HeaterProfile.Profile1;
        ConfigureHeatingProfile(Bme680HeaterProfile.Profile1, Temperature.FromDegreesCelsius(320), Duration.FromMilliseconds(150), _ambient);
    }

    // gas_wait: 6-bit value times 1, 4, 16 or 64 (bits 7:6).
    private static byte GasWaitCode(int milliseconds)
    {
        if (milliseconds >= 0xFC0)
        {
            return 0xFF;
        }

        var factor = 0;
        while (milliseconds > 0x3F)
        {
            milliseconds /= 4;
            factor++;
        }

        return (byte)(milliseconds + (factor * 64));
    }
}
