using System.Globalization;
using System.Text;
using EdgeDevices.Firmware.LoRaWan;
using EdgeDevices.Hardware.Emulation.Board;
using EdgeDevices.Hardware.Emulation.LoRaWan;
using EdgeDevices.Hardware.Emulation.Uart;

namespace EdgeDevices.Hardware.Emulation.Parts.LoRaE5;

/// <summary>
/// A Seeed LoRa-E5 style LoRaWAN modem on a UART (9600 8N1, lines ending CR LF). It answers the AT
/// commands the firmware's driver uses — identity and keys, region and data rate, OTAA join, hex uplinks
/// unconfirmed and confirmed, the payload room (<c>AT+LW=LEN</c>) — with the module's reply lines, and
/// takes the join and each uplink's exchange with the network the time they take on the air (airtime
/// plus the receive windows) on the world's clock. It enforces what the module does: no uplink before a
/// join, no payload over the data rate's room (less the MAC answers it owes), and the 1 % duty cycle in
/// the ETSI regions. Power loss loses the session. Its lines follow the module's published ones
/// (tests/reference-data/lora-e5): a refusal while an exchange is on is <c>LoRaWAN modem is busy</c>; a DR
/// query answers on two lines, with ADR active <c>DR0 (ADR DR3)</c> first. Hand-written: no served package
/// emulates this module.
/// </summary>
public sealed class LoRaE5Modem : IUartPart
{
    /// <summary>Line speed.</summary>
    public const int BaudRate = 9600;

    private const int JoinDelayMs = 6000;
    private const int ReceiveWindowsMs = 2000;

    private readonly EmulatedBoard _board;
    private readonly UartWire _wire;
    private readonly object _sync = new();
    private readonly StringBuilder _line = new();
    private readonly List<LoRaFrame> _sent = [];
    private LoRaRegion _region = LoRaRegion.ForName("EU868")!;
    private string _devEui = "0000000000000000";
    private string _appEui = "0000000000000000";
    private string _appKey = "00000000000000000000000000000000";
    private bool _joined;
    private bool _busy;
    private bool _adr = true;
    private int _hostDataRate;
    private int _port = 8;
    private uint _fCnt;
    private long _bandFreeAt;
    private bool _timeRequested;
    private DateTime? _rtcSetAt;
    private long _rtcSetUptime;

    /// <summary>A modem whose TX goes to <paramref name="boardRxPin"/> and RX listens on <paramref name="boardTxPin"/>.</summary>
    public LoRaE5Modem(EmulatedBoard board, int boardRxPin, int boardTxPin)
    {
        _board = board;
        _wire = board.Uarts.Attach(boardRxPin, boardTxPin, BaudRate, this);
        board.PowerChanged += _ =>
        {
            lock (_sync)
            {
                _joined = false;
                _busy = false;
                _fCnt = 0;
                _line.Clear();
                _port = 8;
                _region = LoRaRegion.ForName("EU868")!;
                _timeRequested = false;
                _rtcSetAt = null;
            }
        };
    }

    /// <summary>The data rate in use (a test may set it, as the network's ADR would).</summary>
    public int DataRate { get; set; }

    /// <summary>The data rate the network's ADR moves the device to once joined (null: it stays where it is).</summary>
    public int? NetworkDataRate { get; set; }

    /// <summary>Bytes of MAC answers the modem owes the network: they ride in FOpts and take payload room.</summary>
    public int PendingMacBytes { get; set; }

    /// <summary>Whether the modem has a session.</summary>
    public bool IsJoined
    {
        get
        {
            lock (_sync)
            {
                return _joined;
            }
        }
    }

    /// <summary>The region the firmware set.</summary>
    public string Region
    {
        get
        {
            lock (_sync)
            {
                return _region.Name;
            }
        }
    }

