using System.Text;
using System.Text.RegularExpressions;
using EdgeDevices.Firmware.Boards;
using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.Device.Network;
using EdgeDevices.Hardware.Emulation.Board;
using EdgeDevices.Hardware.Emulation.Uart;

namespace EdgeDevices.Firmware.Host.Tests;

/// <summary>
/// The device's modem driver against exchanges the LoRa-E5 really prints (tests/reference-data/lora-e5: real
/// module logs and the AT specification's examples), replayed line for line on its UART, not against our
/// emulator of the module.
/// </summary>
public sealed class LoRaModemTranscriptTests
{
    private static readonly IReadOnlyList<IReadOnlyDictionary<string, string>> Replies = ReferenceCsv.Read("lora-e5/replies.csv");

    [Fact]
    public void A_join_succeeds_as_real_modules_print_it_and_as_the_specification_prints_it()
    {
        // A real module (CampusIoT's log): Start, NORMAL, Network joined, NetID, Done.
        Assert.True(Run(m => m.Join(), ("AT+JOIN", ["+JOIN: Start", "+JOIN: NORMAL", "+JOIN: Network joined", "+JOIN: NetID C0002B DevAddr FC:00:AC:0B", "+JOIN: Done"])).Result);

        // The specification's example has no "Network joined": the NetID line is the acceptance.
        Assert.True(Run(m => m.Join(), ("AT+JOIN", ["+JOIN: Starting", "+JOIN: NORMAL", "+JOIN: NetID 000024 DevAddr 48:00:00:01", "+JOIN: Done"])).Result);

        Assert.False(Run(m => m.Join(), ("AT+JOIN", ["+JOIN: Start", "+JOIN: NORMAL", "+JOIN: Join failed", "+JOIN: Done"])).Result);
    }

    [Fact]
    public void A_busy_modem_is_a_refusal_at_once_not_a_wait_for_a_done_that_never_comes()
    {
        // Not a timing goal: the driver would wait 30 s (join) or 60 s (send) for a Done; anything far below that
        // shows it did not, however busy the machine.
        var join = Run(m => m.Join(), ("AT+JOIN", ["+JOIN: LoRaWAN modem is busy"]));
        Assert.False(join.Result);
        Assert.True(join.ElapsedMs < 15_000, $"took {join.ElapsedMs} ms");

        var send = Run(m => m.Send([1, 2, 3], 3, 8, false), ("AT+PORT", ["+PORT: 8"]), ("AT+MSGHEX", ["+MSG: LoRaWAN modem is busy".Replace("+MSG:", "+MSGHEX:", StringComparison.Ordinal)]));
        Assert.Equal(ModemOutcome.BandBusy, send.Result.Outcome);
        Assert.True(send.Result.WaitMs > 0);
        Assert.True(send.ElapsedMs < 30_000, $"took {send.ElapsedMs} ms");

        var dr = Run(m => m.Send([1, 2, 3], 3, 8, false), ("AT+PORT", ["+PORT: 8"]), ("AT+MSGHEX", ["+MSG: DR error".Replace("+MSG:", "+MSGHEX:", StringComparison.Ordinal)]));
        Assert.Equal(ModemOutcome.Failed, dr.Result.Outcome);
        Assert.True(dr.ElapsedMs < 30_000, $"took {dr.ElapsedMs} ms");
    }

    [Fact]
    public void With_adr_active_the_data_rate_in_use_is_the_networks()
    {
        // andresoliva/LoRa-E5's fixture of the module's answer while ADR has moved the data rate.
        Assert.Equal(3, Run(m => m.DataRate(), ("AT+DR", ["+DR: DR0 (ADR DR3)", "+DR: US915 DR3 SF7 BW125K", "+DR: US915 DR0 SF10 BW125K"])).Result);
        Assert.Equal(0, Run(m => m.DataRate(), ("AT+DR", ["+DR: DR0", "+DR: EU868 DR0  SF12 BW125K "])).Result);
    }

    [Fact]
    public void A_confirmed_uplink_as_a_real_module_answered_it_is_acknowledged_with_its_downlink()
    {
        // A real exchange from Seeed's forum: the ACK carried "Hello" on port 15 and the network has more.
        var send = Run(
            m => m.Send([0x01, 0x68, 0x84, 0xA7, 0xB1, 0xC3, 0x85], 7, 8, true),
            ("AT+PORT", ["+PORT: 8"]),
            ("AT+CMSGHEX", ["+CMSGHEX: Start", "+CMSGHEX: Wait ACK", "+CMSGHEX: FPENDING", "+CMSGHEX: ACK Received", "+CMSGHEX: PORT: 15; RX: \"48656C6C6F\"", "+CMSGHEX: RXWIN1, RSSI -43, SNR 10.0", "+CMSGHEX: Done"]));
        Assert.Equal(ModemOutcome.Acknowledged, send.Result.Outcome);
        Assert.True(send.Result.FramePending);
        Assert.Equal(15, send.Result.DownlinkPort);
        Assert.Equal("Hello", Encoding.ASCII.GetString(send.Result.Downlink));
        Assert.Contains("AT+CMSGHEX=\"016884A7B1C385\"", send.Commands);
    }

