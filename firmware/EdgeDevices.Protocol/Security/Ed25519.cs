namespace EdgeDevices.Firmware.Security
{
    /// <summary>
    /// Ed25519 signatures (RFC 8032): verification on the device, which checks an update bundle's manifest
    /// against the key it was provisioned with, and signing on the host, so both sides share one
    /// definition. Field elements are sixteen 16-bit limbs in longs, the layout of the public-domain
    /// TweetNaCl design, written here for the nanoFramework subset (no BigInteger, no generics). Hand-written
    /// because neither the nanoFramework API surface nor .NET offers Ed25519. Checked against RFC 8032's test
    /// vectors and Project Wycheproof's. Verification refuses what a lenient verifier lets through: S at or
    /// above the group order, a non-canonical R or public key, and a public key of small order, which any
    /// signature could be made to fit. Not constant-time in verification, which handles only public data.
    /// </summary>
    public static class Ed25519
    {
        /// <summary>Bytes of a public key.</summary>
        public const int PublicKeySize = 32;

        /// <summary>Bytes of a private key seed.</summary>
        public const int SeedSize = 32;

        /// <summary>Bytes of a signature.</summary>
        public const int SignatureSize = 64;

        private static readonly long[] Gf0 = new long[16];
        private static readonly long[] Gf1 = new long[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
        private static readonly long[] D = new long[] { 0x78a3, 0x1359, 0x4dca, 0x75eb, 0xd8ab, 0x4141, 0x0a4d, 0x0070, 0xe898, 0x7779, 0x4079, 0x8cc7, 0xfe73, 0x2b6f, 0x6cee, 0x5203 };
        private static readonly long[] D2 = new long[] { 0xf159, 0x26b2, 0x9b94, 0xebd6, 0xb156, 0x8283, 0x149a, 0x00e0, 0xd130, 0xeef3, 0x80f2, 0x198e, 0xfce7, 0x56df, 0xd9dc, 0x2406 };
        private static readonly long[] X = new long[] { 0xd51a, 0x8f25, 0x2d60, 0xc956, 0xa7b2, 0x9525, 0xc760, 0x692c, 0xdc5c, 0xfdd6, 0xe231, 0xc0a4, 0x53fe, 0xcd6e, 0x36d3, 0x2169 };
        private static readonly long[] Y = new long[] { 0x6658, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666, 0x6666 };
        private static readonly long[] I = new long[] { 0xa0b0, 0x4a0e, 0x1b27, 0xc4ee, 0xe478, 0xad2f, 0x1806, 0x2f43, 0xd7a7, 0x3dfb, 0x0099, 0x2b4d, 0xdf0b, 0x4fc1, 0x2480, 0x2b83 };
        private static readonly long[] L = new long[] { 0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10 };

        /// <summary>The public key of the private key <paramref name="seed"/> (32 bytes).</summary>
        public static byte[] PublicKey(byte[] seed)
        {
            byte[] d = Sha512.Hash(seed, 0, SeedSize);
            Clamp(d);
            long[][] p = Point();
            ScalarBase(p, d, 0);
            byte[] pk = new byte[PublicKeySize];
            Pack(pk, p);
            return pk;
        }

        /// <summary>Signs <paramref name="count"/> bytes of <paramref name="message"/> at <paramref name="offset"/> with <paramref name="seed"/>.</summary>
        public static byte[] Sign(byte[] seed, byte[] message, int offset, int count)
        {
            byte[] d = Sha512.Hash(seed, 0, SeedSize);
            Clamp(d);
            byte[] pk = PublicKey(seed);

            Sha512 sha = new Sha512();
            sha.Update(d, 32, 32);
            sha.Update(message, offset, count);
            byte[] r = new byte[64];
            sha.Final(r, 0);
            Reduce(r);

            byte[] signature = new byte[SignatureSize];
            long[][] p = Point();
            ScalarBase(p, r, 0);
            Pack(signature, p);

            sha.Update(signature, 0, 32);
            sha.Update(pk, 0, 32);
            sha.Update(message, offset, count);
            byte[] h = new byte[64];
            sha.Final(h, 0);
            Reduce(h);

            long[] x = new long[64];
            for (int i = 0; i < 32; i++)
            {
                x[i] = r[i];
            }

            for (int i = 0; i < 32; i++)
            {
                for (int j = 0; j < 32; j++)
                {
                    x[i + j] += h[i] * (long)d[j];
                }
            }

            byte[] s = new byte[32];
            ModL(s, x);
            System.Array.Copy(s, 0, signature, 32, 32);
            return signature;
        }

        /// <summary>Whether <paramref name="signature"/> is <paramref name="publicKey"/>'s signature of the <paramref name="count"/> bytes at <paramref name="offset"/>.</summary>
        public static bool Verify(byte[] publicKey, byte[] signature, byte[] message, int offset, int count)
        {
            if (publicKey == null || publicKey.Length != PublicKeySize || signature == null || signature.Length != SignatureSize || message == null)
            {
                return false;
            }

            // S must be below the group order (RFC 8032 §5.1.7): no malleable second form.
            if (!BelowOrder(signature, 32))
            {
                return false;
            }

            long[][] q = Point();
            if (!UnpackNegative(q, publicKey))
            {
                return false;
            }

            // A key of small order makes [h]A one of at most eight points whatever the message, so a
            // signature for it can be made without a private key; no real key is one (see IsWeakPublicKey).
            if (SmallOrder(q))
            {
                return false;
            }

            Sha512 sha = new Sha512();
            sha.Update(signature, 0, 32);
            sha.Update(publicKey, 0, 32);
            sha.Update(message, offset, count);
            byte[] h = new byte[64];
            sha.Final(h, 0);
            Reduce(h);

            long[][] p = Point();
            ScalarMult(p, q, h, 0);
            ScalarBase(q, signature, 32);
            Add(p, q);
            byte[] t = new byte[32];
            Pack(t, p);

            int diff = 0;
            for (int i = 0; i < 32; i++)
            {
                diff |= t[i] ^ signature[i];
            }

            return diff == 0;
        }

        /// <summary>
        /// Whether <paramref name="publicKey"/> is unusable as a public key: not 32 bytes, not the canonical
        /// encoding of a curve point (RFC 8032 §5.1.3), or a point of small order (its order divides 8, so
        /// [8]A is the identity). <see cref="Verify"/> refuses such keys; a provisioning step can refuse them
        /// earlier. <see cref="PublicKey"/> never returns one.
        /// </summary>
        public static bool IsWeakPublicKey(byte[] publicKey)
        {
            if (publicKey == null || publicKey.Length != PublicKeySize)
            {
                return true;
            }

            long[][] q = Point();
            return !UnpackNegative(q, publicKey) || SmallOrder(q);
        }

        private static bool SmallOrder(long[][] p)
        {
            // [8]P by three doublings (the addition law is complete, so it holds for torsion points too);
            // the identity is X = 0, Y = Z in extended coordinates.
            long[][] t = Point();
            for (int i = 0; i < 4; i++)
            {
                Set(t[i], p[i]);
            }

            Add(t, t);
            Add(t, t);
            Add(t, t);
            return !NotEqual(t[0], Gf0) && !NotEqual(t[1], t[2]);
        }

        private static void Clamp(byte[] d)
        {
            d[0] &= 248;
            d[31] &= 127;
            d[31] |= 64;
        }

        private static bool BelowOrder(byte[] s, int offset)
        {
            for (int i = 31; i >= 0; i--)
            {
                if (s[offset + i] < L[i])
                {
                    return true;
                }

                if (s[offset + i] > L[i])
                {
                    return false;
                }
            }

            return false;
        }

        private static long[][] Point()
        {
            return new long[][] { new long[16], new long[16], new long[16], new long[16] };
        }

        private static void Set(long[] r, long[] a)
        {
            for (int i = 0; i < 16; i++)
            {
                r[i] = a[i];
            }
        }

        private static void Carry(long[] o)
        {
            for (int i = 0; i < 16; i++)
            {
                o[i] += 1L << 16;
                long c = o[i] >> 16;
                if (i < 15)
                {
                    o[i + 1] += c - 1;
                }
                else
                {
                    o[0] += 38 * (c - 1);
                }

                o[i] -= c << 16;
            }
        }

        private static void Select(long[] p, long[] q, int b)
        {
            long c = ~(b - 1);
            for (int i = 0; i < 16; i++)
            {
                long t = c & (p[i] ^ q[i]);
                p[i] ^= t;
                q[i] ^= t;
            }
        }

        private static void Pack25519(byte[] o, int offset, long[] n)
        {
            long[] m = new long[16];
            long[] t = new long[16];
            Set(t, n);
            Carry(t);
            Carry(t);
            Carry(t);
            for (int j = 0; j < 2; j++)
            {
                m[0] = t[0] - 0xffed;
                for (int i = 1; i < 15; i++)
                {
                    m[i] = t[i] - 0xffff - ((m[i - 1] >> 16) & 1);
                    m[i - 1] &= 0xffff;
                }

                m[15] = t[15] - 0x7fff - ((m[14] >> 16) & 1);
                int b = (int)((m[15] >> 16) & 1);
                m[14] &= 0xffff;
                Select(t, m, 1 - b);
            }

            for (int i = 0; i < 16; i++)
            {
                o[offset + (2 * i)] = (byte)(t[i] & 0xff);
                o[offset + (2 * i) + 1] = (byte)(t[i] >> 8);
            }
        }

        private static bool NotEqual(long[] a, long[] b)
        {
            byte[] c = new byte[32];
            byte[] d = new byte[32];
            Pack25519(c, 0, a);
            Pack25519(d, 0, b);
            for (int i = 0; i < 32; i++)
            {
                if (c[i] != d[i])
                {
                    return true;
                }
            }

            return false;
        }

        private static int Parity(long[] a)
        {
            byte[] d = new byte[32];
            Pack25519(d, 0, a);
            return d[0] & 1;
        }

        private static void Unpack25519(long[] o, byte[] n)
        {
            for (int i = 0; i < 16; i++)
            {
                o[i] = n[2 * i] + ((long)n[(2 * i) + 1] << 8);
            }

            o[15] &= 0x7fff;
        }

        private static void Add25519(long[] o, long[] a, long[] b)
        {
            for (int i = 0; i < 16; i++)
            {
                o[i] = a[i] + b[i];
            }
        }

        private static void Sub25519(long[] o, long[] a, long[] b)
        {
            for (int i = 0; i < 16; i++)
            {
                o[i] = a[i] - b[i];
            }
        }

        private static void Mul25519(long[] o, long[] a, long[] b)
        {
            long[] t = new long[31];
            for (int i = 0; i < 16; i++)
            {
                for (int j = 0; j < 16; j++)
                {
                    t[i + j] += a[i] * b[j];
                }
            }

            for (int i = 0; i < 15; i++)
            {
                t[i] += 38 * t[i + 16];
            }

            for (int i = 0; i < 16; i++)
            {
                o[i] = t[i];
            }

            Carry(o);
            Carry(o);
        }

        private static void Inverse(long[] o, long[] i)
        {
            long[] c = new long[16];
            Set(c, i);
            for (int a = 253; a >= 0; a--)
            {
                Mul25519(c, c, c);
                if (a != 2 && a != 4)
                {
                    Mul25519(c, c, i);
                }
            }

            Set(o, c);
        }

        private static void Pow2523(long[] o, long[] i)
        {
            long[] c = new long[16];
            Set(c, i);
            for (int a = 250; a >= 0; a--)
            {
                Mul25519(c, c, c);
                if (a != 1)
                {
                    Mul25519(c, c, i);
                }
            }

            Set(o, c);
        }

        private static void Add(long[][] p, long[][] q)
        {
            long[] a = new long[16], b = new long[16], c = new long[16], d = new long[16], t = new long[16];
            long[] e = new long[16], f = new long[16], g = new long[16], h = new long[16];
            Sub25519(a, p[1], p[0]);
            Sub25519(t, q[1], q[0]);
            Mul25519(a, a, t);
            Add25519(b, p[0], p[1]);
            Add25519(t, q[0], q[1]);
            Mul25519(b, b, t);
            Mul25519(c, p[3], q[3]);
            Mul25519(c, c, D2);
            Mul25519(d, p[2], q[2]);
            Add25519(d, d, d);
            Sub25519(e, b, a);
            Sub25519(f, d, c);
            Add25519(g, d, c);
            Add25519(h, b, a);
            Mul25519(p[0], e, f);
            Mul25519(p[1], h, g);
            Mul25519(p[2], g, f);
            Mul25519(p[3], e, h);
        }

        private static void Swap(long[][] p, long[][] q, int b)
        {
            for (int i = 0; i < 4; i++)
            {
                Select(p[i], q[i], b);
            }
        }

        private static void Pack(byte[] r, long[][] p)
        {
            long[] tx = new long[16], ty = new long[16], zi = new long[16];
            Inverse(zi, p[2]);
            Mul25519(tx, p[0], zi);
            Mul25519(ty, p[1], zi);
            Pack25519(r, 0, ty);
            r[31] ^= (byte)(Parity(tx) << 7);
        }

        private static void ScalarMult(long[][] p, long[][] q, byte[] s, int offset)
        {
            Set(p[0], Gf0);
            Set(p[1], Gf1);
            Set(p[2], Gf1);
            Set(p[3], Gf0);
            for (int i = 255; i >= 0; --i)
            {
                int b = (s[offset + (i / 8)] >> (i & 7)) & 1;
                Swap(p, q, b);
                Add(q, p);
                Add(p, p);
                Swap(p, q, b);
            }
        }

        private static void ScalarBase(long[][] p, byte[] s, int offset)
        {
            long[][] q = Point();
            Set(q[0], X);
            Set(q[1], Y);
            Set(q[2], Gf1);
            Mul25519(q[3], X, Y);
            ScalarMult(p, q, s, offset);
        }

        private static void ModL(byte[] r, long[] x)
        {
            long carry;
            int j;
            for (int i = 63; i >= 32; --i)
            {
                carry = 0;
                for (j = i - 32; j < i - 12; ++j)
                {
                    x[j] += carry - (16 * x[i] * L[j - (i - 32)]);
                    carry = (x[j] + 128) >> 8;
                    x[j] -= carry << 8;
                }

                x[j] += carry;
                x[i] = 0;
            }

            carry = 0;
            for (j = 0; j < 32; j++)
            {
                x[j] += carry - ((x[31] >> 4) * L[j]);
                carry = x[j] >> 8;
                x[j] &= 255;
            }

            for (j = 0; j < 32; j++)
            {
                x[j] -= carry * L[j];
            }

            for (int i = 0; i < 32; i++)
            {
                x[i + 1] += x[i] >> 8;
                r[i] = (byte)(x[i] & 255);
            }
        }

        private static void Reduce(byte[] r)
        {
            long[] x = new long[64];
            for (int i = 0; i < 64; i++)
            {
                x[i] = r[i];
            }

            for (int i = 0; i < 64; i++)
            {
                r[i] = 0;
            }

            ModL(r, x);
        }

        private static bool CanonicalY(byte[] p)
        {
            // y must be below 2^255 - 19 (RFC 8032 §5.1.3): otherwise one point has two encodings.
            if ((p[31] & 0x7f) != 0x7f || p[0] < 0xed)
            {
                return true;
            }

            for (int i = 1; i < 31; i++)
            {
                if (p[i] != 0xff)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool UnpackNegative(long[][] r, byte[] p)
        {
            if (!CanonicalY(p))
            {
                return false;
            }

            long[] t = new long[16], chk = new long[16], num = new long[16], den = new long[16];
            long[] den2 = new long[16], den4 = new long[16], den6 = new long[16];
            Set(r[2], Gf1);
            Unpack25519(r[1], p);
            Mul25519(num, r[1], r[1]);
            Mul25519(den, num, D);
            Sub25519(num, num, r[2]);
            Add25519(den, r[2], den);
            Mul25519(den2, den, den);
            Mul25519(den4, den2, den2);
            Mul25519(den6, den4, den2);
            Mul25519(t, den6, num);
            Mul25519(t, t, den);
            Pow2523(t, t);
            Mul25519(t, t, num);
            Mul25519(t, t, den);
            Mul25519(t, t, den);
            Mul25519(r[0], t, den);
            Mul25519(chk, r[0], r[0]);
            Mul25519(chk, chk, den);
            if (NotEqual(chk, num))
            {
                Mul25519(r[0], r[0], I);
            }

            Mul25519(chk, r[0], r[0]);
            Mul25519(chk, chk, den);
            if (NotEqual(chk, num))
            {
                return false;
            }

            // x = 0 with the sign bit set is a second encoding of (0, y) (RFC 8032 §5.1.3, step 4).
            if ((p[31] >> 7) == 1 && !NotEqual(r[0], Gf0))
            {
                return false;
            }

            if (Parity(r[0]) == (p[31] >> 7))
            {
                Sub25519(r[0], Gf0, r[0]);
            }

            Mul25519(r[3], r[0], r[1]);
            return true;
        }
    }
}
