using System.Text;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Firmware.Security;

namespace EdgeDevices.Firmware.Core.Tests.Security;

/// <summary>Command MACs and the device's guard against forged, replayed and stale commands.</summary>
public sealed class CommandAuthenticationTests
{
    private const string Device = "sl-0042";
    private const uint Now = 1795515300;
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void The_mac_survives_both_wire_forms_and_covers_every_field()
    {
        var command = Signed(new DeviceCommand { CommandId = 7, Kind = CommandKind.SetOverride, Level = 40, DurationMinutes = 30, Counter = 100, ExpiresAt = Now + 600, Timestamp = Now });
        var mac = new CommandMac(Key);
        Assert.True(mac.Verify(Device, (DeviceCommand)JsonCodec.Decode(JsonCodec.Encode(command))));
        Assert.True(mac.Verify(Device, (DeviceCommand)CompactCodec.Decode(CompactCodec.Encode(command))));

        foreach (var tampered in new Action<DeviceCommand>[]
        {
            c => c.CommandId++, c => c.Kind = CommandKind.ClearOverride, c => c.Level = 100, c => c.DurationMinutes = 0,
            c => c.Counter++, c => c.ExpiresAt += 60, c => c.Document = "{}",
        })
        {
            var copy = (DeviceCommand)JsonCodec.Decode(JsonCodec.Encode(command));
            tampered(copy);
            Assert.False(mac.Verify(Device, copy));
        }

        Assert.False(mac.Verify("sl-0043", command), "a command for one lamp does not work on another");
        Assert.False(new CommandMac(Enumerable.Repeat((byte)9, 32).ToArray()).Verify(Device, command), "nor under another key");
    }

    [Fact]
    public void The_mac_is_hmac_sha256_over_the_bytes_docs_wire_format_lists()
    {
        // Built here byte by byte from docs/wire-format.md ("Command authentication") and MACed by .NET's own
        // HMACSHA256, not by the device's code: "EDC1", device id, 0x00, command id u16, kind u8, level u8,
        // duration u16, counter u32, expiry u32 (Unix seconds), document length u32, document; big-endian.
        foreach (var document in new string?[] { null, "{\"programs\":[]}" })
        {
            var command = new DeviceCommand { CommandId = 0x1234, Kind = document == null ? CommandKind.SetOverride : CommandKind.SetSchedule, Level = 30, DurationMinutes = 90, Counter = 0x01020304, ExpiresAt = Now, Document = document };
            var body = Encoding.UTF8.GetBytes(document ?? string.Empty);
            var canonical = new List<byte>();
            canonical.AddRange("EDC1"u8.ToArray());
            canonical.AddRange(Encoding.ASCII.GetBytes(Device));
            canonical.Add(0);
            canonical.AddRange([0x12, 0x34, (byte)command.Kind, 30, 0x00, 90, 0x01, 0x02, 0x03, 0x04]);
            canonical.AddRange(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(Now)));
            canonical.AddRange(BitConverter.GetBytes(System.Buffers.Binary.BinaryPrimitives.ReverseEndianness((uint)body.Length)));
            canonical.AddRange(body);
            var expected = System.Security.Cryptography.HMACSHA256.HashData(Key, canonical.ToArray())[..CommandMac.Size];

            var mac = new byte[CommandMac.Size];
            new CommandMac(Key).Compute(Device, command, mac, 0);
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(mac));
        }
    }

    [Fact]
    public void A_schedule_document_is_signed_and_travels_in_json_only()
    {
        var command = Signed(new DeviceCommand { CommandId = 8, Kind = CommandKind.SetSchedule, Counter = 5, Document = "{ \"version\": 3, \"defaultLevel\": 80 }", Timestamp = Now });
        var decoded = (DeviceCommand)JsonCodec.Decode(JsonCodec.Encode(command));
        Assert.Equal(command.Document, decoded.Document);
        Assert.True(new CommandMac(Key).Verify(Device, decoded));
        Assert.Throws<EdgeDevices.Firmware.Codec.CodecException>(() => CompactCodec.Encode(command));
    }

    [Fact]
    public void The_guard_applies_new_commands_once_and_refuses_forged_replayed_and_expired_ones()
    {
        var guard = new CommandGuard(Device, Key, 0, 0, AckResult.Ok);
        var first = Signed(new DeviceCommand { CommandId = 1, Kind = CommandKind.SetOverride, Level = 50, Counter = 10, ExpiresAt = Now + 60 });
        Assert.Equal(CommandVerdict.Apply, guard.Check(first, Now));
        guard.Accepted(first, AckResult.Ok);

        Assert.Equal(CommandVerdict.Repeat, guard.Check(first, Now));

        var older = Signed(new DeviceCommand { CommandId = 2, Kind = CommandKind.ClearOverride, Counter = 9 });
        Assert.Equal(CommandVerdict.Forged, guard.Check(older, Now));

        var forged = new DeviceCommand { CommandId = 3, Kind = CommandKind.Reboot, Counter = 11, Mac = new byte[8] };
        Assert.Equal(CommandVerdict.Forged, guard.Check(forged, Now));
        var unsigned = new DeviceCommand { CommandId = 3, Kind = CommandKind.Reboot, Counter = 11 };
        Assert.Equal(CommandVerdict.Forged, guard.Check(unsigned, Now));

        var late = Signed(new DeviceCommand { CommandId = 4, Kind = CommandKind.SetOverride, Level = 10, Counter = 12, ExpiresAt = Now - 60 });
        Assert.Equal(CommandVerdict.Expired, guard.Check(late, Now));
        Assert.Equal(CommandVerdict.Apply, guard.Check(late, 0));

        // After a reboot the guard resumes from the stored state: the old command is still a repeat, older ones forged.
        var resumed = new CommandGuard(Device, Key, guard.LastCounter, guard.LastCommandId, guard.LastResult);
        Assert.Equal(CommandVerdict.Repeat, resumed.Check(first, Now));
        Assert.Equal(CommandVerdict.Forged, resumed.Check(older, Now));

        var keyless = new CommandGuard(Device, null, 0, 0, AckResult.Ok);
        Assert.False(keyless.HasKey);
        Assert.Equal(CommandVerdict.Forged, keyless.Check(first, Now));
    }

    [Fact]
    public void Hex_text_round_trips_and_refuses_what_is_not_hex()
    {
        Assert.Equal("00ff10ab", HexText.Of([0x00, 0xff, 0x10, 0xab]));
        Assert.Equal(new byte[] { 0x00, 0xff, 0x10, 0xab }, HexText.Parse("00FF10ab", 4));
        Assert.Null(HexText.Parse("00ff10a", 4));
        Assert.Null(HexText.Parse("00ff10ag", 4));
    }

    private static DeviceCommand Signed(DeviceCommand command)
    {
        command.Mac = new byte[CommandMac.Size];
        new CommandMac(Key).Compute(Device, command, command.Mac, 0);
        return command;
    }
}
