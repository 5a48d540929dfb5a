using System;

namespace EdgeDevices.Firmware.LoRaWan
{
    /// <summary>
    /// Reads the lines an AT-command LoRaWAN modem answers with (the Seeed LoRa-E5 / RisingHF command set:
    /// <c>+CMD: body</c>). Hand-written: no served package speaks this dialect, and the device needs it
    /// without allocation beyond the strings themselves.
    /// </summary>
    public static class AtReply
    {
        /// <summary>The command a reply line belongs to (<c>+MSGHEX: Done</c> → <c>MSGHEX</c>), or null for any other line.</summary>
        public static string Command(string line)
        {
            if (line == null || line.Length < 3 || line[0] != '+')
            {
                return null;
            }

            int colon = line.IndexOf(':');
            return colon < 2 ? null : line.Substring(1, colon - 1);
        }

        /// <summary>What follows <c>+CMD: </c>, or the empty string.</summary>
        public static string Body(string line)
        {
            int colon = line == null ? -1 : line.IndexOf(':');
            if (colon < 0)
            {
                return string.Empty;
            }

            int start = colon + 1;
            while (start < line.Length && line[start] == ' ')
            {
                start++;
            }

            return line.Substring(start);
        }

        /// <summary>
        /// Whether a JOIN reply line says the network accepted: <c>Network joined</c> (real modules print it),
        /// <c>NetID 000024 DevAddr 48:00:00:01</c> (the specification's example prints only this) or <c>Joined already</c>.
        /// </summary>
        public static bool IsJoined(string body)
        {
            return body != null && (body.StartsWith("Network joined") || body.StartsWith("NetID ") || body.StartsWith("Joined already"));
        }

        /// <summary>Whether the modem refuses because a LoRaWAN exchange is still going on (<c>LoRaWAN modem is busy</c>).</summary>
        public static bool IsBusy(string body)
        {
            return body != null && body.StartsWith("LoRaWAN modem is busy");
        }

        /// <summary>
        /// The data rate a DR reply says is in use, or -1: <c>DR3</c> → 3; with ADR active the module answers
        /// <c>DR0 (ADR DR3)</c>, the host's choice then the network's, and the network's is in use → 3; the
        /// detail line <c>EU868 DR0  SF12 BW125K</c> → 0; the band echo <c>EU868</c> → -1.
        /// </summary>
        public static int DataRate(string body)
        {
            if (body == null)
            {
                return -1;
            }

            int adr = body.IndexOf("ADR DR");
            if (adr >= 0)
            {
                return DigitsAt(body, adr + 6);
            }

            int dr = body.IndexOf("DR");
            while (dr >= 0)
            {
                int value = DigitsAt(body, dr + 2);
                if (value >= 0)
                {
                    return value;
                }

                dr = body.IndexOf("DR", dr + 2);
            }

            return -1;
        }

        /// <summary>Whether a reply body reports an error (<c>ERROR(-1)</c> and the like).</summary>
        public static bool IsError(string body)
        {
            return body != null && body.IndexOf("ERROR") >= 0;
        }

        /// <summary>
        /// The port and bytes of a downlink body (<c>PORT: 1; RX: "0A0B"</c>); the data as hex, spaces allowed.
        /// False when the body is not a downlink or its data is not hex.
        /// </summary>
        public static bool TryParseDownlink(string body, out int port, out byte[] data)
        {
            port = 0;
            data = null;
            if (body == null || !body.StartsWith("PORT:"))
            {
                return false;
            }

            int semicolon = body.IndexOf(';');
            int open = body.IndexOf('"');
            int close = open < 0 ? -1 : body.IndexOf('"', open + 1);
            if (semicolon < 0 || close < 0 || !TryParseInt(body, 5, semicolon, out port) || port < 1 || port > 223)
            {
                return false;
            }

            return TryParseHex(body, open + 1, close, out data);
        }

        /// <summary>The wait of a busy band (<c>No band in 4234ms</c>), ms, or -1.</summary>
        public static int BandWaitMs(string body)
        {
            const string Prefix = "No band in ";
            if (body == null || !body.StartsWith(Prefix))
            {
                return -1;
            }

            int end = body.IndexOf("ms", Prefix.Length);
            int value;
            return end > 0 && TryParseInt(body, Prefix.Length, end, out value) ? value : -1;
        }

