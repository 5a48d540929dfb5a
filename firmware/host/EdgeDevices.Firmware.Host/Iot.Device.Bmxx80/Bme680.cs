using System.Device.I2c;
using Iot.Device.Bmxx80.CalibrationData;
using Iot.Device.Bmxx80.FilteringMode;
using Iot.Device.Bmxx80.PowerMode;
using Iot.Device.Bmxx80.ReadResult;
using UnitsNet;

namespace Iot.Device.Bmxx80;

/// <summary>
/// Stand-in for the binding's <c>Bme680</c> (see <see cref="Bmxx80Base"/>). Reset configures ×1 oversampling,
/// no filter and heater profile 1 at 320 °C for 150 ms, computing the heater code with an ambient temperature
/// read from the chip's data registers right after the reset (as the binding does). A read forces one
/// conversion, sleeps the binding's estimate of it, then reads field 0 register by register; the gas reading
/// is valid when the chip flags both a valid conversion and a stable heater, the others whenever their
/// oversampling is not "skipped". Compensation is the datasheet's floating-point one, with the binding's
/// BME680 gas formula (range_sw_err and the k1/k2 tables).
/// </summary>
public class Bme680 : Bmxx80Base
{
    /// <summary>Address with SDO low.</summary>
    public const byte DefaultI2cAddress = 0x76;

    /// <summary>Address with SDO high.</summary>
    public const byte SecondaryI2cAddress = 0x77;

    private const byte ChipId = 0x61;
    private const byte RegStatus = 0x1D;
    private const byte RegPressure = 0x1F;
    private const byte RegTemperature = 0x22;
    private const byte RegHumidity = 0x25;
    private const byte RegGasResistance = 0x2A;
    private const byte RegGasRange = 0x2B;
    private const byte RegResHeat0 = 0x5A;
    private const byte RegGasWait0 = 0x64;
    private const byte RegCtrlGas0 = 0x70;
    private const byte RegCtrlGas1 = 0x71;
    private const byte RegCtrlHum = 0x72;
    private const byte RegCtrlMeas = 0x74;
    private const byte RegConfig = 0x75;

    private static readonly byte[] OsToMeasCycles = [0, 1, 2, 4, 8, 16];
    private static readonly byte[] OsToSwitchCount = [0, 1, 1, 1, 1, 1];
    private static readonly double[] K1Lookup = [0.0, 0.0, 0.0, 0.0, 0.0, -1.0, 0.0, -0.8, 0.0, 0.0, -0.2, -0.5, 0.0, -1.0, 0.0, 0.0];
    private static readonly double[] K2Lookup = [0.0, 0.0, 0.0, 0.0, 0.1, 0.7, 0.0, -0.8, -0.1, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];

    // Configured heater profiles (the binding keeps a list; a profile's entry is replaced when configured again).
    private readonly Bme680HeaterProfileConfig[] _heaterConfigs = new Bme680HeaterProfileConfig[10];
    private Temperature _ambientTemperatureUserDefault;
    private Sampling _humiditySampling;
    private Bme680HeaterProfile _heaterProfile;
    private Bme680FilteringMode _filterMode;
    private bool _heaterIsEnabled;
    private bool _gasConversionIsEnabled;

    /// <summary>Opens the chip; 20 °C is the ambient used for the heater if the temperature cannot be read.</summary>
    public Bme680(I2cDevice i2cDevice)
        : this(i2cDevice, Temperature.FromDegreesCelsius(20))
    {
    }

    /// <summary>Opens the chip with the ambient used for the heater if the temperature cannot be read.</summary>
    public Bme680(I2cDevice i2cDevice, Temperature ambientTemperatureDefault)
        : base(ChipId, i2cDevice)
    {
        // Set after the base constructor's reset, as in the binding (the reset's heater set-up reads the chip instead).
        _ambientTemperatureUserDefault = ambientTemperatureDefault;
        CommunicationProtocol1 = CommunicationProtocol.I2c;
    }

    /// <summary>Humidity oversampling, written to ctrl_hum at once.</summary>
    public Sampling HumiditySampling
    {
        get => _humiditySampling;
        set
        {
            if (value > Sampling.UltraHighResolution)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            I2cDevice.Write(new[] { RegCtrlHum, (byte)((Read8BitsFromRegister(RegCtrlHum) & ~0x07) | (byte)value) });
            _humiditySampling = value;
        }
    }

