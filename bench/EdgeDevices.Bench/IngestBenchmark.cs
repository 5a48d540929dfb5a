using System.Diagnostics;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;
using EdgeDevices.Gateway;
using EdgeDevices.Gateway.Configuration;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Storage;
using EdgeDevices.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeDevices.Bench;

/// <summary>
/// Gateway ingest: many MQTT publishers on loopback, QoS 1, each with one message in flight (as the
/// firmware does), every message acknowledged only after the gateway committed it (synchronous=FULL).
/// References, same run: the same publishers into mosquitto with a plain subscriber (the broker's limit,
/// no storage), and a batched SQLite insert loop of the same rows (the storage limit, no network).
/// </summary>
public static class IngestBenchmark
{
    public static async Task<IReadOnlyList<Figure>> RunAsync(int publishers, int perPublisher)
    {
        var total = publishers * perPublisher;
        var gatewayRate = await GatewayAsync(publishers, perPublisher);
        var mosquittoRate = await MosquittoAsync(publishers, perPublisher);
        var sqliteRate = SqliteLoop(total);
        var label = $"{publishers} publishers × {perPublisher}, QoS 1";
        return
        [
            new Figure("ingest", $"gateway ({label})", gatewayRate, "readings/s", "mosquitto, plain subscriber", mosquittoRate),
            new Figure("ingest", $"gateway ({label})", gatewayRate, "readings/s", "batched SQLite inserts (FULL, WAL)", sqliteRate),
        ];
    }

    private static async Task<double> GatewayAsync(int publishers, int perPublisher)
    {
        var state = Directory.CreateTempSubdirectory("edgebench-").FullName;
        var port = FreePort();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["stateDirectory"] = state,
            ["southbound:embedded:port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["http:urls"] = $"http://127.0.0.1:{FreePort()}",
        }).Build();
        var options = ConfigurationReader.Read(configuration, out var errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", errors));
        }

        await using var app = GatewayHost.Build(options, configuration, s => s.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning)));
        await app.StartAsync();
        var registry = (DeviceRegistry)app.Services.GetService(typeof(DeviceRegistry))!;
        for (var i = 0; i < publishers; i++)
        {
            registry.Register($"aq-{i:D4}", "bench-password-1");
        }

        var rate = await PublishAsync(port, publishers, perPublisher, credentials: true);
        var stored = ((BufferStore)app.Services.GetService(typeof(BufferStore))!).Count(Lane.Bulk);
        if (stored != publishers * perPublisher)
        {
            throw new InvalidOperationException($"the gateway stored {stored} of {publishers * perPublisher}");
        }

        await app.StopAsync();
        return rate;
    }

    private static async Task<double> MosquittoAsync(int publishers, int perPublisher)
    {
        using var broker = MosquittoBroker.Start();
        var received = 0;
        using var subscriber = new MqttClientFactory().CreateMqttClient();
        subscriber.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref received);
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("bench-subscriber").Build());
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("edge/#", MqttQualityOfServiceLevel.AtLeastOnce).Build());
        var rate = await PublishAsync(broker.Port, publishers, perPublisher, credentials: false);
        SpinWait.SpinUntil(() => Volatile.Read(ref received) >= publishers * perPublisher, 30_000);
        return rate;
    }

    private static async Task<double> PublishAsync(int port, int publishers, int perPublisher, bool credentials)
    {
        var clients = new List<IMqttClient>();
        for (var i = 0; i < publishers; i++)
        {
            var client = new MqttClientFactory().CreateMqttClient();
            var builder = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"aq-{i:D4}");
            if (credentials)
            {
                builder = builder.WithCredentials($"aq-{i:D4}", "bench-password-1");
            }

            await client.ConnectAsync(builder.Build());
            clients.Add(client);
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            var topic = MqttTopics.For($"aq-{i:D4}", MqttTopics.Telemetry);
            for (var s = 0; s < perPublisher; s++)
            {
                var result = await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(JsonCodec.EncodeUtf8(Reading(s)))
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
                if (!result.IsSuccess)
                {
                    throw new InvalidOperationException($"publish refused: {result.ReasonCode}");
                }
            }
        })));
        clock.Stop();
        foreach (var client in clients)
        {
            await client.DisconnectAsync();
            client.Dispose();
        }

        return publishers * perPublisher / clock.Elapsed.TotalSeconds;
    }

    private static double SqliteLoop(int rows)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("edgebench-sqlite-").FullName, "loop.db");
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE readings(id INTEGER PRIMARY KEY, device_id TEXT, boot_id INTEGER, seq INTEGER, payload TEXT, UNIQUE(device_id, boot_id, seq));";
            pragma.ExecuteNonQuery();
        }

        var payload = JsonCodec.Encode(Reading(1));
        var clock = Stopwatch.StartNew();
        for (var done = 0; done < rows;)
        {
            using var transaction = connection.BeginTransaction();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO readings(device_id, boot_id, seq, payload) VALUES($d, 1, $s, $p)";
            var d = insert.Parameters.Add("$d", SqliteType.Text);
            var s = insert.Parameters.Add("$s", SqliteType.Integer);
            insert.Parameters.AddWithValue("$p", payload);
            for (var i = 0; i < 500 && done < rows; i++, done++)
            {
                d.Value = $"aq-{done % 1000:D4}";
                s.Value = done;
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return rows / clock.Elapsed.TotalSeconds;
    }

    private static AirQualityReading Reading(int sequence) => new()
    {
        BootId = 1,
        Sequence = (ushort)sequence,
        Timestamp = (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        Fields = AirQualityFields.Particulates | AirQualityFields.Temperature | AirQualityFields.Humidity | AirQualityFields.Pressure,
        Pm1 = 7,
        Pm25 = 12,
        Pm10 = 19,
        TemperatureCentiCelsius = -1250,
        HumidityCentiPercent = 6300,
        PressurePascal = 97_300,
    };

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
