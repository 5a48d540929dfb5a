using EdgeDevices.Hardware.Emulation.Board;

namespace EdgeDevices.Hardware.Emulation.Parts.Bme280;

/// <summary>
/// A Bosch BME280 at register level (datasheet BST-BME280-DS002): chip id 0x60, the calibration memory
/// (0x88–0xA1, 0xE1–0xE7), ctrl_hum/ctrl_meas/config, status, soft reset, and the data registers
/// 0xF7–0xFE. A test sets the physical values; the chip turns them into the raw ADC codes whose
/// compensation gives those values back (found by search over the datasheet's own formulas, so any
/// calibration works), with the resolution the oversampling setting gives (16 bits at ×1, up to 20 at ×16).
/// Forced mode converts once and returns to sleep after the datasheet's typical measurement time (a driver
/// waits the maximum); normal mode converts continuously. Hand-written: no served package models this chip.
/// </summary>
public sealed class Bme280Chip : RegisterChip
{
    /// <summary>Chip id register value.</summary>
    public const byte ChipIdValue = 0x60;

    private const byte RegChipId = 0xD0;
    private const byte RegReset = 0xE0;
    private const byte RegCtrlHum = 0xF2;
    private const byte RegStatus = 0xF3;
    private const byte RegCtrlMeas = 0xF4;
    private const byte RegConfig = 0xF5;
    private const byte RegData = 0xF7;

    private Bme280Calibration _calibration;
    private int _humidityOversampling;
    private long _conversionDoneAt = -1;
    private long _normalSince = -1;

    /// <summary>A BME280 on the pads at <paramref name="address"/> (0x76 with SDO low, 0x77 high).</summary>
    public Bme280Chip(EmulatedBoard board, int sdaPin, int sclPin, int address = 0x76, Bme280Calibration? calibration = null)
        : base(board, sdaPin, sclPin, address)
    {
        _calibration = calibration ?? TypicalCalibration();
        PowerOnReset();
    }

    /// <summary>Temperature the chip is exposed to, °C.</summary>
    public double TemperatureCelsius { get; set; } = 20;

    /// <summary>Relative humidity, %.</summary>
    public double HumidityPercent { get; set; } = 50;

    /// <summary>Pressure, hPa.</summary>
    public double PressureHectopascals { get; set; } = 1013.25;

    /// <summary>Completed conversions.</summary>
    public long Conversions { get; private set; }

    /// <summary>The calibration in the chip's memory.</summary>
    public Bme280Calibration Calibration => _calibration;

    /// <summary>A calibration like the datasheet's example part.</summary>
    public static Bme280Calibration TypicalCalibration() => new()
    {
        DigT1 = 27504, DigT2 = 26435, DigT3 = -1000,
        DigP1 = 36477, DigP2 = -10685, DigP3 = 3024, DigP4 = 2855, DigP5 = 140, DigP6 = -7, DigP7 = 15500, DigP8 = -14600, DigP9 = 6000,
        DigH1 = 75, DigH2 = 362, DigH3 = 0, DigH4 = 313, DigH5 = 50, DigH6 = 30,
    };

    /// <summary>Typical measurement time for the oversampling codes, ms, rounded down (datasheet §9.1).</summary>
    public static int MeasurementMilliseconds(int osrsT, int osrsP, int osrsH)
    {
        var t = 1.0 + (2.0 * Oversampling(osrsT));
        if (osrsP != 0)
        {
            t += (2.0 * Oversampling(osrsP)) + 0.5;
        }

        if (osrsH != 0)
        {
            t += (2.0 * Oversampling(osrsH)) + 0.5;
        }

        return (int)Math.Floor(t);
    }

    /// <inheritdoc />
    protected override void PowerOnReset()
    {
        Array.Clear(Registers);
        Registers[RegChipId] = ChipIdValue;
        var block1 = new byte[Bme280Calibration.Block1Length];
        var block2 = new byte[Bme280Calibration.Block2Length];
        _calibration.ToRegisters(block1, block2);
        block1.CopyTo(Registers, 0x88);
        block2.CopyTo(Registers, 0xE1);
        Put20(RegData, 0x80000);
        Put20(RegData + 3, 0x80000);
        Put16(RegData + 6, 0x8000);
        _humidityOversampling = 0;
        _conversionDoneAt = -1;
        _normalSince = -1;
    }

