using System.Diagnostics;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Northbound;
using EdgeDevices.Gateway.Pipeline;
using EdgeDevices.Gateway.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeDevices.Bench;

/// <summary>
/// Replay after a long outage: a buffer holding millions of readings is drained by the gateway's sink runner
/// (rate limit off) into a sink that only counts, so the figure is the gateway's own cost of reading the
/// buffer, batching, pseudonymising and moving cursors. Reference, same buffer file: a plain SQLite loop
/// reading the same rows in id order in batches (the storage's read limit). Peak resident memory of this
/// process is sampled during each.
/// </summary>
public static class ReplayBenchmark
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(int readings)
    {
        var state = Directory.CreateTempSubdirectory("edgebench-replay-").FullName;
        try
        {
            // Filled by a child process, so what filling leaves in memory is not counted here.
            await FillInChildAsync(state, readings);
            var (loopRate, loopPeak) = await ReadLoopAsync(state, readings);
            GC.Collect();
            var (replayRate, replayPeak) = await ReplayAsync(state, readings);
            var label = $"{readings:N0} buffered readings";
            return
            [
                new Figure("replay", $"gateway to a sink ({label})", replayRate, "readings/s", "SQLite read loop, same rows", loopRate),
                new Figure("replay", "resident memory growth during replay", replayPeak / 1048576.0, "MB", "during the SQLite read loop", loopPeak / 1048576.0),
            ];
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private static async Task FillInChildAsync(string state, int readings)
    {
        var self = Environment.ProcessPath!;
        var arguments = new List<string>();
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            arguments.Add(typeof(ReplayBenchmark).Assembly.Location);
        }

        arguments.AddRange(["fill", "--state", state, "--readings", readings.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var child = Process.Start(new ProcessStartInfo(self, arguments) { UseShellExecute = false })!;
        await child.WaitForExitAsync();
        if (child.ExitCode != 0)
        {
            throw new InvalidOperationException($"filling the buffer failed (exit {child.ExitCode})");
        }
    }

    /// <summary>The backlog, committed as the pipeline does (in large batches here, with synchronous=NORMAL to save time).</summary>
    public static void Fill(string state, int readings)
    {
        var options = new GatewayOptions();
        using var store = new BufferStore(new BufferDatabase(state, "normal"), Microsoft.Extensions.Options.Options.Create(options.Storage), [new EdgeDevices.Gateway.Metering.MeterTotalContinuity(Microsoft.Extensions.Options.Options.Create(options.Metering))]);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var batch = new List<IngestItem>(10_000);
        for (var i = 0; i < readings; i++)
        {
            var device = $"aq-{i % 1000:D4}";
            var reading = Reading(i / 1000);
            batch.Add(new IngestItem(device, MqttTopics.For(device, MqttTopics.Telemetry), MqttTopics.Telemetry, JsonCodec.EncodeUtf8(reading), now) { Message = reading });
            if (batch.Count == batch.Capacity || i == readings - 1)
            {
                store.Commit(batch);
                batch.Clear();
            }
        }
    }

    private static async Task<(double Rate, long PeakResident)> ReplayAsync(string state, int readings)
    {
        var sink = new CountingSink();
        var (app, _) = BenchGateway.Build(state, new Dictionary<string, string?>
        {
            ["sinks:replayRatePerSecond"] = "1000000",
            ["storage:quotaMegabytes"] = "1048576",
            ["storage:retentionDays"] = "3650",
        }, s => s.AddSingleton<ISink>(sink));
        await using (app)
        {
            var baseline = MemorySampler.Resident(Process.GetCurrentProcess());
            await using var memory = new MemorySampler();
            var clock = Stopwatch.StartNew();
            await app.StartAsync();
            while (sink.Count < readings)
            {
                await Task.Delay(20);
            }

            clock.Stop();
            await app.StopAsync();
            return (readings / clock.Elapsed.TotalSeconds, memory.PeakResident - baseline);
        }
    }

    private static async Task<(double Rate, long PeakResident)> ReadLoopAsync(string state, int readings)
    {
        var baseline = MemorySampler.Resident(Process.GetCurrentProcess());
        await using var memory = new MemorySampler();
        using var connection = new SqliteConnection($"Data Source={Path.Combine(state, "buffer.db")};Mode=ReadOnly");
        connection.Open();
        var clock = Stopwatch.StartNew();
        long after = 0, read = 0;
        while (true)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, device_id, boot_id, seq, type, lane, device_time, received_at, payload FROM readings WHERE id > $a ORDER BY id LIMIT 1000";
            command.Parameters.AddWithValue("$a", after);
            using var reader = command.ExecuteReader();
            var rows = 0;
            while (reader.Read())
            {
                after = reader.GetInt64(0);
                _ = reader.GetString(1);
                _ = reader.GetString(8);
                rows++;
            }

            read += rows;
            if (rows == 0)
            {
                break;
            }
        }

        clock.Stop();
        if (read != readings)
        {
            throw new InvalidOperationException($"the buffer holds {read} readings, not {readings}");
        }

        return (readings / clock.Elapsed.TotalSeconds, memory.PeakResident - baseline);
    }

    private static AirQualityReading Reading(int sequence) => new()
    {
        BootId = 1,
        Sequence = (ushort)sequence,
        Timestamp = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        Fields = AirQualityFields.Particulates,
        Pm1 = 7,
        Pm25 = 12,
        Pm10 = 19,
    };

    private sealed class CountingSink : ISink
    {
        private long _count;

        public long Count => Interlocked.Read(ref _count);

        public string Name => "bench";

        public int BatchSize => 1000;

        public Task<IReadOnlyList<SinkRejection>> DeliverAsync(IReadOnlyList<StoredReading> readings, CancellationToken cancellationToken)
        {
            Interlocked.Add(ref _count, readings.Count);
            return Task.FromResult<IReadOnlyList<SinkRejection>>([]);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
