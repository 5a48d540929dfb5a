using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Firmware.Security
{
    /// <summary>
    /// The keyed MAC that authenticates a gateway command to one device: HMAC-SHA256 with the device's own
    /// 32-byte command key over a canonical byte string, truncated to 8 bytes (as short as LoRaWAN's frame
    /// budget needs; a forger gets one guess per counter value, and the counter only grows). The canonical
    /// string does not depend on the wire form, so JSON and compact commands carry the same MAC:
    /// "EDC1", the device id, 0x00, command id (u16), kind (u8), level (u8), duration (u16), counter (u32),
    /// expiry (u32, Unix seconds), document length (u32) and its UTF-8 bytes; all big-endian (docs/wire-format.md).
    /// </summary>
    public sealed class CommandMac
    {
        /// <summary>Bytes of a command key.</summary>
        public const int KeySize = 32;

        /// <summary>Bytes of the MAC a command carries.</summary>
        public const int Size = 8;

        private readonly HmacSha256 _hmac;
        private readonly byte[] _full = new byte[Sha256.HashSize];
        private readonly byte[] _check = new byte[Size];

        /// <summary>A MAC keyed with <paramref name="key"/> (<see cref="KeySize"/> bytes).</summary>
        public CommandMac(byte[] key)
        {
            if (key == null || key.Length != KeySize)
            {
                throw new System.ArgumentException("a command key has 32 bytes");
            }

            _hmac = new HmacSha256(key);
        }

        /// <summary>Writes the MAC of <paramref name="command"/> for <paramref name="deviceId"/> into <paramref name="mac"/>.</summary>
        public void Compute(string deviceId, DeviceCommand command, byte[] mac, int offset)
        {
            _hmac.Update((byte)'E');
            _hmac.Update((byte)'D');
            _hmac.Update((byte)'C');
            _hmac.Update((byte)'1');
            for (int i = 0; i < deviceId.Length; i++)
            {
                _hmac.Update((byte)deviceId[i]);
            }

            _hmac.Update(0);
            Put(command.CommandId, 2);
            _hmac.Update((byte)command.Kind);
            _hmac.Update(command.Level);
            Put(command.DurationMinutes, 2);
            Put(command.Counter, 4);
            Put(command.ExpiresAt, 4);
            if (command.Document == null)
            {
                Put(0, 4);
            }
            else
            {
                byte[] document = System.Text.Encoding.UTF8.GetBytes(command.Document);
                Put((uint)document.Length, 4);
                _hmac.Update(document, 0, document.Length);
            }

            _hmac.Final(_full, 0);
            for (int i = 0; i < Size; i++)
            {
                mac[offset + i] = _full[i];
            }
        }

        /// <summary>Whether <paramref name="command"/> carries the right MAC for <paramref name="deviceId"/>; compares in constant time.</summary>
        public bool Verify(string deviceId, DeviceCommand command)
        {
            byte[] mac = command.Mac;
            if (mac == null || mac.Length != Size)
            {
                return false;
            }

            Compute(deviceId, command, _check, 0);
            int difference = 0;
            for (int i = 0; i < Size; i++)
            {
                difference |= mac[i] ^ _check[i];
            }

            return difference == 0;
        }

        private void Put(uint value, int bytes)
        {
            for (int i = bytes - 1; i >= 0; i--)
            {
                _hmac.Update((byte)(value >> (i * 8)));
            }
        }
    }
}