    /// <inheritdoc />
    protected override void Update()
    {
        if (_conversionDoneAt >= 0 && Now >= _conversionDoneAt)
        {
            _conversionDoneAt = -1;
            Convert();
            Registers[RegCtrlMeas] &= 0xFC; // forced mode ends in sleep
            Registers[RegStatus] = 0;
        }

        if (_normalSince >= 0 && Now - _normalSince >= CurrentMeasurementMilliseconds())
        {
            Convert();
        }
    }

    /// <inheritdoc />
    protected override void WriteRegister(byte register, byte value)
    {
        switch (register)
        {
            case RegReset:
                if (value == 0xB6)
                {
                    PowerOnReset();
                }

                break;
            case RegCtrlHum:
                // Takes effect with the next ctrl_meas write (datasheet §5.4.3).
                Registers[RegCtrlHum] = (byte)(value & 0x07);
                break;
            case RegCtrlMeas:
                Registers[RegCtrlMeas] = value;
                _humidityOversampling = Registers[RegCtrlHum] & 0x07;
                StartMode(value & 0x03);
                break;
            case RegConfig:
                Registers[RegConfig] = (byte)(value & 0xFD);
                break;
            default:
                // Read-only and reserved registers ignore writes.
                break;
        }
    }

    private void StartMode(int mode)
    {
        _normalSince = -1;
        _conversionDoneAt = -1;
        Registers[RegStatus] = 0;
        if (mode is 1 or 2)
        {
            _conversionDoneAt = Now + CurrentMeasurementMilliseconds();
            Registers[RegStatus] = 0x08; // measuring
        }
        else if (mode == 3)
        {
            _normalSince = Now;
        }
    }

    private int CurrentMeasurementMilliseconds()
    {
        var ctrl = Registers[RegCtrlMeas];
        return MeasurementMilliseconds(ctrl >> 5, (ctrl >> 2) & 0x07, _humidityOversampling);
    }

    private void Convert()
    {
        Conversions++;
        var ctrl = Registers[RegCtrlMeas];
        var osrsT = ctrl >> 5;
        var osrsP = (ctrl >> 2) & 0x07;
        var c = _calibration;

        var fineTarget = (int)Math.Round(TemperatureCelsius * 5120);
        var adcT = FirstReaching(0, (1 << 20) - 1, adc => Bme280Compensation.FineTemperature(c, adc) >= fineTarget);
        var fine = Bme280Compensation.FineTemperature(c, adcT);
        Put20(RegData + 3, osrsT == 0 ? 0x80000 : Resolution(adcT, osrsT));

        if (osrsP == 0 || osrsT == 0)
        {
            Put20(RegData, 0x80000);
        }
        else
        {
            var q24Target = (long)Math.Round(PressureHectopascals * 100 * 256);
            var adcP = FirstReaching(0, (1 << 20) - 1, adc => Bme280Compensation.PressureQ24(c, fine, adc) <= q24Target);
            Put20(RegData, Resolution(adcP, osrsP));
        }

        if (_humidityOversampling == 0 || osrsT == 0)
        {
            Put16(RegData + 6, 0x8000);
        }
        else
        {
            var q10Target = (int)Math.Round(Math.Clamp(HumidityPercent, 0, 100) * 1024);
            Put16(RegData + 6, FirstReaching(0, 0xFFFF, adc => Bme280Compensation.HumidityQ10(c, fine, adc) >= q10Target));
        }
    }

    // ×1 oversampling gives 16 bits, each doubling one more (filter off).
    private static int Resolution(int adc, int osrs)
    {
        var bits = 16 + Math.Min(osrs, 5) - 1;
        return adc & ~((1 << (20 - bits)) - 1);
    }
}
