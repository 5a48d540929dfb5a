using System.Net;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Fleet.Devices;
using EdgeDevices.Fleet.Provisioning;
using EdgeDevices.Hardware.Emulation.World;

namespace EdgeDevices.Fleet;

/// <summary>
/// Builds a mixed fleet in one world: the city's Wi-Fi, the gateway's name pointing at the broker, and
/// devices named by role (<c>sl-0001</c>, <c>aq-0001</c>, <c>m-0001</c>), each provisioned from a template.
/// </summary>
public sealed class FleetBuilder(EmulationWorld world)
{
    /// <summary>The SSID the fleet joins.</summary>
    public const string Ssid = "city-iot";

    /// <summary>Its password.</summary>
    public const string WifiPassword = "correct horse battery";

    /// <summary>The broker's name in the devices' configuration.</summary>
    public const string BrokerName = "gateway.local";

    /// <summary>Creates one device of <paramref name="role"/> named <paramref name="deviceId"/>.</summary>
    public TDevice AddOne<TDevice>(DeviceRole role, string deviceId, int brokerPort, Func<DeviceSpec, DeviceSpec>? template = null)
        where TDevice : EmulatedDevice
    {
        var spec = new DeviceSpec(deviceId, role)
        {
            WifiSsid = Ssid,
            WifiPassword = WifiPassword,
            BrokerHost = BrokerName,
            BrokerPort = brokerPort,
            MqttPassword = "device-key-" + deviceId,
        };
        return (TDevice)EmulatedDevice.Create(world, template == null ? spec : template(spec));
    }

    /// <summary>Sets up the network for a broker at <paramref name="brokerAddress"/>.</summary>
    public FleetBuilder WithNetwork(IPAddress brokerAddress)
    {
        world.Network.AddAccessPoint(Ssid, WifiPassword);
        world.Network.AddHost(BrokerName, brokerAddress);
        return this;
    }

    /// <summary>Creates <paramref name="count"/> devices of <paramref name="role"/>, customised by <paramref name="template"/>.</summary>
    public IReadOnlyList<EmulatedDevice> Add(DeviceRole role, int count, int brokerPort, Func<DeviceSpec, DeviceSpec>? template = null, string? namePrefix = null)
    {
        var prefix = namePrefix ?? role switch { DeviceRole.StreetLight => "sl", DeviceRole.AirQuality => "aq", _ => "m" };
        var devices = new List<EmulatedDevice>(count);
        for (var i = 1; i <= count; i++)
        {
            var spec = new DeviceSpec($"{prefix}-{i:D4}", role)
            {
                WifiSsid = Ssid,
                WifiPassword = WifiPassword,
                BrokerHost = BrokerName,
                BrokerPort = brokerPort,
                MqttPassword = $"device-key-{prefix}-{i:D4}",
            };
            devices.Add(EmulatedDevice.Create(world, template == null ? spec : template(spec)));
        }

        return devices;
    }
}
