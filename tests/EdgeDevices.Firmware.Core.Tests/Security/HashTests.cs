using System.Security.Cryptography;
using System.Text;
using EdgeDevices.Firmware.Security;

namespace EdgeDevices.Firmware.Core.Tests.Security;

/// <summary>The hand-written SHA-256 and HMAC against published vectors and .NET's implementations.</summary>
public sealed class HashTests
{
    [Theory]
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Sha256_matches_the_fips_180_examples(string text, string expected)
    {
        Assert.Equal(expected, Digest(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Sha256_matches_dotnet_for_every_length_around_the_block_edges_and_fed_in_pieces()
    {
        var random = new Random(7);
        var hasher = new Sha256();
        var output = new byte[32];
        for (var length = 0; length < 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            var split = length / 3;
            hasher.Update(data, 0, split);
            hasher.Update(data, split, length - split);
            hasher.Final(output, 0);
            Assert.Equal(SHA256.HashData(data), output);
        }
    }

    // RFC 4231 test cases 1, 2, 4 and 6 (a key longer than a block).
    [Theory]
    [InlineData("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b", "4869205468657265", "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")]
    [InlineData("4a656665", "7768617420646f2079612077616e7420666f72206e6f7468696e673f", "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")]
    [InlineData("0102030405060708090a0b0c0d0e0f10111213141516171819", "cdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcdcd", "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")]
    [InlineData(
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "54657374205573696e67204c6172676572205468616e20426c6f636b2d53697a65204b6579202d2048617368204b6579204669727374",
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")]
    public void Hmac_matches_rfc_4231(string key, string data, string expected)
    {
        var hmac = new HmacSha256(Convert.FromHexString(key));
        var bytes = Convert.FromHexString(data);
        var output = new byte[32];
        hmac.Update(bytes, 0, bytes.Length);
        hmac.Final(output, 0);
        Assert.Equal(expected, Convert.ToHexStringLower(output));

        // Reusable: the same key gives the same MAC for the next message.
        hmac.Update(bytes, 0, bytes.Length);
        hmac.Final(output, 0);
        Assert.Equal(HMACSHA256.HashData(Convert.FromHexString(key), bytes), output);
    }

    private static string Digest(byte[] data)
    {
        var hasher = new Sha256();
        hasher.Update(data, 0, data.Length);
        var output = new byte[32];
        hasher.Final(output, 0);
        return Convert.ToHexStringLower(output);
    }
}
