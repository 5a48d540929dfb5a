using System.CommandLine;
using EdgeDevices.Ctl.Provisioning;

namespace EdgeDevices.Ctl.Commands;

/// <summary><c>edgectl provision</c>: a new device's configuration, credentials and deployment files, registered with the gateway.</summary>
internal static class ProvisionCommand
{
    public static Command Create(Context context)
    {
        var id = new Argument<string>("device-id") { Description = "The new device's id (e.g. sl-0042, aq-0007, m-0313)" };
        var role = new Option<string>("--role") { Description = "streetlight, airquality or meter", Required = true };
        role.AcceptOnlyFromAmong("streetlight", "airquality", "meter");
        var board = new Option<string?>("--board") { Description = "Board (default: esp32-devkitc-<role>)" };
        // Text, not double: a decimal comma (51,17) is natural in Kazakh and Russian and is taken as a point.
        var lat = new Option<string?>("--lat") { Description = "Latitude, degrees north, e.g. 51.1694 or 51,1694 (required for street lights and air-quality nodes)" };
        var lon = new Option<string?>("--lon") { Description = "Longitude, degrees east (required for street lights and air-quality nodes)" };
        var group = new Option<string?>("--group") { Description = "Lighting group to put a street light in (edgectl groups list)" };
        var lampType = new Option<string?>("--lamp-type") { Description = "A street light's lamp type in the gateway's lighting model (edgectl lamp-types list), e.g. led-100" };
        var transport = new Option<string>("--transport") { Description = "mqtt (Wi-Fi) or lorawan", DefaultValueFactory = _ => "mqtt" };
        transport.AcceptOnlyFromAmong("mqtt", "lorawan");
        var ssid = new Option<string?>("--wifi-ssid") { Description = "Wi-Fi network (mqtt)" };
        var wifiPassword = new Option<string?>("--wifi-password") { Description = "Wi-Fi password (mqtt)" };
        var broker = new Option<string?>("--broker") { Description = "host[:port] the device reaches the gateway's broker at (default: the gateway's host, 1883)" };
        var devEui = new Option<string?>("--dev-eui") { Description = "The modem's DevEUI, from its label (lorawan)" };
        var region = new Option<string>("--region") { Description = "LoRaWAN region", DefaultValueFactory = _ => "IN865" };
        var meter = new Option<string[]>("--meter-channel") { Description = "A meter channel as medium:pulsesPerUnit (e.g. water:1); repeatable", DefaultValueFactory = _ => ["electricity:1000"] };
        var port = new Option<string>("--serial-port") { Description = "Serial port the device will be flashed on", DefaultValueFactory = _ => OperatingSystem.IsWindows() ? "COM3" : "/dev/ttyUSB0" };
        var caCert = new Option<string?>("--ca-cert") { Description = "The broker's CA certificate (PEM): the device connects with TLS (default port 8883) and trusts this CA" };
        var releaseKey = new Option<string?>("--release-key") { Description = "release.pub (from edgectl bundle keygen): the device takes over-the-air updates signed by its secret half" };
        var output = new Option<string>("--out") { Description = "Folder for the devices' files", DefaultValueFactory = _ => "provisioned" };
        var rotate = new Option<bool>("--rotate") { Description = "The device exists: give it a new password and command key (sent as a signed command; both sides switch when it acknowledges)" };
        var command = new Command("provision", "Create a device: configuration, credentials, nanoff deployment files; register it with the gateway")
        {
            id, role, board, lat, lon, group, lampType, transport, ssid, wifiPassword, broker, devEui, region, meter, caCert, releaseKey, port, output, rotate,
        };
        command.SetAction((result, _) => context.RunAsync(result, async (output2, gateway) =>
        {
            var roleName = result.GetValue(role)!;
            var transportName = result.GetValue(transport)!;
            var latitude = Coordinate(result.GetValue(lat), "--lat", 90);
            var longitude = Coordinate(result.GetValue(lon), "--lon", 180);
            Require(roleName == "streetlight" && (latitude == null || longitude == null), "a street light needs its position: --lat and --lon");
            Require(roleName == "airquality" && (latitude == null || longitude == null), "an air-quality node needs its position: --lat and --lon (the platform's AirQualityObserved has none without it)");
            Require(roleName == "streetlight" && result.GetValue(lampType) == null, "a street light needs its lamp type: --lamp-type (edgectl lamp-types list shows the gateway's)");
            Require(roleName != "streetlight" && (result.GetValue(lampType) != null || result.GetValue(group) != null), "--lamp-type and --group are for street lights");
            Require(transportName == "mqtt" && (result.GetValue(ssid) == null || result.GetValue(wifiPassword) == null), "a Wi-Fi device needs --wifi-ssid and --wifi-password");
            Require(transportName == "lorawan" && result.GetValue(devEui) == null, "a LoRaWAN device needs --dev-eui (printed on the modem)");
            var (brokerHost, brokerPort) = Broker(result.GetValue(broker), gateway.BaseUrl, result.GetValue(caCert) != null ? 8883 : 1883);
            var request = new ProvisionRequest(
                result.GetValue(id)!, roleName, result.GetValue(board) ?? BoardTargets.DefaultFor(roleName), latitude, longitude,
                result.GetValue(group), result.GetValue(lampType), transportName, result.GetValue(ssid), result.GetValue(wifiPassword), brokerHost, brokerPort,
                result.GetValue(devEui), result.GetValue(region)!, result.GetValue(port)!, result.GetValue(meter) ?? [], result.GetValue(caCert), result.GetValue(releaseKey), result.GetValue(rotate));
            var (directory, summary) = await output2.StepAsync($"provisioning {request.DeviceId}", () => Provisioner.RunAsync(request, result.GetValue(output)!, gateway)).ConfigureAwait(false);
            output2.Result(summary, ["device", "role", "board", "target", "transport", "files"], [[request.DeviceId, request.Role, request.Board, summary["target"]!.GetValue<string>(), request.Transport, directory]]);
            if (request.Rotate)
            {
                output2.Line($"next: nothing at the pole; the device switches when it acknowledges (edgectl devices, or GET /api/commands?device={request.DeviceId}); its folder holds the new configuration for any later flash");
                return 0;
            }

            output2.Line($"next: edgectl flash {request.DeviceId} --port {request.SerialPort}");
            return 0;
        }));
        return command;
    }

