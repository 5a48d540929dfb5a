namespace EdgeDevices.Firmware.AirQuality.Sds011
{
    /// <summary>
    /// Host-to-sensor commands of the SDS011 (Nova Fitness "Laser Dust Sensor Control Protocol" V1.3): 19 bytes,
    /// AA B4, the command's id, 12 data bytes, the sensor's id (FF FF: whichever sensor hears it), a checksum
    /// (low byte of the sum of the 15 bytes after B4), AB. The sensor answers with a 10-byte AA C5 reply. The one
    /// the firmware needs is sleep/work: the SDS011 has no SET pin, and its laser and fan wear out within about
    /// a year of running without a break, so the node puts it to sleep between sampling cycles over the UART.
    /// Sensor ids are held as on the wire, first byte low (the id a measurement frame carries, <see cref="Sds011Frame.DeviceId"/>).
    /// Hand-written: no served package speaks the SDS011's protocol on nanoFramework.
    /// </summary>
    public static class Sds011Command
    {
        /// <summary>Bytes in a command.</summary>
        public const int Size = 19;

        /// <summary>Bytes in a reply.</summary>
        public const int ReplySize = 10;

        /// <summary>The command byte of host commands.</summary>
        public const byte Command = 0xB4;

        /// <summary>The command byte of the sensor's replies to them.</summary>
        public const byte Reply = 0xC5;

        /// <summary>Sensor id that addresses whichever sensor is on the line.</summary>
        public const int AnySensor = 0xFFFF;

        /// <summary>Id of the reporting-mode command (active or query).</summary>
        public const byte ReportingMode = 0x02;

        /// <summary>Id of the query-data command.</summary>
        public const byte QueryData = 0x04;

        /// <summary>Id of the sleep/work command.</summary>
        public const byte SleepWork = 0x06;

        /// <summary>Id of the firmware-version command.</summary>
        public const byte FirmwareVersion = 0x07;

        /// <summary>Id of the working-period (duty-cycle) command.</summary>
        public const byte WorkingPeriod = 0x08;

        /// <summary>Longest working period the sensor accepts, minutes.</summary>
        public const int MaxWorkingPeriodMinutes = 30;

        /// <summary>Writes "set sleep" (<paramref name="work"/> false) or "set work" into <paramref name="frame"/> at <paramref name="offset"/>.</summary>
        public static void SetSleepWork(bool work, int sensorId, byte[] frame, int offset)
        {
            Write(frame, offset, SleepWork, 1, work ? (byte)1 : (byte)0, sensorId);
        }

        /// <summary>Writes "query sleep/work".</summary>
        public static void QuerySleepWork(int sensorId, byte[] frame, int offset)
        {
            Write(frame, offset, SleepWork, 0, 0, sensorId);
        }

        /// <summary>Writes "set working period": 0 continuous, 1–30 minutes (works 30 s, sleeps the rest); others are clamped.</summary>
        public static void SetWorkingPeriod(int minutes, int sensorId, byte[] frame, int offset)
        {
            int n = minutes < 0 ? 0 : (minutes > MaxWorkingPeriodMinutes ? MaxWorkingPeriodMinutes : minutes);
            Write(frame, offset, WorkingPeriod, 1, (byte)n, sensorId);
        }

        /// <summary>Writes "set reporting mode": active (frames every second) or query (a frame per query-data command).</summary>
        public static void SetReportingMode(bool query, int sensorId, byte[] frame, int offset)
        {
            Write(frame, offset, ReportingMode, 1, query ? (byte)1 : (byte)0, sensorId);
        }

        /// <summary>Writes "query data": the sensor answers with one measurement frame.</summary>
        public static void Query(int sensorId, byte[] frame, int offset)
        {
            Write(frame, offset, QueryData, 0, 0, sensorId);
        }

        /// <summary>
        /// Writes a command with <paramref name="id"/>, data bytes 2 and 3 (<paramref name="setOrQuery"/>: 1 set, 0 query;
        /// <paramref name="value"/>) and zeros elsewhere, addressed to <paramref name="sensorId"/>.
        /// </summary>
        public static void Write(byte[] frame, int offset, byte id, byte setOrQuery, byte value, int sensorId)
        {
            for (int i = 0; i < Size; i++)
            {
                frame[offset + i] = 0;
            }

            frame[offset] = Sds011Frame.Head;
            frame[offset + 1] = Command;
            frame[offset + 2] = id;
            frame[offset + 3] = setOrQuery;
            frame[offset + 4] = value;
            frame[offset + 15] = (byte)sensorId;
            frame[offset + 16] = (byte)(sensorId >> 8);
            frame[offset + 17] = CommandChecksum(frame, offset);
            frame[offset + 18] = Sds011Frame.Tail;
        }

        /// <summary>Low byte of the sum of bytes 2–16 of a command.</summary>
        public static byte CommandChecksum(byte[] frame, int offset)
        {
            int sum = 0;
            for (int i = 2; i < 17; i++)
            {
                sum += frame[offset + i];
            }

            return (byte)sum;
        }

        /// <summary>
        /// Reads a command (19 bytes at <paramref name="offset"/>) as the sensor does: false unless head, tail, command
        /// byte and checksum are right. For emulated sensors.
        /// </summary>
        public static bool TryRead(byte[] frame, int offset, out byte id, out byte setOrQuery, out byte value, out int sensorId)
        {
            id = 0;
            setOrQuery = 0;
            value = 0;
            sensorId = 0;
            if (frame[offset] != Sds011Frame.Head || frame[offset + 1] != Command || frame[offset + 18] != Sds011Frame.Tail
                || frame[offset + 17] != CommandChecksum(frame, offset))
            {
                return false;
            }

            id = frame[offset + 2];
            setOrQuery = frame[offset + 3];
            value = frame[offset + 4];
            sensorId = frame[offset + 15] | (frame[offset + 16] << 8);
            return true;
        }

        /// <summary>
        /// Whether <paramref name="reply"/> (10 bytes at <paramref name="offset"/>) is a well-formed AA C5 reply; if so
        /// the command it answers, its data bytes 2 and 3 (for sleep/work: set-or-query, then 1 working / 0 sleeping)
        /// and the sensor's id.
        /// </summary>
        public static bool TryReadReply(byte[] reply, int offset, out byte id, out byte setOrQuery, out byte value, out int sensorId)
        {
            id = 0;
            setOrQuery = 0;
            value = 0;
            sensorId = 0;
            if (reply[offset] != Sds011Frame.Head || reply[offset + 1] != Reply || reply[offset + 9] != Sds011Frame.Tail
                || reply[offset + 8] != Sds011Frame.Checksum(reply, offset))
            {
                return false;
            }

            id = reply[offset + 2];
            setOrQuery = reply[offset + 3];
            value = reply[offset + 4];
            sensorId = reply[offset + 6] | (reply[offset + 7] << 8);
            return true;
        }

        /// <summary>Writes the sensor's reply to a command (for emulated sensors).</summary>
        public static void WriteReply(byte[] reply, int offset, byte id, byte setOrQuery, byte value, byte extra, int sensorId)
        {
            reply[offset] = Sds011Frame.Head;
            reply[offset + 1] = Reply;
            reply[offset + 2] = id;
            reply[offset + 3] = setOrQuery;
            reply[offset + 4] = value;
            reply[offset + 5] = extra;
            reply[offset + 6] = (byte)sensorId;
            reply[offset + 7] = (byte)(sensorId >> 8);
            reply[offset + 8] = Sds011Frame.Checksum(reply, offset);
            reply[offset + 9] = Sds011Frame.Tail;
        }
    }
}
