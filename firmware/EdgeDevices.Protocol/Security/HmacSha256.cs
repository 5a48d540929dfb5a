namespace EdgeDevices.Firmware.Security
{
    /// <summary>
    /// HMAC-SHA256 (RFC 2104) over <see cref="Sha256"/>, keyed once, reusable, allocation-free per message.
    /// Hand-written for the same reason as <see cref="Sha256"/>.
    /// </summary>
    public sealed class HmacSha256
    {
        private readonly Sha256 _inner = new Sha256();
        private readonly Sha256 _outer = new Sha256();
        private readonly byte[] _innerPad = new byte[Sha256.BlockSize];
        private readonly byte[] _outerPad = new byte[Sha256.BlockSize];
        private readonly byte[] _innerHash = new byte[Sha256.HashSize];

        /// <summary>Keys the MAC; a key longer than a block is hashed first, as RFC 2104 says.</summary>
        public HmacSha256(byte[] key)
        {
            byte[] k = new byte[Sha256.BlockSize];
            if (key.Length > Sha256.BlockSize)
            {
                Sha256 hash = new Sha256();
                hash.Update(key, 0, key.Length);
                hash.Final(k, 0);
            }
            else
            {
                for (int i = 0; i < key.Length; i++)
                {
                    k[i] = key[i];
                }
            }

            for (int i = 0; i < Sha256.BlockSize; i++)
            {
                _innerPad[i] = (byte)(k[i] ^ 0x36);
                _outerPad[i] = (byte)(k[i] ^ 0x5c);
            }

            Begin();
        }

        /// <summary>Adds message bytes.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            _inner.Update(data, offset, count);
        }

        /// <summary>Adds one message byte.</summary>
        public void Update(byte value)
        {
            _inner.Update(value);
        }

        /// <summary>Writes the 32-byte MAC at <paramref name="offset"/> and starts the next message.</summary>
        public void Final(byte[] output, int offset)
        {
            _inner.Final(_innerHash, 0);
            _outer.Update(_outerPad, 0, Sha256.BlockSize);
            _outer.Update(_innerHash, 0, Sha256.HashSize);
            _outer.Final(output, offset);
            Begin();
        }

        private void Begin()
        {
            _inner.Reset();
            _inner.Update(_innerPad, 0, Sha256.BlockSize);
        }
    }
}
