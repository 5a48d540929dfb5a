using System.Text.RegularExpressions;
using EdgeDevices.Firmware.Boards;

namespace EdgeDevices.Hardware.Emulation.Tests.Boards;

/// <summary>The wiring tables in hardware/boards/README.md say what BoardPins.cs says, board by board.</summary>
public sealed partial class WiringDocTests
{
    public static TheoryData<string> Boards()
    {
        var data = new TheoryData<string>();
        foreach (var name in BoardPins.Names())
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Boards))]
    public void The_wiring_table_matches_the_pin_map(string board)
    {
        var pins = BoardPins.ForName(board);
        var table = Table(board);
        var expected = new List<(string Signal, int Pin)>();
        void Add(string signal, int pin)
        {
            if (pin >= 0)
            {
                expected.Add((signal, pin));
            }
        }

        Add("status LED", pins.StatusLedPin);
        Add("dim PWM", pins.DimPwmPin);
        Add("relay", pins.RelayPin);
        Add("relay feedback", pins.RelayFeedbackPin);
        Add("power pulses (CF)", pins.PowerPulsePin);
        Add("I2C SDA", pins.I2cDataPin);
        Add("I2C SCL", pins.I2cClockPin);
        Add("particle sensor TX → ESP32 RX", pins.ParticleRxPin);
        Add("ESP32 TX → particle sensor RX", pins.ParticleTxPin);
        Add("particle sensor SET", pins.ParticleEnablePin);
        for (var i = 0; i < pins.S0Pins.Length; i++)
        {
            Add($"S0 channel {i}", pins.S0Pins[i]);
        }

        Add("magnet reed", pins.MagnetPin);
        var documented = table.Where(r => int.TryParse(r.Gpio, out _)).Select(r => (r.Signal, int.Parse(r.Gpio))).ToList();
        Assert.Equal(expected.OrderBy(e => e.Signal), documented.OrderBy(e => e.Signal));
    }

    [Fact]
    public void Every_documented_board_is_in_the_firmware()
    {
        var documented = Heading().Matches(Readme()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(BoardPins.Names().Order(), documented.Order());
    }

    [Fact]
    public void No_board_uses_strapping_flash_or_debug_pins_or_a_pin_twice()
    {
        int[] forbidden = [0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 15];
        foreach (var name in BoardPins.Names())
        {
            var p = BoardPins.ForName(name);
            var used = new[] { p.StatusLedPin, p.DimPwmPin, p.RelayPin, p.RelayFeedbackPin, p.PowerPulsePin, p.I2cDataPin, p.I2cClockPin, p.ParticleRxPin, p.ParticleTxPin, p.ParticleEnablePin, p.MagnetPin, p.ModemRxPin, p.ModemTxPin, p.ModemResetPin }
                .Concat(p.S0Pins).Where(x => x >= 0).ToList();
            Assert.Empty(used.Intersect(forbidden));
            Assert.Equal(used.Count, used.Distinct().Count());
        }
    }

    private static string Readme()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "hardware", "boards", "README.md");
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }
        }

        throw new FileNotFoundException("hardware/boards/README.md");
    }

    private static List<(string Signal, string Gpio)> Table(string board)
    {
        var text = Readme();
        var start = text.IndexOf("## " + board, StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section for {board}");
        var end = text.IndexOf("\n## ", start + 3, StringComparison.Ordinal);
        var section = end < 0 ? text[start..] : text[start..end];
        return [.. Row().Matches(section).Select(m => (m.Groups[1].Value.Trim(), m.Groups[2].Value.Trim()))];
    }

    [GeneratedRegex(@"^\| ([^|]+) \| ([^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex Row();

    [GeneratedRegex(@"^## (esp32-[a-z0-9-]+)", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
