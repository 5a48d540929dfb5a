using System.Diagnostics;
using EdgeDevices.Gateway.Southbound;
using EdgeDevices.Gateway.Storage;
using EdgeDevices.Testing;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;

namespace EdgeDevices.Bench;

/// <summary>
/// Memory of the gateway with many devices connected (10,000 by default): the gateway runs in this process,
/// the devices in a child process (<c>edgebench connect</c>) so their own memory is not counted; the figure
/// is the growth of this process's resident set from before the first connection to all connected.
/// Reference, same run: mosquitto's resident set with the same connections. Every device authenticates
/// with its own registered password (PBKDF2 once per device, as after a gateway restart), so connecting
/// takes a while.
/// </summary>
public static class DevicesBenchmark
{
    public const string Password = "bench-password-1";

    public static async Task<IReadOnlyList<Figure>> RunAsync(int devices)
    {
        var gateway = await GatewayAsync(devices);
        var mosquitto = await MosquittoAsync(devices);
        return
        [
            new Figure("devices", $"gateway memory for {devices:N0} connected devices", gateway / 1048576.0, "MB", "mosquitto, same connections", mosquitto / 1048576.0),
            new Figure("devices", "gateway memory per connected device", gateway / 1024.0 / devices, "KB", "mosquitto per connection", mosquitto / 1024.0 / devices),
        ];
    }

    /// <summary>The child side: connects <paramref name="devices"/> clients and holds them until its input closes.</summary>
    public static async Task<int> ConnectAndHoldAsync(int port, int devices, bool credentials)
    {
        var clients = new List<IMqttClient>(devices);
        var factory = new MqttClientFactory();
        using var gate = new SemaphoreSlim(64);
        var tasks = Enumerable.Range(0, devices).Select(async i =>
        {
            await gate.WaitAsync();
            try
            {
                var client = factory.CreateMqttClient();
                var builder = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"dev-{i:D5}").WithKeepAlivePeriod(TimeSpan.FromMinutes(10)).WithTimeout(TimeSpan.FromMinutes(5));
                if (credentials)
                {
                    builder = builder.WithCredentials($"dev-{i:D5}", Password);
                }

                await client.ConnectAsync(builder.Build());
                lock (clients)
                {
                    clients.Add(client);
                }
            }
            finally
            {
                gate.Release();
            }
        });
        await Task.WhenAll(tasks);
        Console.WriteLine($"connected {clients.Count}");
        await Console.In.ReadToEndAsync();
        return 0;
    }

    private static async Task<long> GatewayAsync(int devices)
    {
        var state = Directory.CreateTempSubdirectory("edgebench-devices-").FullName;
        var (app, port) = BenchGateway.Build(state);
        await using (app)
        {
            await app.StartAsync();

            // Bench-only shortcut: one PBKDF2 hash for every device (a real registration salts each).
            var hash = PasswordHasher.Hash(Password);
            using (var connection = app.Services.GetRequiredService<BufferDatabase>().Open())
            using (var transaction = connection.BeginTransaction())
            {
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO devices(device_id, password_hash, created_at, enabled) VALUES($d, $h, 0, 1)";
                var id = insert.Parameters.Add("$d", Microsoft.Data.Sqlite.SqliteType.Text);
                insert.Parameters.AddWithValue("$h", hash);
                for (var i = 0; i < devices; i++)
                {
                    id.Value = $"dev-{i:D5}";
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            var self = Process.GetCurrentProcess();
            GC.Collect();
            await Task.Delay(500);
            var before = MemorySampler.Resident(self);
            await using (var child = await ChildAsync(port, devices, credentials: true))
            {
                GC.Collect();
                await Task.Delay(1000);
                var after = MemorySampler.Resident(self);
                var connected = app.Services.GetRequiredService<DevicePresence>().Count;
                if (connected < devices)
                {
                    throw new InvalidOperationException($"only {connected} of {devices} devices connected");
                }

                await app.StopAsync();
                Directory.Delete(state, recursive: true);
                return after - before;
            }
        }
    }

    private static async Task<long> MosquittoAsync(int devices)
    {
        using var broker = MosquittoBroker.Start();
        using var process = Process.GetProcessById(broker.ProcessId);
        await Task.Delay(300);
        var before = MemorySampler.Resident(process);
        await using var child = await ChildAsync(broker.Port, devices, credentials: false);
        await Task.Delay(1000);
        return MemorySampler.Resident(process) - before;
    }

    private static async Task<Child> ChildAsync(int port, int devices, bool credentials)
    {
        var self = Environment.ProcessPath!;
        var arguments = new List<string>();
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            arguments.Add(typeof(DevicesBenchmark).Assembly.Location);
        }

        arguments.AddRange(["connect", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--devices", devices.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (!credentials)
        {
            arguments.Add("--anonymous");
        }

        var process = Process.Start(new ProcessStartInfo(self, arguments) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(15));
        if (line == null || !line.StartsWith("connected", StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException("the device process did not connect its devices: " + line);
        }

        return new Child(process);
    }

    private sealed class Child(Process process) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            process.StandardInput.Close();
            if (!await Task.Run(() => process.WaitForExit(30_000)))
            {
                process.Kill();
            }

            process.Dispose();
        }
    }
}
