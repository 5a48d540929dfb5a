using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using EdgeDevices.Firmware.Security;

namespace EdgeDevices.Firmware.Core.Tests.Security;

/// <summary>
/// Degenerate Ed25519 public keys: every encoding of a point of small order, checked against libsodium's
/// list of them, is weak and Verify refuses it, even for the signatures a small-order key lets anyone
/// make; keys made from real seeds are not weak.
/// </summary>
public sealed class Ed25519WeakKeyTests
{
    // libsodium's blocklist of small-order encodings, quoted from ge25519_has_small_order() in
    // github.com/jedisct1/libsodium src/libsodium/crypto_core/ed25519/ref10/ed25519_ref10.c
    // @ 87ba2c4d36690530261908a5ecfbb59f33b6eede (the parent of 0f767c7d, which replaced the list by a
    // point check). ISC licence, Copyright (c) 2013-2026 Frank Denis. libsodium compares the last byte
    // with its top (sign) bit masked, so each entry stands for two encodings; both are tested.
    private static readonly string[] LibsodiumSmallOrderBlocklist =
    [
        "0000000000000000000000000000000000000000000000000000000000000000", // 0 (order 4)
        "0100000000000000000000000000000000000000000000000000000000000000", // 1 (order 1)
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p-1 (order 2)
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p (=0, order 4)
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p+1 (=1, order 1)
    ];

    private static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493");

    public static TheoryData<string> SmallOrderEncodings()
    {
        var data = new TheoryData<string>();
        foreach (var hex in LibsodiumSmallOrderBlocklist)
        {
            var bytes = Convert.FromHexString(hex);
            data.Add(Convert.ToHexStringLower(bytes));
            bytes[31] |= 0x80;
            data.Add(Convert.ToHexStringLower(bytes));
        }

        return data;
    }

    [Fact]
    public void The_all_zero_key_is_weak() => Assert.True(Ed25519.IsWeakPublicKey(new byte[32]));

    [Fact]
    public void The_identity_is_weak()
    {
        var identity = new byte[32];
        identity[0] = 1;
        Assert.True(Ed25519.IsWeakPublicKey(identity));
    }

    [Theory]
    [MemberData(nameof(SmallOrderEncodings))]
    public void Every_small_order_encoding_libsodium_blocks_is_weak_and_refused(string hex)
    {
        var key = Convert.FromHexString(hex);
        Assert.True(Ed25519.IsWeakPublicKey(key), hex);

        // R = the identity, S = 0 fits any message for which [h]A is the identity: for the identity key
        // that is every message, for the others one in at most eight. Verify must refuse it anyway.
        var forged = new byte[64];
        forged[0] = 1;
        var message = MessageWhereHashKillsTheKey(key, forged, Order(hex));
        Assert.False(Ed25519.Verify(key, forged, message, 0, message.Length), hex);
    }

    [Fact]
    public void Fifty_keys_from_random_seeds_are_not_weak_and_still_verify()
    {
        var message = Encoding.UTF8.GetBytes("bundle streetlight 0.5.0");
        for (var i = 0; i < 50; i++)
        {
            var seed = RandomNumberGenerator.GetBytes(Ed25519.SeedSize);
            var key = Ed25519.PublicKey(seed);
            Assert.False(Ed25519.IsWeakPublicKey(key), Convert.ToHexStringLower(key));
            Assert.True(Ed25519.Verify(key, Ed25519.Sign(seed, message, 0, message.Length), message, 0, message.Length));
        }
    }

    [Fact]
    public void Keys_of_the_wrong_size_are_weak()
    {
        Assert.True(Ed25519.IsWeakPublicKey(null!));
        Assert.True(Ed25519.IsWeakPublicKey(new byte[31]));
        Assert.True(Ed25519.IsWeakPublicKey(new byte[33]));
    }

    [Fact]
    public void A_y_that_is_on_no_point_is_weak()
    {
        // y = 2: (y² - 1) / (d y² + 1) is not a square mod p, so no x exists.
        var key = new byte[32];
        key[0] = 2;
        Assert.True(Ed25519.IsWeakPublicKey(key));
    }

    [Fact]
    public void A_non_canonical_encoding_of_a_good_point_is_weak()
    {
        // y and y + p (p = 2^255 - 19) name the same point; RFC 8032 §5.1.3 accepts only y < p. For
        // y ≤ 18 both fit in 255 bits: wherever y encodes a usable key, y + p must not.
        var p = BigInteger.Pow(2, 255) - 19;
        var usable = 0;
        for (var y = 2; y <= 18; y++)
        {
            var canonical = new byte[32];
            canonical[0] = (byte)y;
            if (Ed25519.IsWeakPublicKey(canonical))
            {
                continue;
            }

            usable++;
            var twin = (p + y).ToByteArray(isUnsigned: true, isBigEndian: false);
            Assert.Equal(32, twin.Length);
            Assert.True(Ed25519.IsWeakPublicKey(twin), $"y = p + {y}");
        }

        Assert.True(usable >= 5, "several small y are points of large order");
    }

    // The order of the point a blocklist entry encodes, from the entry's own comment.
    private static int Order(string hex) => hex[..2] switch
    {
        "01" or "ee" => 1,
        "ec" => 2,
        "00" or "ed" => 4,
        _ => 8,
    };

    private static byte[] MessageWhereHashKillsTheKey(byte[] key, byte[] signature, int order)
    {
        for (var i = 0; ; i++)
        {
            var message = Encoding.ASCII.GetBytes("forged " + i);
            var h = new BigInteger(SHA512.HashData([.. signature[..32], .. key, .. message]), isUnsigned: true) % L;
            if (h % order == 0)
            {
                return message;
            }
        }
    }
}
