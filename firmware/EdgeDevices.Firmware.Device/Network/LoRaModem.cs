using System;
using System.IO.Ports;
using EdgeDevices.Firmware.Boards;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Device.Logging;
using EdgeDevices.Firmware.LoRaWan;
using EdgeDevices.Firmware.Timing;
using nanoFramework.Hardware.Esp32;

namespace EdgeDevices.Firmware.Device.Network
{
    /// <summary>
    /// Driver for an AT-command LoRaWAN modem on a UART (Seeed LoRa-E5 / RisingHF command set, 9600 8N1):
    /// sets the region, keys and OTAA mode, joins, sends hex uplinks unconfirmed (<c>AT+MSGHEX</c>) or
    /// confirmed (<c>AT+CMSGHEX</c>) and reads the downlink that comes back. Every exchange waits for the
    /// modem's <c>Done</c> (or a one-line answer) with a timeout, so a dead modem costs a timeout, never a
    /// hung thread; a refusal (busy, no band, DR error, ERROR(-n)) ends the wait at once. The replies it reads
    /// are tested against the module's published lines (tests/reference-data/lora-e5). One thread uses it at a
    /// time (the LoRaWAN uplink's).
    /// </summary>
    public sealed class LoRaModem
    {
        /// <summary>The modem's line speed.</summary>
        public const int BaudRate = 9600;

        private const int LineTimeoutMs = 2000;
        private const int JoinTimeoutMs = 30000;
        private const int SendTimeoutMs = 60000;
        private const int ReadBufferBytes = 1024;

        // Longer than a class A exchange's two receive windows (RX2 opens 2 s after the uplink ends).
        private const int BusyWaitMs = 5000;

        private readonly BoardPins _pins;
        private readonly DeviceLog _log;
        private readonly IClock _clock;
        private SerialPort _port;
        private int _txPort = -1;

        /// <summary>A driver for the modem wired to <paramref name="pins"/>.</summary>
        public LoRaModem(BoardPins pins, DeviceLog log, IClock clock)
        {
            _pins = pins;
            _log = log;
            _clock = clock;
        }

        /// <summary>Routes the UART to the modem's pads and opens it.</summary>
        public void Open()
        {
            if (_port != null)
            {
                return;
            }

            if (_pins.ModemPort == "COM2")
            {
                Configuration.SetPinFunction(_pins.ModemRxPin, DeviceFunction.COM2_RX);
                Configuration.SetPinFunction(_pins.ModemTxPin, DeviceFunction.COM2_TX);
            }
            else
            {
                Configuration.SetPinFunction(_pins.ModemRxPin, DeviceFunction.COM3_RX);
                Configuration.SetPinFunction(_pins.ModemTxPin, DeviceFunction.COM3_TX);
            }

            _port = new SerialPort(_pins.ModemPort, BaudRate, Parity.None, 8, StopBits.One);

            // A downlink of 242 bytes comes as a line of 484 hex digits, with the ACK, RXWIN and Done lines at
            // once: about 650 bytes the driver may not have read yet. The UART's default 256 bytes overran and
            // lost the Done, so the send failed, and again on every retry of the same downlink.
            _port.ReadBufferSize = ReadBufferBytes;
            _port.ReadTimeout = LineTimeoutMs;
            _port.NewLine = "\n";
            _port.Open();
        }

        /// <summary>Checks the modem answers and gives it the device's identity, region and OTAA mode; false (logged) when it does not take them.</summary>
        public bool Setup(LoRaWanSettings settings, LoRaRegion region)
        {
            _txPort = -1;
            return Simple("AT", "AT")
                && Simple("AT+DR=" + region.Name, "DR")
                && Simple("AT+MODE=LWOTAA", "MODE")
                && Simple("AT+ID=DevEui,\"" + settings.DevEui + "\"", "ID")
                && Simple("AT+ID=AppEui,\"" + settings.JoinEui + "\"", "ID")
                && Simple("AT+KEY=APPKEY,\"" + settings.AppKey + "\"", "KEY")
                && Simple("AT+CLASS=A", "CLASS")
                && Simple("AT+ADR=ON", "ADR");
        }

        /// <summary>Joins by OTAA; true once the network accepted.</summary>
        public bool Join()
        {
            Command("AT+JOIN");
            bool joined = false;
            long deadline = _clock.UptimeMilliseconds + JoinTimeoutMs;
            while (true)
            {
                string line = ReadReply("JOIN", deadline);
                if (line == null)
                {
                    _log.Warn("modem: no answer to JOIN");
                    return false;
                }

                string body = AtReply.Body(line);
                if (AtReply.IsJoined(body))
                {
                    joined = true;
                }
                else if (body.StartsWith("Join failed") || body.StartsWith("Not in OTAA") || AtReply.IsBusy(body) || AtReply.IsError(body))
                {
                    _log.Warn("modem: " + body);
                }

                // Busy, not in OTAA mode and errors are the whole answer: no Done follows them.
                if (body.StartsWith("Done") || body.StartsWith("Joined already") || body.StartsWith("Not in OTAA") || AtReply.IsBusy(body) || AtReply.IsError(body))
                {
                    return joined;
                }
            }
        }