        /// <summary>The number after the last comma or space of a body (<c>LEN, 51</c> → 51; <c>DR3</c> → 3 with prefix "DR"), or -1.</summary>
        public static int TrailingNumber(string body)
        {
            if (body == null)
            {
                return -1;
            }

            int end = body.Length;
            while (end > 0 && body[end - 1] == ' ')
            {
                end--;
            }

            int start = end;
            while (start > 0 && body[start - 1] >= '0' && body[start - 1] <= '9')
            {
                start--;
            }

            int value;
            return start < end && TryParseInt(body, start, end, out value) ? value : -1;
        }

        /// <summary>
        /// The network time a modem reports after a DeviceTimeReq (<c>2026-12-21 13:00:06</c>, UTC), or
        /// <see cref="DateTime.MinValue"/> when the body is no such time.
        /// </summary>
        public static DateTime ParseTime(string body)
        {
            int year, month, day, hour, minute, second;
            if (body == null || body.Length < 19 || body[4] != '-' || body[7] != '-' || body[10] != ' ' || body[13] != ':' || body[16] != ':'
                || !TryParseInt(body, 0, 4, out year) || !TryParseInt(body, 5, 7, out month) || !TryParseInt(body, 8, 10, out day)
                || !TryParseInt(body, 11, 13, out hour) || !TryParseInt(body, 14, 16, out minute) || !TryParseInt(body, 17, 19, out second))
            {
                return DateTime.MinValue;
            }

            if (year < 2020 || year > 2099 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
            {
                return DateTime.MinValue;
            }

            return new DateTime(new DateTime(year, month, day, hour, minute, second).Ticks, DateTimeKind.Utc);
        }

        /// <summary>Hex text for an AT payload, upper case, no spaces.</summary>
        public static string Hex(byte[] data, int offset, int count)
        {
            const string Digits = "0123456789ABCDEF";
            char[] text = new char[count * 2];
            for (int i = 0; i < count; i++)
            {
                byte b = data[offset + i];
                text[i * 2] = Digits[b >> 4];
                text[(i * 2) + 1] = Digits[b & 0xF];
            }

            return new string(text);
        }

        /// <summary>Parses hex digits between <paramref name="start"/> and <paramref name="end"/>, skipping spaces.</summary>
        public static bool TryParseHex(string text, int start, int end, out byte[] data)
        {
            data = null;
            int digits = 0;
            for (int i = start; i < end; i++)
            {
                if (text[i] == ' ')
                {
                    continue;
                }

                if (EdgeDevices.Firmware.Security.HexText.Digit(text[i]) < 0)
                {
                    return false;
                }

                digits++;
            }

            if (digits % 2 != 0)
            {
                return false;
            }

            data = new byte[digits / 2];
            int n = 0;
            int high = -1;
            for (int i = start; i < end; i++)
            {
                if (text[i] == ' ')
                {
                    continue;
                }

                int d = EdgeDevices.Firmware.Security.HexText.Digit(text[i]);
                if (high < 0)
                {
                    high = d;
                }
                else
                {
                    data[n++] = (byte)((high << 4) | d);
                    high = -1;
                }
            }

            return true;
        }

        // The whole number starting at `start` (at most two digits: data rates), or -1.
        private static int DigitsAt(string text, int start)
        {
            int end = start;
            while (end < text.Length && end - start < 2 && text[end] >= '0' && text[end] <= '9')
            {
                end++;
            }

            int value;
            return end > start && TryParseInt(text, start, end, out value) ? value : -1;
        }

        private static bool TryParseInt(string text, int start, int end, out int value)
        {
            value = 0;
            while (start < end && text[start] == ' ')
            {
                start++;
            }

            while (end > start && text[end - 1] == ' ')
            {
                end--;
            }

            if (start >= end || end - start > 9)
            {
                return false;
            }

            for (int i = start; i < end; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            return true;
        }
    }
}