    /// <summary>The heater profile a conversion uses; taken only when that profile was configured.</summary>
    public Bme680HeaterProfile HeaterProfile
    {
        get => _heaterProfile;
        set
        {
            if (value > Bme680HeaterProfile.Profile10)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            if (_heaterConfigs[(int)value] != null)
            {
                I2cDevice.Write(new[] { RegCtrlGas1, (byte)((Read8BitsFromRegister(RegCtrlGas1) & ~0x0F) | (byte)value) });
                _heaterProfile = value;
            }
        }
    }

    /// <summary>IIR filter, written to config at once.</summary>
    public Bme680FilteringMode FilterMode
    {
        get => _filterMode;
        set
        {
            if (value > Bme680FilteringMode.C127)
            {
                throw new ArgumentOutOfRangeException(nameof(value));
            }

            I2cDevice.Write(new[] { RegConfig, (byte)((Read8BitsFromRegister(RegConfig) & ~0x1C) | ((byte)value << 2)) });
            _filterMode = value;
        }
    }

    /// <summary>Whether the heater runs (heat_off in ctrl_gas_0, written at once).</summary>
    public bool HeaterIsEnabled
    {
        get => _heaterIsEnabled;
        set
        {
            I2cDevice.Write(new[] { RegCtrlGas0, (byte)((Read8BitsFromRegister(RegCtrlGas0) & ~0x08) | ((value ? 0 : 1) << 3)) });
            _heaterIsEnabled = value;
        }
    }

    /// <summary>Whether a gas conversion runs (run_gas in ctrl_gas_1, written at once).</summary>
    public bool GasConversionIsEnabled
    {
        get => _gasConversionIsEnabled;
        set
        {
            I2cDevice.Write(new[] { RegCtrlGas1, (byte)((Read8BitsFromRegister(RegCtrlGas1) & ~0x10) | ((value ? 1 : 0) << 4)) });
            _gasConversionIsEnabled = value;
        }
    }

    /// <inheritdoc />
    protected override int TempCalibrationFactor => 16;

    private Bme680CalibrationData Calibration => (Bme680CalibrationData)CalibrationData;

    /// <summary>Programs a heater profile: the heater code for the target at the given ambient, and the wait.</summary>
    public void ConfigureHeatingProfile(Bme680HeaterProfile profile, Temperature targetTemperature, Duration duration, Temperature ambientTemperature)
    {
        if (profile > Bme680HeaterProfile.Profile10)
        {
            throw new ArgumentOutOfRangeException(nameof(profile));
        }

        var heaterResistance = CalculateHeaterResistance(targetTemperature, ambientTemperature);
        I2cDevice.Write(new[] { (byte)(RegResHeat0 + (byte)profile), heaterResistance });
        I2cDevice.Write(new[] { (byte)(RegGasWait0 + (byte)profile), CalculateHeaterDuration(duration) });
        _heaterConfigs[(int)profile] = new Bme680HeaterProfileConfig(profile, heaterResistance, duration);
    }

    /// <summary>The power mode in ctrl_meas.</summary>
    public Bme680PowerMode ReadPowerMode() => (Bme680PowerMode)(Read8BitsFromRegister(RegCtrlMeas) & 0x03);

    /// <summary>Writes the power mode into ctrl_meas, keeping the oversampling bits.</summary>
    public void SetPowerMode(Bme680PowerMode powerMode)
    {
        if (powerMode != Bme680PowerMode.Forced && powerMode != Bme680PowerMode.Sleep)
        {
            throw new ArgumentOutOfRangeException(nameof(powerMode));
        }

        I2cDevice.Write(new[] { RegCtrlMeas, (byte)((Read8BitsFromRegister(RegCtrlMeas) & ~0x03) | (byte)powerMode) });
    }

    /// <summary>Whether field 0 holds new data.</summary>
    public bool ReadNewDataIsAvailable() => (Read8BitsFromRegister(RegStatus) >> 7) != 0;

    /// <summary>Whether a gas conversion is running.</summary>
    public bool ReadGasMeasurementInProcess() => (Read8BitsFromRegister(RegStatus) & 0x40) != 0;

    /// <summary>Whether a conversion is running.</summary>
    public bool ReadMeasurementInProcess() => (Read8BitsFromRegister(RegStatus) & 0x20) != 0;

    /// <summary>Whether the heater reached its target in the last conversion.</summary>
    public bool ReadHeaterIsStable() => (Read8BitsFromRegister(RegGasRange) & 0x10) != 0;

