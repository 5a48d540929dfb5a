using EdgeDevices.Hardware.Emulation.Board;

namespace EdgeDevices.Hardware.Emulation.Parts.Bme680;

/// <summary>
/// A Bosch BME680 at register level (datasheet BST-BME680-DS001): chip id 0x61, the three calibration
/// blocks (0x8A–0xA0, 0xE1–0xEE, 0x00–0x04), heater set-points (res_heat_0, gas_wait_0), ctrl_gas_1,
/// ctrl_hum, ctrl_meas, soft reset, and field 0 (0x1D–0x2B). Forced mode runs one temperature, pressure,
/// humidity and (with run_gas) gas conversion and returns to sleep after Bosch's measurement duration plus
/// the heater time; the status shows measuring, new data, gas valid and heater stable. Raw codes are found
/// by searching Bosch's integer compensation for the physical values a test set; the gas resistance is
/// coded in whichever of the 16 ranges represents it best. Hand-written: no served package models this chip.
/// </summary>
public sealed class Bme680Chip : RegisterChip
{
    /// <summary>Chip id register value.</summary>
    public const byte ChipIdValue = 0x61;

    private const byte RegField0 = 0x1D;
    private const byte RegPress = 0x1F;
    private const byte RegTemp = 0x22;
    private const byte RegHum = 0x25;
    private const byte RegGasR = 0x2A;
    private const byte RegResHeat0 = 0x5A;
    private const byte RegGasWait0 = 0x64;
    private const byte RegCtrlGas1 = 0x71;
    private const byte RegCtrlHum = 0x72;
    private const byte RegCtrlMeas = 0x74;
    private const byte RegConfig = 0x75;
    private const byte RegChipId = 0xD0;
    private const byte RegReset = 0xE0;

    private static readonly int[] CoefficientBlocks = [0x8A, 23, 0xE1, 14, 0x00, 5];

    private readonly Bme680Calibration _calibration;
    private long _conversionDoneAt = -1;

    /// <summary>A BME680 on the pads at <paramref name="address"/> (0x76 with SDO low, 0x77 high).</summary>
    public Bme680Chip(EmulatedBoard board, int sdaPin, int sclPin, int address = 0x76, Bme680Calibration? calibration = null)
        : base(board, sdaPin, sclPin, address)
    {
        _calibration = calibration ?? TypicalCalibration();
        PowerOnReset();
    }

    /// <summary>Temperature, °C.</summary>
    public double TemperatureCelsius { get; set; } = 20;

    /// <summary>Relative humidity, %.</summary>
    public double HumidityPercent { get; set; } = 50;

    /// <summary>Pressure, hPa.</summary>
    public double PressureHectopascals { get; set; } = 1013.25;

    /// <summary>Resistance of the gas-sensing layer when heated, Ω (clean air: tens to hundreds of kΩ).</summary>
    public double GasResistanceOhms { get; set; } = 120_000;

    /// <summary>Completed conversions.</summary>
    public long Conversions { get; private set; }

    /// <summary>The heater target (res_heat_0 code) the firmware last set.</summary>
    public byte HeaterCode => Registers[RegResHeat0];

    /// <summary>A calibration of a typical part.</summary>
    public static Bme680Calibration TypicalCalibration() => new()
    {
        ParT1 = 26203, ParT2 = 26519, ParT3 = 3,
        ParP1 = 35008, ParP2 = -10284, ParP3 = 88, ParP4 = 9692, ParP5 = -202, ParP6 = 30, ParP7 = 24, ParP8 = -516, ParP9 = -3469, ParP10 = 30,
        ParH1 = 794, ParH2 = 1007, ParH3 = 0, ParH4 = 45, ParH5 = 20, ParH6 = 120, ParH7 = -100,
        ParGh1 = -31, ParGh2 = -12451, ParGh3 = 18, ResHeatRange = 1, ResHeatVal = 43, RangeSwitchingError = -2,
    };

    /// <summary>
    /// Duration of a forced conversion without the heater, ms: 90 % of the estimate Bosch's
    /// bme68x_get_meas_dur gives drivers (which round up and add a millisecond), as the part finishes early.
    /// </summary>
    public static int MeasurementMilliseconds(int osrsT, int osrsP, int osrsH)
    {
        var cycles = Oversampling(osrsT) + Oversampling(osrsP) + Oversampling(osrsH);
        var microseconds = (cycles * 1963) + (477 * 4) + (477 * 5) + 500;
        return microseconds * 9 / 10 / 1000;
    }

    /// <summary>Heater duration coded in a gas_wait register, ms.</summary>
    public static int GasWaitMilliseconds(byte code) => (code & 0x3F) * (1 << (2 * (code >> 6)));