    [Fact]
    public void No_band_and_a_length_error_end_the_exchange_with_their_reasons()
    {
        var band = Run(m => m.Send([1], 1, 8, false), ("AT+PORT", ["+PORT: 8"]), ("AT+MSGHEX", ["+MSG: No band in 13469ms".Replace("+MSG:", "+MSGHEX:", StringComparison.Ordinal)]));
        Assert.Equal((ModemOutcome.BandBusy, 13469), (band.Result.Outcome, band.Result.WaitMs));

        var unjoined = Run(m => m.Send([1], 1, 8, false), ("AT+PORT", ["+PORT: 8"]), ("AT+MSGHEX", ["+MSGHEX: Please join network first"]));
        Assert.Equal(ModemOutcome.NotJoined, unjoined.Result.Outcome);
    }

    [Fact]
    public void A_downlink_of_the_largest_size_arrives_whole_and_the_exchange_ends_with_its_done()
    {
        // 242 bytes is the most a downlink carries (IN865 and EU868 at DR5): the module prints them as one line of
        // 484 hex digits, right behind the ACK and followed by RXWIN and Done, faster than the driver reads; a
        // receive buffer of the UART's default 256 bytes overran and lost the Done on every retry.
        var data = Enumerable.Range(0, 242).Select(i => (byte)(i * 7)).ToArray();
        var send = Run(
            m => m.Send([0x01, 0x02, 0x03], 3, 8, true),
            ("AT+PORT", ["+PORT: 8"]),
            ("AT+CMSGHEX", ["+CMSGHEX: Start", "+CMSGHEX: Wait ACK", "+CMSGHEX: FPENDING", "+CMSGHEX: ACK Received", $"+CMSGHEX: PORT: 2; RX: \"{Convert.ToHexString(data)}\"", "+CMSGHEX: RXWIN1, RSSI -43, SNR 10.0", "+CMSGHEX: Done"]));
        Assert.Equal(ModemOutcome.Acknowledged, send.Result.Outcome);
        Assert.Equal(2, send.Result.DownlinkPort);
        Assert.Equal(data, send.Result.Downlink);
    }

    // Runs the driver against a UART part that answers each command with the given lines, each of which must
    // be in the reference (a "+MSG:" line may be used for "+MSGHEX:": the module prefixes every line with the command).
    private static (T Result, long ElapsedMs, IReadOnlyList<string> Commands) Run<T>(Func<LoRaModem, T> exchange, params (string Command, string[] Lines)[] script)
    {
        foreach (var line in script.SelectMany(s => s.Lines))
        {
            var asPublished = line.StartsWith("+MSGHEX:", StringComparison.Ordinal) && !Replies.Any(r => r["reply_line"] == line) ? "+MSG:" + line["+MSGHEX:".Length..] : line;
            Assert.True(Replies.Any(r => Shape(r["reply_line"]) == Shape(asPublished)), $"'{asPublished}' is not in tests/reference-data/lora-e5/replies.csv");
        }

        using var device = new OnBoard("lora-transcript");
        var pins = BoardPins.ForName("esp32-devkitc-meter");
        var modem = new TranscriptModem(device.Board, pins.ModemRxPin, pins.ModemTxPin, script);
        var clock = device.Board.Life.Clock;
        var log = new DeviceLog(clock, new NullSink());
        return device.Run(() =>
        {
            var driver = new LoRaModem(pins, log, clock);
            driver.Open();
            var started = clock.UptimeMilliseconds;
            var result = exchange(driver);
            return (result, clock.UptimeMilliseconds - started, (IReadOnlyList<string>)modem.Commands);
        });
    }

    // A downlink line is compared by its form: the port and the hex digits it carries are the test's own.
    private static string Shape(string line) => Regex.Replace(line, "PORT: [0-9]+; RX: \"[0-9A-F]*\"", "PORT: n; RX: \"hex\"");

    private sealed class NullSink : ILogSink
    {
        public void Write(string line)
        {
        }
    }

    private sealed class TranscriptModem : IUartPart
    {
        private readonly UartWire _wire;
        private readonly (string Command, string[] Lines)[] _script;
        private readonly StringBuilder _line = new();

        public TranscriptModem(EmulatedBoard board, int boardRxPin, int boardTxPin, (string Command, string[] Lines)[] script)
        {
            _script = script;
            _wire = board.Uarts.Attach(boardRxPin, boardTxPin, LoRaModem.BaudRate, this);
        }

        public List<string> Commands { get; } = [];

        public void Receive(ReadOnlySpan<byte> data)
        {
            foreach (var b in data)
            {
                if (b != '\n')
                {
                    _line.Append((char)b);
                    continue;
                }

                var command = _line.ToString().TrimEnd('\r');
                _line.Clear();
                Commands.Add(command);
                var name = command.Split('=')[0];
                foreach (var (_, lines) in _script.Where(s => s.Command == name))
                {
                    foreach (var line in lines)
                    {
                        _wire.Send(Encoding.ASCII.GetBytes(line + "\r\n"));
                    }
                }
            }
        }
    }
}
