using System.CommandLine;
using EdgeDevices.Ctl.Flashing;
using EdgeDevices.Ctl.Provisioning;

namespace EdgeDevices.Ctl.Commands;

/// <summary>
/// <c>edgectl flash</c>: nanoff for the device's board, in order: the nanoFramework firmware, the application,
/// then its files (config.json on I:\) and, for Wi-Fi devices, the network configuration.
/// </summary>
internal static class FlashCommand
{
    public static Command Create(Context context)
    {
        var id = new Argument<string>("device-id") { Description = "A provisioned device" };
        var port = new Option<string?>("--port") { Description = "Serial port (default: the one given to provision)" };
        var image = new Option<string?>("--image") { Description = "The application image (.bin) built from the role's .nfproj (default: firmware/apps/<Role>/bin/Release/…)" };
        var dir = new Option<string>("--dir") { Description = "Folder provision wrote to", DefaultValueFactory = _ => "provisioned" };
        var command = new Command("flash", "Flash a provisioned device with nanoff: firmware, application, files") { id, port, image, dir };
        command.SetAction((result, _) => context.RunAsync(result, async (output, _) =>
        {
            var deviceId = result.GetValue(id)!;
            var folder = Path.GetFullPath(Path.Combine(result.GetValue(dir)!, deviceId));
            var record = DeviceRecord.Load(folder, deviceId);
            var serial = result.GetValue(port) ?? record.SerialPort;
            var app = Path.GetFullPath(result.GetValue(image) ?? DefaultImage(record.Role));
            if (!File.Exists(app))
            {
                throw new CtlException($"no application image at {app}",
                    "build the role's .nfproj with the nanoFramework SDK (docs/technician-guide.md, 'Building the images'), or pass --image", 2);
            }

            var nanoff = Nanoff.Find();
            var next = $"check the cable and that {serial} is the board's port (nanoff --listports); hold BOOT while it starts if it does not answer; then run edgectl flash {deviceId} again";
            var steps = new List<(string Name, string[] Arguments)>
            {
                ("firmware update", ["--update", "--target", record.Target, "--serialport", serial]),
                ("application deploy", ["--target", record.Target, "--serialport", serial, "--deploy", "--image", app]),
                ("configuration files", ["--nanodevice", "--serialport", serial, "--filedeployment", Path.Combine(folder, "deploy-files.json")]),
            };
            if (record.NetworkDeployment)
            {
                steps.Add(("network configuration", ["--nanodevice", "--serialport", serial, "--networkdeployment", Path.Combine(folder, "deploy-network.json")]));
            }

            for (var i = 0; i < steps.Count; i++)
            {
                var (name, arguments) = steps[i];
                await output.StepAsync($"[{i + 1}/{steps.Count}] {name}", async () =>
                {
                    await nanoff.RunAsync(name, arguments, next).ConfigureAwait(false);
                    return 0;
                }).ConfigureAwait(false);
            }

            output.Result(
                new System.Text.Json.Nodes.JsonObject { ["deviceId"] = deviceId, ["target"] = record.Target, ["serialPort"] = serial, ["steps"] = steps.Count },
                ["device", "target", "port", "steps"],
                [[deviceId, record.Target, serial, steps.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)]]);
            output.Line($"next: power-cycle the device, then edgectl verify {deviceId}");
            return 0;
        }));
        return command;
    }

    private static string DefaultImage(string role)
    {
        var app = role switch { "streetlight" => "StreetLight", "airquality" => "AirQuality", _ => "Meter" };
        return Path.Combine("firmware", "apps", app, "bin", "Release", $"EdgeDevices.Apps.{app}.bin");
    }
}