    /// <inheritdoc />
    protected override void PowerOnReset()
    {
        Array.Clear(Registers);
        Registers[RegChipId] = ChipIdValue;
        var coefficients = new byte[Bme680Calibration.Length];
        _calibration.ToRegisters(coefficients);
        var source = 0;
        for (var i = 0; i < CoefficientBlocks.Length; i += 2)
        {
            Array.Copy(coefficients, source, Registers, CoefficientBlocks[i], CoefficientBlocks[i + 1]);
            source += CoefficientBlocks[i + 1];
        }

        Put20(RegPress, 0x80000);
        Put20(RegTemp, 0x80000);
        Put16(RegHum, 0x8000);
        _conversionDoneAt = -1;
    }

    /// <inheritdoc />
    protected override void Update()
    {
        if (_conversionDoneAt >= 0 && Now >= _conversionDoneAt)
        {
            _conversionDoneAt = -1;
            Convert();
            Registers[RegCtrlMeas] &= 0xFC;
        }
    }

    /// <inheritdoc />
    protected override void WriteRegister(byte register, byte value)
    {
        if (register == RegReset)
        {
            if (value == 0xB6)
            {
                PowerOnReset();
            }

            return;
        }

        if (register == RegCtrlMeas)
        {
            Registers[RegCtrlMeas] = value;
            if ((value & 0x03) == 1)
            {
                var duration = MeasurementMilliseconds(value >> 5, (value >> 2) & 0x07, Registers[RegCtrlHum] & 0x07);
                if (GasRequested)
                {
                    duration += GasWaitMilliseconds(Registers[RegGasWait0]);
                }

                _conversionDoneAt = Now + duration;
                Registers[RegField0] = (byte)(0x20 | (GasRequested ? 0x40 : 0)); // measuring, gas measuring
            }

            return;
        }

        if (register is RegCtrlGas1 or RegCtrlHum or RegConfig or 0x70 or 0x73
            || (register >= 0x50 && register <= 0x6D))
        {
            Registers[register] = value;
        }
    }

    private bool GasRequested => (Registers[RegCtrlGas1] & 0x10) != 0;

    private void Convert()
    {
        Conversions++;
        var ctrl = Registers[RegCtrlMeas];
        var osrsT = ctrl >> 5;
        var osrsP = (ctrl >> 2) & 0x07;
        var osrsH = Registers[RegCtrlHum] & 0x07;
        var c = _calibration;

        var centiTarget = (int)Math.Round(TemperatureCelsius * 100);
        var adcT = FirstReaching(0, (1 << 20) - 1, adc => Bme680Compensation.TemperatureCentiCelsius(Bme680Compensation.FineTemperature(c, adc)) >= centiTarget);
        var fine = Bme680Compensation.FineTemperature(c, adcT);
        Put20(RegTemp, osrsT == 0 ? 0x80000 : adcT);

        if (osrsP == 0 || osrsT == 0)
        {
            Put20(RegPress, 0x80000);
        }
        else
        {
            var pascalTarget = (int)Math.Round(PressureHectopascals * 100);
            Put20(RegPress, FirstReaching(0, (1 << 20) - 1, adc => Bme680Compensation.PressurePascal(c, fine, adc) <= pascalTarget));
        }

        if (osrsH == 0 || osrsT == 0)
        {
            Put16(RegHum, 0x8000);
        }
        else
        {
            var milliTarget = (int)Math.Round(Math.Clamp(HumidityPercent, 0, 100) * 1000);
            Put16(RegHum, FirstReaching(0, 0xFFFF, adc => Bme680Compensation.HumidityMilliPercent(c, fine, adc) >= milliTarget));
        }

        byte status = 0x80; // new data
        if (GasRequested)
        {
            var (adc, range) = GasCode(GasResistanceOhms);
            var heated = Registers[RegResHeat0] != 0 && GasWaitMilliseconds(Registers[RegGasWait0]) >= 20;
            Registers[RegGasR] = (byte)(adc >> 2);
            Registers[RegGasR + 1] = (byte)(((adc & 0x03) << 6) | 0x20 | (heated ? 0x10 : 0) | range);
        }
        else
        {
            Registers[RegGasR] = 0;
            Registers[RegGasR + 1] = 0;
        }

        Registers[RegField0] = status;
    }

    // The (adc, range) whose compensated resistance is closest to the target.
    private (int Adc, int Range) GasCode(double ohms)
    {
        var best = (Adc: 0, Range: 0);
        var bestError = double.MaxValue;
        for (var range = 0; range < 16; range++)
        {
            var adc = FirstReaching(0, 1023, a => Bme680Compensation.GasResistanceOhms(_calibration, a, range) <= ohms);
            var error = Math.Abs(Bme680Compensation.GasResistanceOhms(_calibration, adc, range) - ohms);
            if (error < bestError)
            {
                bestError = error;
                best = (adc, range);
            }
        }

        return best;
    }
}
