using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.Core.Tests.Codec;
using EdgeDevices.Firmware.LoRaWan;
using FsCheck.Xunit;

namespace EdgeDevices.Firmware.Core.Tests.LoRaWan;

public sealed class FragmentTests
{
    [Theory]
    [InlineData(16, 11, 2)]
    [InlineData(29, 11, 4)]
    [InlineData(48, 51, 1)]
    [InlineData(49, 51, 2)]
    [InlineData(700, 51, 15)]
    [InlineData(16, 3, 0)]
    [InlineData(16, 0, 0)]
    [InlineData(2000, 10, 0)]
    public void The_count_of_fragments_follows_the_room(int length, int room, int expected) =>
        Assert.Equal(expected, Fragments.Count(length, room));

    [Property(MaxTest = 500)]
    public bool Fragments_in_any_order_and_repeated_give_back_the_message(byte[] message, int seed)
    {
        if (message == null || message.Length == 0 || message.Length > 2000)
        {
            return true;
        }

        var random = new Random(seed);
        var room = random.Next(4, 243);
        var count = Fragments.Count(message.Length, room);
        if (count == 0)
        {
            return true;
        }

        var frames = Enumerable.Range(0, count).Select(i =>
        {
            var frame = new byte[room];
            var length = Fragments.Write(message, message.Length, 7, i, count, frame);
            return frame[..length];
        }).ToList();
        Assert.All(frames, f => Assert.True(f.Length <= room));
        var shuffled = frames.Concat(frames.Take(random.Next(count))).OrderBy(_ => random.Next()).ToList();
        var assembler = new FragmentAssembler();
        byte[]? whole = null;
        foreach (var frame in shuffled)
        {
            whole ??= assembler.Add(frame, 0, frame.Length);
        }

        return whole != null && whole.SequenceEqual(message);
    }

    [Fact]
    public void A_new_tag_starts_over_and_bad_fragments_are_refused_with_a_reason()
    {
        var assembler = new FragmentAssembler();
        Assert.Null(assembler.Add([1, 0, 2, 0xAA], 0, 4));
        Assert.Equal(1, assembler.Tag);
        Assert.Null(assembler.Add([2, 0, 2, 0xBB], 0, 4));
        Assert.Equal(2, assembler.Tag);
        Assert.Equal(new byte[] { 0xBB, 0xCC }, assembler.Add([2, 1, 2, 0xCC], 0, 4));

        Assert.Null(assembler.Add([3, 2, 2, 0xCC], 0, 4));
        Assert.Contains("does not exist", assembler.LastError);
        Assert.Null(assembler.Add([3, 0, 0, 0xCC], 0, 4));
        Assert.NotNull(assembler.LastError);
        Assert.Null(assembler.Add([3, 0, 2], 0, 3));
        Assert.Contains("at least one byte", assembler.LastError);
        Assert.Null(assembler.Add(null!, 0, 4));
    }

    [Property(MaxTest = 2000)]
    public bool Any_bytes_as_a_fragment_are_taken_or_refused_without_a_crash(byte[] frame)
    {
        var assembler = new FragmentAssembler();
        assembler.Add(frame ?? [], 0, frame?.Length ?? 0);
        return true;
    }

    [Fact]
    public void Frames_of_back_to_back_compact_messages_are_cut_apart_by_their_types()
    {
        var messages = SampleMessages.All().Select(CompactCodec.Encode).ToList();
        var frame = messages.SelectMany(m => m).ToArray();
        var offset = 0;
        foreach (var message in messages)
        {
            Assert.Equal(message.Length, MessageFrames.LengthAt(frame, offset, frame.Length));
            offset += message.Length;
        }

        Assert.Equal(-1, MessageFrames.LengthAt(frame, frame.Length, frame.Length));
        Assert.Equal(-1, MessageFrames.LengthAt([(byte)'{', 1, 2], 0, 3));
        Assert.Equal(-1, MessageFrames.LengthAt(messages[0], 0, messages[0].Length - 1));
    }
}