    /// <summary>The binding's estimate of a conversion: TPH cycles and switching, gas, 1 ms wake-up, plus the profile's heating time.</summary>
    public Duration GetMeasurementDuration(Bme680HeaterProfile profile)
    {
        var measCycles = OsToMeasCycles[(int)TemperatureSampling] + OsToMeasCycles[(int)PressureSampling] + OsToMeasCycles[(int)HumiditySampling];
        var switchCount = OsToSwitchCount[(int)TemperatureSampling] + OsToSwitchCount[(int)PressureSampling] + OsToSwitchCount[(int)HumiditySampling];
        double measDuration = (measCycles * 1963) + (477 * switchCount);
        if (GasConversionIsEnabled)
        {
            measDuration += 477 * 5;
        }

        measDuration = ((measDuration + 500) / 1000.0) + 1;
        if (GasConversionIsEnabled && _heaterConfigs[(int)profile] is { } heater)
        {
            measDuration += heater.HeaterDuration.Milliseconds;
        }

        return Duration.FromMilliseconds(Math.Ceiling(measDuration));
    }

    /// <summary>One forced conversion, then temperature, pressure, humidity and gas.</summary>
    public Bme680ReadResult Read()
    {
        SetPowerMode(Bme680PowerMode.Forced);
        StandInClock.Sleep((int)GetMeasurementDuration(HeaterProfile).Milliseconds);

        var temperatureIsValid = TryReadTemperatureCore(out var temperature);
        var pressureIsValid = TryReadPressureCore(out var pressure, skipTempFineRead: true);
        var humidityIsValid = TryReadHumidityCore(out var humidity, skipTempFineRead: true);
        var gasResistanceIsValid = TryReadGasResistanceCore(out var gasResistance);
        return new Bme680ReadResult(temperature, temperatureIsValid, pressure, pressureIsValid, humidity, humidityIsValid, gasResistance, gasResistanceIsValid);
    }

    /// <summary>Reads the humidity (reading the temperature first); false when skipped.</summary>
    public bool TryReadHumidity(out RelativeHumidity humidity) => TryReadHumidityCore(out humidity);

    /// <inheritdoc />
    public override bool TryReadPressure(out Pressure pressure) => TryReadPressureCore(out pressure);

    /// <inheritdoc />
    public override bool TryReadTemperature(out Temperature temperature) => TryReadTemperatureCore(out temperature);

    /// <summary>Reads the gas resistance of the last conversion; false unless valid and the heater was stable.</summary>
    public bool TryReadGasResistance(out ElectricResistance gasResistance) => TryReadGasResistanceCore(out gasResistance);

    /// <inheritdoc />
    protected override void SetDefaultConfiguration()
    {
        base.SetDefaultConfiguration();
        HumiditySampling = Sampling.UltraLowPower;
        FilterMode = Bme680FilteringMode.C0;

        // The ambient for the heater code comes from whatever the data registers hold right after the reset.
        if (!TryReadTemperature(out var ambient))
        {
            ambient = _ambientTemperatureUserDefault;
        }

        ConfigureHeatingProfile(Bme680HeaterProfile.Profile1, Temperature.FromDegreesCelsius(320), Duration.FromMilliseconds(150), ambient);
        HeaterProfile = Bme680HeaterProfile.Profile1;
        HeaterIsEnabled = true;
        GasConversionIsEnabled = true;
    }

    // The datasheet's floating-point humidity formula (BST-BME680-DS001 §3.3.3), as the binding computes it.
    private RelativeHumidity CompensateHumidity(int adcHumidity)
    {
        var c = Calibration;
        var temperature = TemperatureFine / 5120.0;
        var var1 = adcHumidity - ((c.DigH1 * 16.0) + (c.DigH3 / 2.0 * temperature));
        var var2 = var1 * (c.DigH2 / 262144.0 * (1.0 + (c.DigH4 / 16384.0 * temperature) + (c.DigH5 / 1048576.0 * temperature * temperature)));
        var var3 = c.DigH6 / 16384.0;
        var var4 = c.DigH7 / 2097152.0;
        var humidity = var2 + ((var3 + (var4 * temperature)) * var2 * var2);
        return RelativeHumidity.FromPercent(humidity > 100.0 ? 100.0 : humidity < 0.0 ? 0.0 : humidity);
    }