        /// <summary>Asks the modem to put a DeviceTimeReq in its next uplink; false when it does not take it.</summary>
        public bool RequestTime()
        {
            return Simple("AT+LW=DTR", "LW");
        }

        /// <summary>The network's time once a DeviceTimeAns came back (UTC), else <see cref="DateTime.MinValue"/>.</summary>
        public DateTime NetworkTime()
        {
            string body = Query("AT+RTC", "RTC");
            return body == null ? DateTime.MinValue : AtReply.ParseTime(body);
        }

        /// <summary>The data rate in use (ADR may change it), or -1 when the modem does not say.</summary>
        public int DataRate()
        {
            // The first DR line answers; with ADR active it is "DR0 (ADR DR3)" and the network's DR3 is in use.
            string body = Query("AT+DR", "DR");
            return body == null ? -1 : AtReply.DataRate(body);
        }

        /// <summary>The largest payload the next uplink may carry (the data rate's, less pending MAC commands), or -1.</summary>
        public int MaxPayload()
        {
            string body = Query("AT+LW=LEN", "LW");
            return body == null ? -1 : AtReply.TrailingNumber(body);
        }

        /// <summary>
        /// Sends <paramref name="length"/> bytes of <paramref name="data"/> on <paramref name="port"/>
        /// (no bytes: an empty frame that carries only MAC answers and opens the receive windows).
        /// </summary>
        public ModemTransmission Send(byte[] data, int length, int port, bool confirmed)
        {
            ModemTransmission result = new ModemTransmission();
            result.Outcome = ModemOutcome.Failed;
            if (length > 0 && port != _txPort)
            {
                if (!Simple("AT+PORT=" + port.ToString(), "PORT"))
                {
                    return result;
                }

                _txPort = port;
            }

            string name = length == 0 ? (confirmed ? "CMSG" : "MSG") : (confirmed ? "CMSGHEX" : "MSGHEX");
            Command(length == 0 ? "AT+" + name : "AT+" + name + "=\"" + AtReply.Hex(data, 0, length) + "\"");
            bool acked = false;
            long deadline = _clock.UptimeMilliseconds + SendTimeoutMs;
            while (true)
            {
                string line = ReadReply(name, deadline);
                if (line == null)
                {
                    result.Detail = "no Done from the modem";
                    return result;
                }

                string body = AtReply.Body(line);
                result.Detail = body;
                int port2;
                byte[] downlink;
                int wait = AtReply.BandWaitMs(body);
                if (wait >= 0)
                {
                    result.Outcome = ModemOutcome.BandBusy;
                    result.WaitMs = wait;
                    return result;
                }

                if (body.StartsWith("Please join"))
                {
                    result.Outcome = ModemOutcome.NotJoined;
                    return result;
                }

                if (AtReply.IsBusy(body))
                {
                    // An exchange (receive windows, a retry) is still going on: try again once it is over.
                    result.Outcome = ModemOutcome.BandBusy;
                    result.WaitMs = BusyWaitMs;
                    return result;
                }

                if (body.StartsWith("DR error"))
                {
                    return result;
                }

                if (body.StartsWith("Length error"))
                {
                    result.Outcome = ModemOutcome.TooLong;
                    return result;
                }

                if (AtReply.IsError(body))
                {
                    return result;
                }

                if (body.StartsWith("ACK Received"))
                {
                    acked = true;
                }
                else if (body.StartsWith("FPENDING"))
                {
                    result.FramePending = true;
                }
                else if (AtReply.TryParseDownlink(body, out port2, out downlink))
                {
                    result.DownlinkPort = port2;
                    result.Downlink = downlink;
                }
                else if (body.StartsWith("Done"))
                {
                    result.Outcome = !confirmed ? ModemOutcome.Sent : acked ? ModemOutcome.Acknowledged : ModemOutcome.NotAcknowledged;
                    return result;
                }
            }
        }

        private bool Simple(string command, string reply)
        {
            string body = Query(command, reply);
            if (body == null || AtReply.IsError(body))
            {
                _log.Warn("modem refused " + command.Substring(0, command.IndexOf('=') > 0 ? command.IndexOf('=') : command.Length) + (body == null ? ": no answer" : ": " + body));
                return false;
            }

            return true;
        }

        private string Query(string command, string reply)
        {
            Command(command);
            string line = ReadReply(reply, _clock.UptimeMilliseconds + LineTimeoutMs);
            return line == null ? null : AtReply.Body(line);
        }

        private void Command(string command)
        {
            // Whatever is left from an earlier exchange (a late line, noise) would be taken for the answer.
            if (_port.BytesToRead > 0)
            {
                _port.ReadExisting();
            }

            _port.WriteLine(command);
        }

        // The next line that answers `name` (other lines are the modem's chatter), or null at the deadline.
        private string ReadReply(string name, long deadline)
        {
            while (_clock.UptimeMilliseconds < deadline)
            {
                string line;
                try
                {
                    line = _port.ReadLine();
                }
                catch (TimeoutException)
                {
                    continue;
                }

                line = line.Trim();
                if (AtReply.Command(line) == name)
                {
                    return line;
                }
            }

            return null;
        }
    }
}
