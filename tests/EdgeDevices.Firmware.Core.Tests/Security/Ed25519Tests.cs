using System.Security.Cryptography;
using System.Text;
using EdgeDevices.Firmware.Security;
using FsCheck.Xunit;

namespace EdgeDevices.Firmware.Core.Tests.Security;

/// <summary>The hand-written SHA-512 and Ed25519 against FIPS 180-4 / .NET and RFC 8032's test vectors.</summary>
public sealed class Ed25519Tests
{
    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu")]
    public void Sha512_matches_fips_180_4(string text)
    {
        var data = Encoding.ASCII.GetBytes(text);
        Assert.Equal(SHA512.HashData(data), Sha512.Hash(data, 0, data.Length));
    }

    [Property(MaxTest = 200)]
    public bool Sha512_matches_dotnet_for_any_input_fed_in_pieces(byte[] data, int split)
    {
        data ??= [];
        var cut = data.Length == 0 ? 0 : Math.Abs(split % (data.Length + 1));
        var sha = new Sha512();
        sha.Update(data, 0, cut);
        sha.Update(data, cut, data.Length - cut);
        var digest = new byte[64];
        sha.Final(digest, 0);
        return digest.AsSpan().SequenceEqual(SHA512.HashData(data));
    }

    // RFC 8032 §7.1, TEST 1, TEST 2 and TEST 3.
    [Theory]
    [InlineData("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b")]
    [InlineData("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb", "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00")]
    [InlineData("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7", "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a")]
    public void Ed25519_matches_rfc_8032(string seed, string publicKey, string message, string signature)
    {
        var s = Convert.FromHexString(seed);
        var m = Convert.FromHexString(message);
        Assert.Equal(publicKey, Convert.ToHexStringLower(Ed25519.PublicKey(s)));
        Assert.Equal(signature, Convert.ToHexStringLower(Ed25519.Sign(s, m, 0, m.Length)));
        Assert.True(Ed25519.Verify(Convert.FromHexString(publicKey), Convert.FromHexString(signature), m, 0, m.Length));
    }

    [Fact]
    public void A_changed_message_signature_or_key_fails_verification()
    {
        var seed = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
        var key = Ed25519.PublicKey(seed);
        var message = Encoding.UTF8.GetBytes("bundle streetlight 0.5.0 sha256=…");
        var signature = Ed25519.Sign(seed, message, 0, message.Length);
        Assert.True(Ed25519.Verify(key, signature, message, 0, message.Length));

        var other = (byte[])message.Clone();
        other[^1] ^= 1;
        Assert.False(Ed25519.Verify(key, signature, other, 0, other.Length));
        for (var i = 0; i < 64; i += 7)
        {
            var bad = (byte[])signature.Clone();
            bad[i] ^= 0x10;
            Assert.False(Ed25519.Verify(key, bad, message, 0, message.Length));
        }

        var wrongKey = Ed25519.PublicKey(Enumerable.Range(2, 32).Select(i => (byte)i).ToArray());
        Assert.False(Ed25519.Verify(wrongKey, signature, message, 0, message.Length));
        Assert.False(Ed25519.Verify(key, signature[..63], message, 0, message.Length));
        Assert.False(Ed25519.Verify(new byte[32].Select(_ => (byte)0xff).ToArray(), signature, message, 0, message.Length));
    }

    [Property(MaxTest = 100)]
    public bool Any_bytes_as_key_and_signature_are_refused_without_a_crash(byte[] key, byte[] signature, byte[] message)
    {
        Ed25519.Verify(key ?? [], signature ?? [], message ?? [], 0, message?.Length ?? 0);
        return true;
    }
}