    private static void Require(bool missing, string what)
    {
        if (missing)
        {
            throw new CtlException(what, "add the option and run provision again", 2);
        }
    }

    // host or host:port; a port that is not 1–65535 is an error, never quietly 1883.
    private static (string Host, int Port) Broker(string? value, string gatewayUrl, int defaultPort)
    {
        if (value == null)
        {
            return (new Uri(gatewayUrl).Host, defaultPort);
        }

        var colon = value.LastIndexOf(':');
        var host = colon < 0 ? value : value[..colon];
        if (host.Length == 0 || host.Contains('/', StringComparison.Ordinal))
        {
            throw new CtlException($"--broker '{value}' is not host[:port]", "give the broker's host name or address the device reaches, with its port if not the default: --broker gateway.local:1883", 2);
        }

        if (colon < 0)
        {
            return (host, defaultPort);
        }

        return int.TryParse(value[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535
            ? (host, port)
            : throw new CtlException($"--broker '{value}': '{value[(colon + 1)..]}' is not a port (1–65535)", "give the port the device reaches the broker on, e.g. --broker gateway.local:1883 (8883 with TLS)", 2);
    }

    // Degrees with a decimal point or comma; anything else is refused with the value echoed.
    private static double? Coordinate(string? text, string option, double limit)
    {
        if (text == null)
        {
            return null;
        }

        var normal = text.Trim().Replace(',', '.');
        if (normal.Count(c => c == '.') > 1
            || !double.TryParse(normal, System.Globalization.NumberStyles.AllowLeadingSign | System.Globalization.NumberStyles.AllowDecimalPoint, System.Globalization.CultureInfo.InvariantCulture, out var value))
        {
            throw new CtlException($"{option} '{text}' is not a number of degrees", $"write it as decimal degrees, e.g. {option} 51.1694 (51,1694 is taken too)", 2);
        }

        return Math.Abs(value) <= limit ? value
            : throw new CtlException($"{option} '{text}' is outside ±{limit}°", $"check the {(limit == 90 ? "latitude (north)" : "longitude (east)")}: Astana is 51.17, 71.43", 2);
    }
}
