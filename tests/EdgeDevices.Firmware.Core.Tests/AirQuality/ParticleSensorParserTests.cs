using EdgeDevices.Firmware.AirQuality.Pms5003;
using EdgeDevices.Firmware.AirQuality.Sds011;

namespace EdgeDevices.Firmware.Core.Tests.AirQuality;

public sealed class ParticleSensorParserTests
{
    // A PMS5003 frame written out byte by byte, its checksum (0x0333) summed by hand.
    private static readonly byte[] PmsFrame = Convert.FromHexString("424D001C000C00110013000C001100130888028000730 00A00020000970003 33".Replace(" ", "", StringComparison.Ordinal));

    // The example in Nova Fitness' SDS011 protocol sheet: PM2.5 123.6, PM10 261.8 µg/m³.
    private static readonly byte[] SdsFrame = Convert.FromHexString("AAC0D4043A0AA1601DAB");

    [Fact]
    public void Pms5003_Frame_Is_Read_Word_By_Word()
    {
        var parser = new Pms5003Parser();

        var frames = Feed(parser, PmsFrame);

        Assert.Equal(1, frames);
        var f = parser.Frame;
        Assert.Equal((12, 17, 19), ((int)f.Pm1, (int)f.Pm25, (int)f.Pm10));
        Assert.Equal((12, 17, 19), ((int)f.Pm1Factory, (int)f.Pm25Factory, (int)f.Pm10Factory));
        Assert.Equal((2184, 640, 115, 10, 2, 0), ((int)f.Count03, (int)f.Count05, (int)f.Count10, (int)f.Count25, (int)f.Count50, (int)f.Count100));
        Assert.Equal(0x9700, f.Reserved);
    }

    [Fact]
    public void Pms5003_Writer_Produces_The_Same_Bytes()
    {
        var parser = new Pms5003Parser();
        Feed(parser, PmsFrame);
        var written = new byte[Pms5003Frame.Size];

        parser.Frame.WriteTo(written, 0);

        Assert.Equal(PmsFrame, written);
    }

    [Fact]
    public void Pms5003_Resynchronises_After_Noise_And_Broken_Frames()
    {
        var broken = (byte[])PmsFrame.Clone();
        broken[10] ^= 0x04; // checksum no longer matches
        var wrongLength = (byte[])PmsFrame.Clone();
        wrongLength[3] = 0x14;
        var truncated = PmsFrame[..17];
        byte[] stream =
        [
            0x00, 0x42, 0x13, 0x4D, 0xFF, // noise, including a false start
            .. PmsFrame,
            .. broken,
            .. truncated,
            .. PmsFrame,
            .. wrongLength,
            0x42, 0x42, 0x4D, 0x00, // a start inside noise
            .. PmsFrame,
        ];
        var parser = new Pms5003Parser();

        var frames = Feed(parser, stream);

        Assert.Equal(3, frames);
        Assert.Equal(3, parser.FramesParsed);
        Assert.True(parser.FramesRejected >= 3, $"rejected {parser.FramesRejected}");
        Assert.Equal(17, parser.Frame.Pm25);
    }

    [Fact]
    public void Pms5003_Survives_Random_Bytes_And_Finds_Frames_Between_Them()
    {
        var random = new Random(5003);
        var stream = new List<byte>();
        var expected = 0;
        for (var i = 0; i < 500; i++)
        {
            var noise = new byte[random.Next(0, 40)];
            random.NextBytes(noise);
            stream.AddRange(noise);
            var frame = new Pms5003Frame { Pm1 = (ushort)i, Pm25 = (ushort)(i + 1), Pm10 = (ushort)(i + 2), Reserved = 0x9700 };
            var bytes = new byte[Pms5003Frame.Size];
            frame.WriteTo(bytes, 0);
            stream.AddRange(bytes);
            expected++;
        }

        var parser = new Pms5003Parser();
        var found = 0;
        foreach (var b in stream)
        {
            if (parser.Push(b))
            {
                found++;
                Assert.Equal(parser.Frame.Pm1 + 1, parser.Frame.Pm25);
            }
        }

        // Random noise can hide a frame start only by forming a valid-looking frame itself, which its
        // checksum then rejects; every real frame after noise is found.
        Assert.True(found >= expected - 2, $"found {found} of {expected}");
    }

    [Fact]
    public void Sds011_Reads_The_Protocol_Sheet_Example()
    {
        var parser = new Sds011Parser();

        Assert.Equal(1, Feed(parser, SdsFrame));
        Assert.Equal(1236, parser.Frame.Pm25Tenths);
        Assert.Equal(2618, parser.Frame.Pm10Tenths);
        Assert.Equal(0x60A1, parser.Frame.DeviceId);

        var written = new byte[Sds011Frame.Size];
        parser.Frame.WriteTo(written, 0);
        Assert.Equal(SdsFrame, written);
    }

    [Fact]
    public void Sds011_Skips_Noise_Command_Replies_And_Bad_Frames()
    {
        var badChecksum = (byte[])SdsFrame.Clone();
        badChecksum[8] ^= 1;
        var badTail = (byte[])SdsFrame.Clone();
        badTail[9] = 0xAC;
        byte[] reply = [0xAA, 0xC5, 0x06, 0x01, 0x01, 0x00, 0xA1, 0x60, 0x09, 0xAB]; // answer to a sleep command
        byte[] stream = [0x01, 0xAA, .. reply, .. SdsFrame, .. badChecksum, .. badTail, 0xAA, 0xAA, .. SdsFrame];
        var parser = new Sds011Parser();

        Assert.Equal(2, Feed(parser, stream));
        Assert.Equal(2, parser.FramesRejected);
    }

    private static int Feed(Pms5003Parser parser, byte[] bytes) => bytes.Count(parser.Push);

    private static int Feed(Sds011Parser parser, byte[] bytes) => bytes.Count(parser.Push);
}