    /// <summary>Every frame put on the air, in order.</summary>
    public IReadOnlyList<LoRaFrame> Sent
    {
        get
        {
            lock (_sync)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>Uptime at which each frame went on the air, and its airtime (for duty-cycle checks).</summary>
    public List<(long At, int AirtimeMs)> Transmissions { get; } = [];

    /// <inheritdoc />
    public void Receive(ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            string? command = null;
            lock (_sync)
            {
                if (b == (byte)'\n')
                {
                    command = _line.ToString().Trim();
                    _line.Clear();
                }
                else if (_line.Length < 600)
                {
                    _line.Append((char)b);
                }
            }

            if (!string.IsNullOrEmpty(command))
            {
                Handle(command);
            }
        }
    }

    private void Handle(string command)
    {
        if (!command.StartsWith("AT", StringComparison.Ordinal))
        {
            return;
        }

        if (command == "AT")
        {
            Reply("+AT: OK");
            return;
        }

        var equals = command.IndexOf('=');
        var name = command[3..(equals < 0 ? command.Length : equals)].ToUpperInvariant();
        var argument = equals < 0 ? null : command[(equals + 1)..];
        lock (_sync)
        {
            if (_busy && name is "JOIN" or "MSG" or "CMSG" or "MSGHEX" or "CMSGHEX")
            {
                Reply($"+{name}: LoRaWAN modem is busy");
                return;
            }
        }

        switch (name)
        {
            case "ID":
                SetId(argument);
                break;
            case "KEY":
                SetKey(argument);
                break;
            case "MODE":
                Reply(argument == "LWOTAA" ? "+MODE: LWOTAA" : "+MODE: ERROR(-1)");
                break;
            case "CLASS":
                Reply(argument == "A" ? "+CLASS: A" : "+CLASS: ERROR(-1)");
                break;
            case "ADR":
                _adr = argument != "OFF";
                Reply("+ADR: " + (_adr ? "ON" : "OFF"));
                break;
            case "PORT":
                if (int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 223)
                {
                    lock (_sync)
                    {
                        _port = port;
                    }

                    Reply("+PORT: " + port.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    Reply("+PORT: ERROR(-1)");
                }

                break;
            case "DR":
                SetDataRate(argument);
                break;
            case "LW" when argument == "LEN":
                Reply("+LW: LEN, " + Room().ToString(CultureInfo.InvariantCulture));
                break;
            case "LW" when argument == "DTR":
                lock (_sync)
                {
                    _timeRequested = true;
                }

                Reply("+LW: DTR");
                break;
            case "LW":
                Reply("+LW: ERROR(-1)");
                break;
            case "RTC":
                Reply(NetworkClock() is { } now ? "+RTC: " + now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "+RTC: ERROR(-1)");
                break;
            case "JOIN":
                Join();
                break;
            case "MSG":
            case "CMSG":
            case "MSGHEX":
            case "CMSGHEX":
                Send(name, argument);
                break;
            default:
                Reply($"+{name}: ERROR(-10)");
                break;
        }
    }

    private void SetId(string? argument)
    {
        var parts = argument?.Split(',', 2) ?? [];
        var value = parts.Length == 2 ? parts[1].Trim().Trim('"').Replace(":", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal) : string.Empty;
        if (value.Length != 16 || !IsHex(value) || parts[0] is not ("DevEui" or "AppEui"))
        {
            Reply("+ID: ERROR(-1)");
            return;
        }

        lock (_sync)
        {
            if (parts[0] == "DevEui")
            {
                _devEui = value.ToLowerInvariant();
            }
            else
            {
                _appEui = value.ToLowerInvariant();
            }
        }

        Reply($"+ID: {parts[0]}, {string.Join(':', Enumerable.Range(0, 8).Select(i => value.Substring(i * 2, 2).ToUpperInvariant()))}");
    }

    private void SetKey(string? argument)
    {
        var parts = argument?.Split(',', 2) ?? [];
        var value = parts.Length == 2 ? parts[1].Trim().Trim('"') : string.Empty;
        if (parts.Length != 2 || parts[0] != "APPKEY" || value.Length != 32 || !IsHex(value))
        {
            // The module answers a malformed key with an error (and some firmware versions with silence).
            Reply("+KEY: ERROR(-1)");
            return;
        }

        lock (_sync)
        {
            _appKey = value.ToLowerInvariant();
        }

        Reply("+KEY: APPKEY " + value.ToUpperInvariant());
    }

    private void SetDataRate(string? argument)
    {
        if (argument == null)
        {
            // As the module answers: the host's data rate (and the network's, when ADR changed it), then the detail of each.
            int host, inUse;
            LoRaRegion plan;
            lock (_sync)
            {
                host = _hostDataRate;
                inUse = DataRate;
                plan = _region;
            }

            if (_adr && inUse != host)
            {
                Reply($"+DR: DR{host} (ADR DR{inUse})");
                Reply("+DR: " + Detail(plan, inUse));
            }
            else
            {
                Reply($"+DR: DR{inUse}");
            }

            Reply("+DR: " + Detail(plan, host));
            return;
        }

        var region = LoRaRegion.ForName(argument);
        if (region != null)
        {
            lock (_sync)
            {
                _region = region;
                _joined = false;
                DataRate = region.DefaultDataRate;
                _hostDataRate = DataRate;
            }

            Reply("+DR: " + region.Name);
            return;
        }

        if (int.TryParse(argument.StartsWith("DR", StringComparison.Ordinal) ? argument[2..] : argument, NumberStyles.None, CultureInfo.InvariantCulture, out var dr) && dr <= _region.MaxDataRate)
        {
            DataRate = dr;
            _hostDataRate = dr;
            Reply("+DR: DR" + dr.ToString(CultureInfo.InvariantCulture));
            Reply("+DR: " + Detail(_region, dr));
            return;
        }

        Reply("+DR: ERROR(-1)");
    }

    private void Join()
    {
        string devEui, appEui, appKey;
        lock (_sync)
        {
            if (_joined)
            {
                Reply("+JOIN: Joined already");
                return;
            }

            _busy = true;
            devEui = _devEui;
            appEui = _appEui;
            appKey = _appKey;
        }

        Reply("+JOIN: Start");
        Reply("+JOIN: NORMAL");
        _board.World.Scheduler.After(JoinDelayMs, () =>
        {
            bool accepted;
            using (_board.World.Clock.HoldTime())
            {
                accepted = _board.IsPoweredOn && _board.World.LoRa?.Join(devEui, appEui, appKey) == true;
            }

            lock (_sync)
            {
                _busy = false;
                if (!_board.IsPoweredOn)
                {
                    return;
                }

                _joined = accepted;
                _fCnt = 0;
                if (accepted && _adr && NetworkDataRate is { } rate)
                {
                    DataRate = rate;
                }
            }

            if (accepted)
            {
                Reply("+JOIN: Network joined");
                Reply("+JOIN: NetID 000000 DevAddr " + DevAddr(devEui));
            }
            else
            {
                Reply("+JOIN: Join failed");
            }

            Reply("+JOIN: Done");
        });
    }

    private void Send(string name, string? argument)
    {
        var hex = name.EndsWith("HEX", StringComparison.Ordinal);
        var confirmed = name.StartsWith('C');
        byte[] data;
        if (argument == null)
        {
            data = [];
        }
        else
        {
            var text = argument.Trim().Trim('"');
            if (hex)
            {
                if (!AtReply.TryParseHex(text, 0, text.Length, out data))
                {
                    Reply($"+{name}: ERROR(-1)");
                    return;
                }
            }
            else
            {
                data = Encoding.ASCII.GetBytes(text);
            }
        }

        LoRaFrame frame;
        int airtime;
        int carried;
        lock (_sync)
        {
            if (!_joined)
            {
                Reply($"+{name}: Please join network first");
                return;
            }

            var room = Room();
            if (data.Length > room)
            {
                Reply($"+{name}: Length error {room.ToString(CultureInfo.InvariantCulture)}");
                return;
            }

            var now = _board.World.Clock.UptimeMilliseconds;
            if (_region.Name != "IN865" && now < _bandFreeAt)
            {
                Reply($"+{name}: No band in {(_bandFreeAt - now).ToString(CultureInfo.InvariantCulture)}ms");
                return;
            }

            _fCnt++;
            frame = new LoRaFrame(_devEui, _region.Name, DataRate, _fCnt, data.Length == 0 ? 0 : _port, data, confirmed, _adr, _timeRequested);
            carried = PendingMacBytes;
            airtime = _region.AirtimeMilliseconds(data.Length + carried, DataRate);
            _bandFreeAt = now + (airtime * 100L);
            _busy = true;
            _sent.Add(frame);
            Transmissions.Add((now, airtime));
        }

        Reply($"+{name}: Start");
        if (confirmed)
        {
            Reply($"+{name}: Wait ACK");
        }

        _board.World.Scheduler.After(airtime + ReceiveWindowsMs, () =>
        {
            LoRaAnswer answer;
            using (_board.World.Clock.HoldTime())
            {
                answer = _board.IsPoweredOn ? _board.World.LoRa?.Uplink(frame) ?? LoRaAnswer.Silence : LoRaAnswer.Silence;
            }

            lock (_sync)
            {
                _busy = false;
                if (!_board.IsPoweredOn)
                {
                    return;
                }

                // The MAC answers this frame carried in its FOpts are delivered.
                PendingMacBytes = Math.Max(0, PendingMacBytes - carried);
                if (answer.NetworkTime is { } networkTime)
                {
                    _timeRequested = false;
                    _rtcSetAt = networkTime;
                    _rtcSetUptime = _board.World.Clock.UptimeMilliseconds;
                }
            }

            if (answer.FramePending)
            {
                Reply($"+{name}: FPENDING");
            }

            if (confirmed && answer.Acknowledged)
            {
                Reply($"+{name}: ACK Received");
            }

            if (answer.Downlink != null)
            {
                Reply($"+{name}: PORT: {answer.DownlinkPort.ToString(CultureInfo.InvariantCulture)}; RX: \"{Convert.ToHexString(answer.Downlink)}\"");
            }

            if (answer.Acknowledged || answer.Downlink != null || answer.FramePending)
            {
                Reply($"+{name}: RXWIN1, RSSI -97, SNR 6.5");
            }

            Reply($"+{name}: Done");
        });
    }

    // The module's RTC: set by a DeviceTimeAns, running on from there.
    private DateTime? NetworkClock()
    {
        lock (_sync)
        {
            return _rtcSetAt?.AddMilliseconds(_board.World.Clock.UptimeMilliseconds - _rtcSetUptime);
        }
    }

    private int Room() => Math.Max(0, _region.MaxPayload(DataRate) - PendingMacBytes);

    // "EU868 DR0  SF12 BW125K ", "EU868 DR4  SF8  BW125K ": the module pads its columns and ends with a space.
    private static string Detail(LoRaRegion region, int dataRate)
    {
        var sf = region.SpreadingFactor(dataRate);
        var modulation = sf == LoRaRegion.Fsk ? "FSK 50kbps" : $"{("SF" + sf.ToString(CultureInfo.InvariantCulture)).PadRight(4)} BW{region.BandwidthKHz(dataRate)}K";
        return $"{region.Name} DR{dataRate}  {modulation} ";
    }

    private void Reply(string line) => _wire.Send(Encoding.ASCII.GetBytes(line + "\r\n"));

    private static bool IsHex(string text) => text.All(Uri.IsHexDigit);

    private static string DevAddr(string devEui) => string.Join(':', Enumerable.Range(4, 4).Select(i => devEui.Substring(i * 2, 2).ToUpperInvariant()));
}
