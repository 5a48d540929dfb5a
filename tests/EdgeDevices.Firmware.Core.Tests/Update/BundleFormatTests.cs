using System.Security.Cryptography;
using EdgeDevices.Firmware.Security;
using EdgeDevices.Firmware.Storage;
using EdgeDevices.Firmware.Update;
using FsCheck.Xunit;

namespace EdgeDevices.Firmware.Core.Tests.Update;

/// <summary>The bundle's layout, the manifest's one-line form, the chunk frames and version text.</summary>
public sealed class BundleFormatTests
{
    [Fact]
    public void A_bundle_reads_back_its_entry_type_and_assemblies_and_anything_else_reads_as_none()
    {
        var image = new BundleImage { EntryType = "EdgeDevices.Apps.Meter.Program", Assemblies = [RandomNumberGenerator.GetBytes(3000), RandomNumberGenerator.GetBytes(17)] };
        var bytes = image.ToBytes();
        var read = BundleImageReader.Read(new MemoryFlash(bytes), bytes.Length)!;
        Assert.Equal(image.EntryType, read.EntryType);
        Assert.Equal(image.Assemblies, read.Assemblies);

        Assert.Null(BundleImageReader.Read(new MemoryFlash(bytes), bytes.Length - 1));
        var wrongMagic = (byte[])bytes.Clone();
        wrongMagic[0] = (byte)'X';
        Assert.Null(BundleImageReader.Read(new MemoryFlash(wrongMagic), bytes.Length));
        var longer = bytes.Concat(new byte[] { 0 }).ToArray();
        Assert.Null(BundleImageReader.Read(new MemoryFlash(longer), longer.Length));
    }

    [Property(MaxTest = 300)]
    public void Random_bytes_never_throw_when_read_as_a_bundle(byte[] bytes)
    {
        _ = BundleImageReader.Read(new MemoryFlash(bytes), bytes.Length);
    }

    [Fact]
    public void The_manifest_line_carries_exactly_what_is_signed()
    {
        var seed = SHA256.HashData("key"u8);
        var manifest = new BundleManifest { App = "streetlight", Major = 1, Minor = 2, Patch = 300, Size = 123456, Sha256 = SHA256.HashData("x"u8) };
        manifest.SignWith(seed);
        var back = BundleManifest.FromLine(manifest.ToLine())!;
        Assert.Equal(manifest.ToLine(), back.ToLine());
        Assert.Equal(UpdateVerdict.Accepted, UpdateCheck.Manifest(back, Ed25519.PublicKey(seed), "streetlight", 1, 2, 0, 200_000));

        Assert.Null(BundleManifest.FromLine(null!));
        Assert.Null(BundleManifest.FromLine("streetlight 1.2 123 aa bb"));
        Assert.Null(BundleManifest.FromLine(manifest.ToLine() + " extra"));
        Assert.Null(BundleManifest.FromLine(manifest.ToLine().Replace(" 123456 ", " -5 ", StringComparison.Ordinal)));
        Assert.Null(BundleManifest.FromLine(manifest.ToLine()[..^2]));
    }

    [Fact]
    public void Chunk_frames_round_trip_and_a_frame_that_is_not_one_is_refused()
    {
        var request = ChunkFrames.Request(1, 2, 300, 40960, 2048);
        Assert.True(ChunkFrames.TryReadRequest(request, out var major, out var minor, out var patch, out var offset, out var length));
        Assert.Equal((1, 2, 300, 40960, 2048), (major, minor, patch, offset, length));
        Assert.False(ChunkFrames.TryReadRequest(ChunkFrames.Request(1, 2, 3, 0, ChunkFrames.MaxChunk + 1), out _, out _, out _, out _, out _));
        Assert.False(ChunkFrames.TryReadRequest(request[..^1], out _, out _, out _, out _, out _));

        var data = RandomNumberGenerator.GetBytes(5000);
        var reply = ChunkFrames.Reply(ChunkFrames.Served, 1, 2, 300, 4096, data, 4096, 904);
        Assert.True(ChunkFrames.TryReadReply(reply, out var status, out major, out minor, out patch, out offset));
        Assert.Equal((ChunkFrames.Served, 1, 2, 300, 4096), (status, major, minor, patch, offset));
        Assert.Equal(data[4096..], reply[ChunkFrames.ReplyHeaderSize..]);
        Assert.False(ChunkFrames.TryReadReply([7, 0, 0, 0, 0, 0, 0, 0, 0], out _, out _, out _, out _, out _));
    }

    [Theory]
    [InlineData("0.5.0", true)]
    [InlineData("10.20.30", true)]
    [InlineData("1.2", false)]
    [InlineData("1.2.3.4", false)]
    [InlineData("1..3", false)]
    [InlineData("-1.2.3", false)]
    [InlineData("1.2.3 ", false)]
    [InlineData("9999999.0.0", false)]
    public void Version_text_is_three_numbers(string text, bool valid)
    {
        Assert.Equal(valid, VersionText.TryParse(text, out _, out _, out _));
    }

    private sealed class MemoryFlash(byte[] bytes) : IFlashStorage
    {
        public int Length => bytes.Length;

        public void Read(int position, byte[] buffer, int offset, int count) => Array.Copy(bytes, position, buffer, offset, count);

        public void Write(int position, byte[] buffer, int offset, int count) => Array.Copy(buffer, offset, bytes, position, count);

        public void Flush()
        {
        }
    }
}
