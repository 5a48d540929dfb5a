using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace EdgeDevices.Ctl.Commands;

/// <summary><c>edgectl verify</c>: waits for a new device's first message through the gateway and reports its health.</summary>
internal static class VerifyCommand
{
    public static Command Create(Context context)
    {
        var id = new Argument<string>("device-id") { Description = "The device to wait for" };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait", DefaultValueFactory = _ => 300 };
        var command = new Command("verify", "Wait for a device's first telemetry through the gateway and report its health") { id, timeout };
        command.SetAction((result, _) => context.RunAsync(result, async (output, gateway) =>
        {
            var deviceId = result.GetValue(id)!;
            var deadline = DateTime.UtcNow.AddSeconds(result.GetValue(timeout));
            var device = await output.StepAsync($"waiting for {deviceId}", async () =>
            {
                while (true)
                {
                    var view = await gateway.GetAsync($"api/devices/{deviceId}").ConfigureAwait(false);
                    if (view["lastSeenAt"] != null && view["health"] != null)
                    {
                        return view;
                    }

                    if (DateTime.UtcNow > deadline)
                    {
                        throw new CtlException(
                            view["lastSeenAt"] == null ? $"nothing from {deviceId} within {result.GetValue(timeout)} s" : $"{deviceId} sends, but no health report came within {result.GetValue(timeout)} s",
                            view["transport"]?.GetValue<string>() == "lorawan"
                                ? "check the antenna and the modem's DevEUI/AppKey in ChirpStack, and that ChirpStack forwards to the gateway (docs/lorawan.md)"
                                : "check power and the status LED, the Wi-Fi name and password in config.json, that the broker address is reachable from the street, then the serial log",
                            8);
                    }

                    await Task.Delay(1000).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
            var health = device["health"]!;
            output.Result(device, ["device", "online", "last seen", "firmware", "uptime s", "free heap", "rssi", "outbox", "reset"],
            [[
                deviceId,
                device["online"]!.GetValue<bool>() ? "yes" : "no",
                device["lastSeenAt"]!.GetValue<DateTimeOffset>().ToString("u", CultureInfo.InvariantCulture),
                health["firmware"]!.GetValue<string>(),
                health["uptimeSeconds"]!.ToString(),
                health["freeHeapBytes"]!.ToString(),
                health["rssi"]!.ToString(),
                health["outboxDepth"]!.ToString(),
                health["resetReason"]!.GetValue<string>(),
            ]]);
            return 0;
        }));
        return command;
    }
}
