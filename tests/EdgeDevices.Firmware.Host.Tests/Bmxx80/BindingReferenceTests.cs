using System.Device.I2c;
using System.Globalization;
using EdgeDevices.Hardware.Emulation.Parts.Bme280;
using EdgeDevices.Hardware.Emulation.Parts.Bme680;
using EdgeDevices.Testing;
using Iot.Device.Bmxx80;
using nanoFramework.Hardware.Esp32;

namespace EdgeDevices.Firmware.Host.Tests.Bmxx80;

/// <summary>
/// The host's Bmxx80 stand-in — the nanoFramework binding's register access and floating-point formulas, so the
/// host computes what the device computes — against Bosch's own floating-point code (tests/reference-data/
/// bosch-sensors): a register-file chip holds each reference part's calibration bytes and each vector's raw ADC
/// values, the stand-in reads them over the emulated bus, and its results must be Bosch's. The only differences
/// allowed are the ones the two codes have by construction, each named where it is allowed.
/// </summary>
public sealed class BindingReferenceTests
{
    [Fact]
    public void The_Bme280_stand_in_reads_boschs_double_results_from_the_reference_parts_registers()
    {
        var sets = ReferenceCsv.Read("bosch-sensors/bme280-calibration.csv").ToDictionary(r => r["set"]);
        var rows = ReferenceCsv.Read("bosch-sensors/bme280-vectors.csv");
        Assert.True(rows.Count >= 1500);
        var compared = 0;
        foreach (var group in rows.GroupBy(r => r["set"]))
        {
            using var device = new OnBoard(new SteppingClock(new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc)));
            var chip = new RegisterFileChip(device.Board, 21, 22, 0x76);
            chip.Put(0xD0, [Bme280Chip.ChipIdValue]);
            PutBme280Calibration(chip, sets[group.Key]);
            var bme = device.Run(() => Open(() => new Bme280(I2cDevice.Create(new I2cConnectionSettings(1, 0x76)))));
            foreach (var r in group)
            {
                chip.PutAdc20(0xF7, Int(r, "adc_p"));
                chip.PutAdc20(0xFA, Int(r, "adc_t"));
                chip.PutAdc16(0xFD, Int(r, "adc_h"));
                var read = device.Run(bme.Read);
                var where = $"{r["set"]} {r["target_t_c"]} °C {r["target_p_hpa"]} hPa {r["target_h_rh"]} %";
                Assert.True(read.TemperatureIsValid && read.PressureIsValid && read.HumidityIsValid, where);

                // Bosch clamps temperature to −40…85 °C and pressure to 300…1100 hPa; the binding does not.
                if (!r["note"].Contains("t_at_float_clamp_edge", StringComparison.Ordinal))
                {
                    // Same formula in doubles; the CSV keeps 6 decimals.
                    Assert.True(Math.Abs(read.Temperature.DegreesCelsius - Double(r, "t_float_c")) <= 1e-6, $"temperature {read.Temperature.DegreesCelsius} against {r["t_float_c"]} at {where}");
                }

                if (!r["note"].Contains("p_at_float_clamp_edge", StringComparison.Ordinal))
                {
                    // Bosch truncates t_fine to an integer before the pressure formula; the binding keeps the fraction.
                    Assert.True(Math.Abs(read.Pressure.Pascals - Double(r, "p_float_pa")) <= 0.05, $"pressure {read.Pressure.Pascals} against {r["p_float_pa"]} at {where}");
                }

                // Both clamp humidity to 0…100 %; the t_fine truncation again, and dig_H3 = 0 in every reference part
                // (with dig_H3 ≠ 0 the binding's humidity formula departs from Bosch's; see the stand-in's Bme280).
                Assert.Equal(0, Int(sets[group.Key], "dig_H3"));
                Assert.True(Math.Abs(read.Humidity.Percent - Double(r, "h_float_rh")) <= 0.001, $"humidity {read.Humidity.Percent} against {r["h_float_rh"]} at {where}");
                compared++;
            }
        }

