using System.Text;
using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Firmware.Core.Tests.Storage;

/// <summary>The flash records' CRC-32 against its catalogue definition, not against itself.</summary>
public sealed class Crc32Tests
{
    [Fact]
    public void Gives_the_catalogued_check_value_and_matches_the_platforms_crc32()
    {
        // CRC-32/ISO-HDLC (the zlib/Ethernet CRC): check value of "123456789" is 0xCBF43926
        // (reveng.sourceforge.io/crc-catalogue/17plus.htm#crc.cat.crc-32-iso-hdlc).
        var check = Encoding.ASCII.GetBytes("123456789");
        Assert.Equal(0xCBF43926u, Crc32.Compute(check, 0, check.Length));

        // And the same as .NET's System.IO.Hashing implementation over arbitrary data and offsets.
        var random = new Random(7);
        for (var length = 0; length < 300; length += 7)
        {
            var data = new byte[length + 5];
            random.NextBytes(data);
            Assert.Equal(System.IO.Hashing.Crc32.HashToUInt32(data.AsSpan(3, length)), Crc32.Compute(data, 3, length));
        }
    }
}