    // The datasheet's floating-point pressure formula (BST-BME680-DS001 §3.3.2), as the binding computes it.
    private Pressure CompensatePressure(long adcPressure)
    {
        var c = Calibration;
        var var1 = (TemperatureFine / 2.0) - 64000.0;
        var var2 = var1 * var1 * (c.DigP6 / 131072.0);
        var2 += var1 * c.DigP5 * 2.0;
        var2 = (var2 / 4.0) + (c.DigP4 * 65536.0);
        var1 = ((c.DigP3 * var1 * var1 / 16384.0) + (c.DigP2 * var1)) / 524288.0;
        var1 = (1.0 + (var1 / 32768.0)) * c.DigP1;
        var pressure = 1048576.0 - adcPressure;
        if (var1 == 0)
        {
            return Pressure.FromPascals(0);
        }

        pressure = (pressure - (var2 / 4096.0)) * 6250.0 / var1;
        var1 = c.DigP9 * pressure * pressure / 2147483648.0;
        var2 = pressure * (c.DigP8 / 32768.0);
        var var3 = (pressure / 256.0) * (pressure / 256.0) * (pressure / 256.0) * (c.DigP10 / 131072.0);
        return Pressure.FromPascals(pressure + ((var1 + var2 + var3 + (c.DigP7 * 128.0)) / 16.0));
    }

    // The BME680 gas formula with range_sw_err and the k1/k2 range tables (datasheet §3.4.1), as the binding computes it.
    private ElectricResistance CalculateGasResistance(ushort adcGasRes, byte gasRange)
    {
        var var1 = 1340.0 + (5.0 * Calibration.RangeSwErr);
        var var2 = var1 * (1.0 + (K1Lookup[gasRange] / 100.0));
        var var3 = 1.0 + (K2Lookup[gasRange] / 100.0);
        return ElectricResistance.FromOhms(1.0 / (var3 * 0.000000125 * (1 << gasRange) * (((adcGasRes - 512.0) / var2) + 1.0)));
    }

    // The datasheet's heater code for a target temperature (at most 400 °C), truncated to a byte as the binding does.
    private byte CalculateHeaterResistance(Temperature setTemp, Temperature ambientTemp)
    {
        var c = Calibration;
        var target = Math.Min(setTemp.DegreesCelsius, 400);
        var var1 = (c.DigGh1 / 16.0) + 49.0;
        var var2 = (c.DigGh2 / 32768.0 * 0.0005) + 0.00235;
        var var3 = c.DigGh3 / 1024.0;
        var var4 = var1 * (1.0 + (var2 * target));
        var var5 = var4 + (var3 * ambientTemp.DegreesCelsius);
        return (byte)(3.4 * ((var5 * (4.0 / (4.0 + c.ResHeatRange)) * (1.0 / (1.0 + (c.ResHeatVal * 0.002)))) - 25));
    }

    // gas_wait: a 6-bit count of 1, 4, 16 or 64 ms steps (bits 7:6), rounded down; 0xFF above 4032 ms.
    private static byte CalculateHeaterDuration(Duration duration)
    {
        var ms = (ushort)duration.Milliseconds;
        if (ms > 0xFC0)
        {
            return 0xFF;
        }

        byte factor = 0;
        while (ms > 0x3F)
        {
            ms = (ushort)(ms >> 2);
            factor++;
        }

        return (byte)(ms + (factor * 64));
    }

    private bool TryReadTemperatureCore(out Temperature temperature)
    {
        if (TemperatureSampling == Sampling.Skipped)
        {
            temperature = default;
            return false;
        }

        temperature = CompensateTemperature((int)Read24BitsFromRegister(RegTemperature, Endianness.BigEndian) >> 4);
        return true;
    }

    private bool TryReadHumidityCore(out RelativeHumidity humidity, bool skipTempFineRead = false)
    {
        if (HumiditySampling == Sampling.Skipped)
        {
            humidity = default;
            return false;
        }

        var adc = Read16BitsFromRegister(RegHumidity, Endianness.BigEndian);
        if (!skipTempFineRead)
        {
            TryReadTemperatureCore(out _);
        }

        humidity = CompensateHumidity(adc);
        return true;
    }

    private bool TryReadPressureCore(out Pressure pressure, bool skipTempFineRead = false)
    {
        if (PressureSampling == Sampling.Skipped)
        {
            pressure = default;
            return false;
        }

        var adc = (int)Read24BitsFromRegister(RegPressure, Endianness.BigEndian);
        if (!skipTempFineRead)
        {
            TryReadTemperatureCore(out _);
        }

        pressure = CompensatePressure(adc >> 4);
        return true;
    }

    private bool TryReadGasResistanceCore(out ElectricResistance gasResistance)
    {
        var range = Read8BitsFromRegister(RegGasRange);
        if ((range & 0x20) == 0 || !ReadHeaterIsStable())
        {
            gasResistance = default;
            return false;
        }

        var raw = Read8BitsFromRegister(RegGasResistance);
        range = Read8BitsFromRegister(RegGasRange);
        gasResistance = CalculateGasResistance((ushort)((ushort)(raw << 2) + (byte)(range >> 6)), (byte)(range & 0x0F));
        return true;
    }
}