        Assert.Equal(rows.Count, compared);
    }

    [Fact]
    public void The_Bme680_stand_in_reads_boschs_float_results_from_the_reference_parts_registers()
    {
        var sets = ReferenceCsv.Read("bosch-sensors/bme680-calibration.csv").ToDictionary(r => r["set"]);
        var rows = ReferenceCsv.Read("bosch-sensors/bme680-vectors.csv");
        Assert.True(rows.Count >= 1100);
        foreach (var group in rows.GroupBy(r => r["set"]))
        {
            using var device = new OnBoard(new SteppingClock(new DateTime(2026, 1, 15, 0, 0, 0, DateTimeKind.Utc)));
            var chip = new RegisterFileChip(device.Board, 21, 22, 0x76);
            chip.Put(0xD0, [0x61]);
            PutBme680Calibration(chip, sets[group.Key]);
            var bme = device.Run(() => Open(() => new Bme680(I2cDevice.Create(new I2cConnectionSettings(1, 0x76)))));
            foreach (var r in group)
            {
                chip.PutAdc20(0x1F, Int(r, "adc_p"));
                chip.PutAdc20(0x22, Int(r, "adc_t"));
                chip.PutAdc16(0x25, Int(r, "adc_h"));
                var read = device.Run(bme.Read);
                var where = $"{r["set"]} {r["target_t_c"]} °C {r["target_p_hpa"]} hPa {r["target_h_rh"]} %";

                // Bosch's float variant computes in single precision, the binding in double: within float rounding.
                Assert.True(Math.Abs(read.Temperature.DegreesCelsius - Double(r, "t_float_c")) <= 0.001, $"temperature {read.Temperature.DegreesCelsius} against {r["t_float_c"]} at {where}");
                Assert.True(Math.Abs(read.Pressure.Pascals - Double(r, "p_float_pa")) <= 0.1, $"pressure {read.Pressure.Pascals} against {r["p_float_pa"]} at {where}");
                Assert.True(Math.Abs(read.Humidity.Percent - Double(r, "h_float_rh")) <= 0.001, $"humidity {read.Humidity.Percent} against {r["h_float_rh"]} at {where}");
            }
        }
    }

    private static T Open<T>(Func<T> open)
    {
        Configuration.SetPinFunction(21, DeviceFunction.I2C1_DATA);
        Configuration.SetPinFunction(22, DeviceFunction.I2C1_CLOCK);
        return open();
    }

    // The part's published register bytes where its source has them, else its parameters packed by the chip model.
    private static void PutBme280Calibration(RegisterFileChip chip, IReadOnlyDictionary<string, string> set)
    {
        if (PublishedRegisters(set) is { } published)
        {
            foreach (var (register, bytes) in published)
            {
                chip.Put(register, bytes);
            }

            return;
        }

        var c = new Bme280Calibration
        {
            DigT1 = (ushort)Int(set, "dig_T1"), DigT2 = (short)Int(set, "dig_T2"), DigT3 = (short)Int(set, "dig_T3"),
            DigP1 = (ushort)Int(set, "dig_P1"), DigP2 = (short)Int(set, "dig_P2"), DigP3 = (short)Int(set, "dig_P3"), DigP4 = (short)Int(set, "dig_P4"),
            DigP5 = (short)Int(set, "dig_P5"), DigP6 = (short)Int(set, "dig_P6"), DigP7 = (short)Int(set, "dig_P7"), DigP8 = (short)Int(set, "dig_P8"),
            DigP9 = (short)Int(set, "dig_P9"),
            DigH1 = (byte)Int(set, "dig_H1"), DigH2 = (short)Int(set, "dig_H2"), DigH3 = (byte)Int(set, "dig_H3"), DigH4 = (short)Int(set, "dig_H4"),
            DigH5 = (short)Int(set, "dig_H5"), DigH6 = (sbyte)Int(set, "dig_H6"),
        };
        var block1 = new byte[Bme280Calibration.Block1Length];
        var block2 = new byte[Bme280Calibration.Block2Length];
        c.ToRegisters(block1, block2);
        chip.Put(0x88, block1);
        chip.Put(0xE1, block2);
    }

    private static void PutBme680Calibration(RegisterFileChip chip, IReadOnlyDictionary<string, string> set)
    {
        if (PublishedRegisters(set) is { } published)
        {
            foreach (var (register, bytes) in published)
            {
                chip.Put(register, bytes);
            }

            return;
        }

        var c = new Bme680Calibration
        {
            ParT1 = (ushort)Int(set, "par_t1"), ParT2 = (short)Int(set, "par_t2"), ParT3 = (sbyte)Int(set, "par_t3"),
            ParP1 = (ushort)Int(set, "par_p1"), ParP2 = (short)Int(set, "par_p2"), ParP3 = (sbyte)Int(set, "par_p3"), ParP4 = (short)Int(set, "par_p4"),
            ParP5 = (short)Int(set, "par_p5"), ParP6 = (sbyte)Int(set, "par_p6"), ParP7 = (sbyte)Int(set, "par_p7"), ParP8 = (short)Int(set, "par_p8"),
            ParP9 = (short)Int(set, "par_p9"), ParP10 = (byte)Int(set, "par_p10"),
            ParH1 = (ushort)Int(set, "par_h1"), ParH2 = (ushort)Int(set, "par_h2"), ParH3 = (sbyte)Int(set, "par_h3"), ParH4 = (sbyte)Int(set, "par_h4"),
            ParH5 = (sbyte)Int(set, "par_h5"), ParH6 = (byte)Int(set, "par_h6"), ParH7 = (sbyte)Int(set, "par_h7"),
        };
        var bytes680 = new byte[Bme680Calibration.Length];
        c.ToRegisters(bytes680);
        chip.Put(0x8A, bytes680[..23]);
        chip.Put(0xE1, bytes680[23..37]);
        chip.Put(0x00, bytes680[37..]);
    }

    // "0x88:1D6E… 0xE1:5201…": register blocks as published.
    private static List<(int Register, byte[] Bytes)>? PublishedRegisters(IReadOnlyDictionary<string, string> set) =>
        string.IsNullOrEmpty(set["calib_registers_hex"])
            ? null
            : set["calib_registers_hex"].Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(block => block.Split(':'))
                .Select(parts => (Convert.ToInt32(parts[0], 16), Convert.FromHexString(parts[1])))
                .ToList();

    private static int Int(IReadOnlyDictionary<string, string> row, string column) => int.Parse(row[column], CultureInfo.InvariantCulture);

    private static double Double(IReadOnlyDictionary<string, string> row, string column) => double.Parse(row[column], CultureInfo.InvariantCulture);
}
