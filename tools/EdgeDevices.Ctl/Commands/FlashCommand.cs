using System.CommandLine;
using EdgeDevices.Ctl.Flashing;
using EdgeDevices.Ctl.Provisioning;

namespace EdgeDevices.Ctl.Commands;

/// <summary>
/// <c>edgectl flash</c>: nanoff for the device's board, in order: the nanoFramework firmware (the version the apps'
/// packages need: pinned, or the line checked and the version kept in device.json), the application, then its
/// files (config.json on I:\) and, for Wi-Fi devices, the network configuration. <c>--only app</c> or
/// <c>--only config</c> leaves the firmware as it is; <c>--firmware-archive</c> takes the image from a local
/// copy (made with <c>edgectl firmware fetch</c>) instead of the internet. nanoff's output shows as it comes.
/// </summary>
internal static class FlashCommand
{
    public static Command Create(Context context)
    {
        var id = new Argument<string>("device-id") { Description = "A provisioned device" };
        var port = new Option<string?>("--port") { Description = "Serial port (default: the one given to provision)" };
        var image = new Option<string?>("--image") { Description = "The application image (.bin) built from the role's .nfproj (default: firmware/apps/<Role>/bin/Release/…)" };
        var dir = new Option<string>("--dir") { Description = "Folder provision wrote to", DefaultValueFactory = _ => "provisioned" };
        var only = new Option<string?>("--only") { Description = "firmware, app or config: one part only (app and config leave the firmware as it is)" };
        only.AcceptOnlyFromAmong("firmware", "app", "config");
        var version = new Option<string?>("--firmware-version") { Description = "The nanoFramework image version (nanoff --fwversion); default: the pinned one, else the one this device was flashed with" };
        var archive = new Option<string?>("--firmware-archive") { Description = "A folder with firmware images (edgectl firmware fetch): flash without the internet" };
        var command = new Command("flash", "Flash a provisioned device with nanoff: firmware, application, files") { id, port, image, dir, only, version, archive };
        command.SetAction((result, _) => context.RunAsync(result, async (output, _) =>
        {
            var deviceId = result.GetValue(id)!;
            var folder = Path.GetFullPath(Path.Combine(result.GetValue(dir)!, deviceId));
            var record = DeviceRecord.Load(folder, deviceId);
            var serial = result.GetValue(port) ?? record.SerialPort;
            var part = result.GetValue(only);
            var pin = FirmwarePin.BuiltIn;
            var firmwareVersion = result.GetValue(version) ?? pin.FirmwareVersion ?? record.FirmwareVersion;
            if (firmwareVersion != null && !pin.Accepts(firmwareVersion))
            {
                throw new CtlException($"firmware {firmwareVersion} is not of the {pin.FirmwareLine} line the apps' packages (CoreLibrary {pin.CoreLibrary}) need",
                    $"give a {pin.FirmwareLine}.x.y version (nanoff --listtargets --platform esp32 lists them)", 2);
            }

            var firmwareArchive = result.GetValue(archive) is { } a ? Path.GetFullPath(a) : null;
            if (firmwareArchive != null && !Directory.Exists(firmwareArchive))
            {
                throw new CtlException($"no firmware archive at {firmwareArchive}", "fill one while online: edgectl firmware fetch --archive " + firmwareArchive, 2);
            }

            string? app = null;
            if (part is null or "app")
            {
                app = Path.GetFullPath(result.GetValue(image) ?? DefaultImage(record.Role));
                if (!File.Exists(app))
                {
                    throw new CtlException($"no application image at {app}",
                        "build the role's .nfproj with the nanoFramework SDK (docs/technician-guide.md, 'Building the images'), or pass --image", 2);
                }
            }

            CheckSerialPort(serial, deviceId);
            var nanoff = Nanoff.Find();
            var next = $"check the cable and that {serial} is the board's port (nanoff --listports); hold BOOT while it starts if it does not answer; then run edgectl flash {deviceId} again";
            var steps = new List<(string Name, string[] Arguments)>();
            if (part is null or "firmware")
            {
                var update = new List<string> { "--update", "--target", record.Target, "--serialport", serial };
                if (firmwareVersion != null)
                {
                    update.AddRange(["--fwversion", firmwareVersion]);
                }

                if (firmwareArchive != null)
                {
                    update.AddRange(["--fromfwarchive", "--fwarchivepath", firmwareArchive]);
                }

                steps.Add(("firmware update", [.. update]));
            }

            if (app != null)
            {
                steps.Add(("application deploy", ["--target", record.Target, "--serialport", serial, "--deploy", "--image", app]));
            }

            if (part is null or "config")
            {
                // Relative paths in the deployment files, nanoff run in the device's folder: the folder can move.
                steps.Add(("configuration files", ["--nanodevice", "--serialport", serial, "--filedeployment", "deploy-files.json"]));
                if (record.NetworkDeployment)
                {
                    steps.Add(("network configuration", ["--nanodevice", "--serialport", serial, "--networkdeployment", "deploy-network.json"]));
                }
            }

            string? flashed = null;
            for (var i = 0; i < steps.Count; i++)
            {
                var (name, arguments) = steps[i];
                output.Progress($"[{i + 1}/{steps.Count}] {name}");
                var said = await nanoff.RunAsync(name, arguments, next, folder, line => output.Progress("  " + line)).ConfigureAwait(false);
                if (name == "firmware update")
                {
                    flashed = FirmwarePin.VersionIn(said)
                        ?? FirmwarePin.VersionIn(await nanoff.RunAsync("firmware check", ["--nanodevice", "--serialport", serial, "--devicedetails"], next, folder, _ => { }).ConfigureAwait(false));
                    if (flashed != null && !pin.Accepts(flashed))
                    {
                        throw new CtlException($"nanoff wrote firmware {flashed}, not of the {pin.FirmwareLine} line the apps (CoreLibrary {pin.CoreLibrary}) need: they would not load",
                            $"flash a {pin.FirmwareLine} image: edgectl flash {deviceId} --firmware-version {pin.FirmwareLine}.x.y (nanoff --listtargets --platform esp32 lists them)", 7);
                    }

                    if (flashed == null)
                    {
                        output.Progress($"  (nanoff did not say which firmware it wrote: check it is {pin.FirmwareLine}.x with nanoff --nanodevice --serialport {serial} --devicedetails)");
                    }
                    else if (record.FirmwareVersion != flashed)
                    {
                        // Later flashes of this device keep to this image.
                        record = record with { FirmwareVersion = flashed };
                        record.Save(folder);
                    }
                }
            }

            output.Result(
                new System.Text.Json.Nodes.JsonObject { ["deviceId"] = deviceId, ["target"] = record.Target, ["serialPort"] = serial, ["steps"] = steps.Count, ["firmware"] = record.FirmwareVersion },
                ["device", "target", "port", "steps", "firmware"],
                [[deviceId, record.Target, serial, steps.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), record.FirmwareVersion ?? "-"]]);
            output.Line($"next: power-cycle the device, then edgectl verify {deviceId}");
            return 0;
        }));
        return command;
    }

    /// <summary><c>edgectl firmware fetch</c>: copies the pinned firmware images into a folder while online, for flashing offline.</summary>
    public static Command Firmware(Context context)
    {
        var archive = new Option<string>("--archive") { Description = "Folder to keep the images in", Required = true };
        var version = new Option<string?>("--firmware-version") { Description = "The image version (default: the pinned one, else the newest)" };
        var board = new Option<string[]>("--board") { Description = "Boards to fetch for (default: every board)", DefaultValueFactory = _ => EdgeDevices.Firmware.Boards.BoardPins.Names() };
        var fetch = new Command("fetch", "Download the nanoFramework firmware into a folder, so edgectl flash --firmware-archive works offline") { archive, version, board };
        fetch.SetAction((result, _) => context.RunAsync(result, async (output, _) =>
        {
            var folder = Path.GetFullPath(result.GetValue(archive)!);
            Directory.CreateDirectory(folder);
            var pinned = result.GetValue(version) ?? FirmwarePin.BuiltIn.FirmwareVersion;
            var nanoff = Nanoff.Find();
            var targets = result.GetValue(board)!.Select(BoardTargets.For).Distinct().ToList();
            foreach (var target in targets)
            {
                output.Progress($"fetching {target}{(pinned == null ? string.Empty : " " + pinned)}");
                string[] arguments = pinned == null
                    ? ["--updatefwarchive", "--target", target, "--fwarchivepath", folder]
                    : ["--updatefwarchive", "--target", target, "--fwversion", pinned, "--fwarchivepath", folder];
                await nanoff.RunAsync("firmware fetch", arguments, "check the internet connection, then run edgectl firmware fetch again", folder, line => output.Progress("  " + line)).ConfigureAwait(false);
            }

            output.Result(new System.Text.Json.Nodes.JsonObject { ["archive"] = folder, ["targets"] = string.Join(",", targets) }, ["archive", "targets"], [[folder, string.Join(", ", targets)]]);
            output.Line($"next: edgectl flash <device-id> --firmware-archive {folder}");
            return 0;
        }));
        return new Command("firmware", "The nanoFramework firmware images edgectl flashes") { fetch };
    }

    // A missing port would otherwise fail minutes later inside nanoff, with a message about something else.
    private static void CheckSerialPort(string serial, string deviceId)
    {
        if (OperatingSystem.IsWindows() || File.Exists(serial))
        {
            return;
        }

        var present = Directory.Exists("/dev")
            ? Directory.GetFiles("/dev").Where(f => Path.GetFileName(f).StartsWith("ttyUSB", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("ttyACM", StringComparison.Ordinal)).Order().ToList()
            : [];
        throw new CtlException($"serial port {serial} does not exist{(present.Count == 0 ? " (no USB serial port is present: is the board plugged in?)" : $" (present: {string.Join(", ", present)})")}",
            $"plug the board in and run edgectl flash {deviceId} --port <port> (nanoff --listports lists the ports; you may need to be in the dialout group)", 2);
    }

    private static string DefaultImage(string role)
    {
        var app = role switch { "streetlight" => "StreetLight", "airquality" => "AirQuality", _ => "Meter" };
        return Path.Combine("firmware", "apps", app, "bin", "Release", $"EdgeDevices.Apps.{app}.bin");
    }
}
