using System.Globalization;
using EdgeDevices.Firmware.AirQuality.Sds011;
using EdgeDevices.Testing;

namespace EdgeDevices.Firmware.Core.Tests.AirQuality;

/// <summary>
/// The SDS011 commands, replies and measurement frames against the Nova Fitness control protocol's worked
/// examples, other drivers' literals and real captures (tests/reference-data/sds011), not against our own writer.
/// </summary>
public sealed class Sds011ReferenceTests
{
    private static readonly IReadOnlyList<IReadOnlyDictionary<string, string>> Commands = ReferenceCsv.Read("sds011/commands.csv");

    public static TheoryData<string> HostCommands() => [.. Commands.Where(r => r["direction"] == "host_to_sensor").Select(r => r["name"])];

    // Replies are AA C5; the answer to query-data is a measurement frame (AA C0), read below with the others.
    public static TheoryData<string> SensorReplies() => [.. Commands.Where(r => r["direction"] == "sensor_to_host" && r["hex"].StartsWith("AA C5", StringComparison.Ordinal)).Select(r => r["name"])];

    public static TheoryData<string> Measurements() => [.. ReferenceCsv.Read("sds011/measurements.csv").Select(r => r["hex"])];

    [Theory]
    [MemberData(nameof(HostCommands))]
    public void Every_published_command_is_read_and_each_one_we_send_is_written_byte_for_byte(string name)
    {
        var expected = Hex(Row(name)["hex"]);
        Assert.True(Sds011Command.TryRead(expected, 0, out var id, out var set, out var value, out var sensor), name + " not read as a command");

        // Set-device-id carries the new id in bytes 13–14, which our writer does not: the others are all data bytes 2 and 3.
        if (id != 0x05)
        {
            var written = new byte[Sds011Command.Size];
            Sds011Command.Write(written, 0, id, set, value, sensor);
            Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(written));
        }
    }

    [Fact]
    public void The_commands_the_firmware_sends_are_the_published_ones()
    {
        var frame = new byte[Sds011Command.Size];
        Sds011Command.SetSleepWork(false, Sds011Command.AnySensor, frame, 0);
        Assert.Equal(Hex(Row("set_sleep_all")["hex"]), frame);
        Sds011Command.SetSleepWork(true, Sds011Command.AnySensor, frame, 0);
        Assert.Equal(Hex(Row("set_work_all")["hex"]), frame);
        Sds011Command.SetSleepWork(false, 0x60A1, frame, 0);
        Assert.Equal(Hex(Row("set_sleep_A160")["hex"]), frame);
        Sds011Command.QuerySleepWork(0x60A1, frame, 0);
        Assert.Equal(Hex(Row("query_sleep_work_A160")["hex"]), frame);
        Sds011Command.SetWorkingPeriod(1, 0x60A1, frame, 0);
        Assert.Equal(Hex(Row("set_working_period_1min_A160")["hex"]), frame);
        Sds011Command.SetWorkingPeriod(30, Sds011Command.AnySensor, frame, 0);
        Assert.Equal(Hex(Row("set_working_period_30min_all")["hex"]), frame);
        Sds011Command.SetWorkingPeriod(99, Sds011Command.AnySensor, frame, 0);
        Assert.Equal(Hex(Row("set_working_period_30min_all")["hex"]), frame);
        Sds011Command.SetReportingMode(true, 0x60A1, frame, 0);
        Assert.Equal(Hex(Row("set_reporting_mode_query_A160")["hex"]), frame);
        Sds011Command.Query(Sds011Command.AnySensor, frame, 0);
        Assert.Equal(Hex(Row("query_data_all")["hex"]), frame);
    }

    [Theory]
    [MemberData(nameof(SensorReplies))]
    public void Every_published_reply_is_read(string name)
    {
        var reply = Hex(Row(name)["hex"]);
        Assert.True(Sds011Command.TryReadReply(reply, 0, out var id, out var set, out var value, out _), name);
        Assert.Equal(reply[2], id);
        Assert.Equal(reply[3], set);
        Assert.Equal(reply[4], value);

        // A reply is never a measurement: the measurement parser skips it.
        var parser = new Sds011Parser();
        Assert.DoesNotContain(reply, b => parser.Push(b));
    }

    [Fact]
    public void The_documented_sleep_replies_say_what_the_sensor_is_doing()
    {
        Assert.True(Sds011Command.TryReadReply(Hex(Row("reply_state_is_sleep_A160")["hex"]), 0, out _, out _, out var sleeping, out var id));
        Assert.Equal(0, sleeping);
        Assert.Equal(0x60A1, id);
        Assert.True(Sds011Command.TryReadReply(Hex(Row("reply_set_work_A160")["hex"]), 0, out _, out _, out var working, out _));
        Assert.Equal(1, working);
    }

    [Theory]
    [MemberData(nameof(Measurements))]
    public void Every_published_and_captured_measurement_decodes_to_its_stated_values(string hex)
    {
        var row = ReferenceCsv.Read("sds011/measurements.csv").Single(r => r["hex"] == hex);
        var parser = new Sds011Parser();
        Assert.Equal(1, Hex(hex).Count(parser.Push));
        Assert.Equal(decimal.Parse(row["pm25_ugm3"], CultureInfo.InvariantCulture), parser.Frame.Pm25Tenths / 10m);
        Assert.Equal(decimal.Parse(row["pm10_ugm3"], CultureInfo.InvariantCulture), parser.Frame.Pm10Tenths / 10m);
    }

    [Fact]
    public void The_answer_to_query_data_is_a_measurement()
    {
        var parser = new Sds011Parser();
        Assert.Equal(1, Hex(Row("reply_query_data_A160")["hex"]).Count(parser.Push));
        Assert.Equal(1236, parser.Frame.Pm25Tenths);
        Assert.Equal(2618, parser.Frame.Pm10Tenths);
        Assert.Equal(0x60A1, parser.Frame.DeviceId);
    }

    [Fact]
    public void A_command_or_reply_with_one_byte_damaged_is_refused()
    {
        foreach (var row in Commands.Where(r => r["hex"].StartsWith("AA C5", StringComparison.Ordinal) || r["hex"].StartsWith("AA B4", StringComparison.Ordinal)))
        {
            var bytes = Hex(row["hex"]);
            for (var i = 0; i < bytes.Length; i++)
            {
                var damaged = (byte[])bytes.Clone();
                damaged[i] ^= 0x10;
                var read = bytes.Length == Sds011Command.Size
                    ? Sds011Command.TryRead(damaged, 0, out _, out _, out _, out _)
                    : Sds011Command.TryReadReply(damaged, 0, out _, out _, out _, out _);
                Assert.False(read, $"{row["name"]} with byte {i} damaged was accepted");
            }
        }
    }

    private static IReadOnlyDictionary<string, string> Row(string name) => Commands.Single(r => r["name"] == name);

    private static byte[] Hex(string spaced) => Convert.FromHexString(spaced.Replace(" ", string.Empty, StringComparison.Ordinal));
}
