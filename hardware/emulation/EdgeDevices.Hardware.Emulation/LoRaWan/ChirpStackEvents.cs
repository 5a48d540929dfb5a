using Chirpstack.Integration;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace EdgeDevices.Hardware.Emulation.LoRaWan;

/// <summary>
/// ChirpStack v4's MQTT integration events as ChirpStack publishes them with <c>json=true</c>: messages of its
/// own <c>integration.proto</c> (compiled from the vendored .proto files) in the protobuf JSON mapping, which
/// leaves out fields at their default value, names enums and carries bytes in base64. Every emulated network
/// server and every test that plays ChirpStack builds its events here, so none is shaped by hand.
/// </summary>
public static class ChirpStackEvents
{
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default);

    /// <summary>The topic ChirpStack publishes an event of <paramref name="kind"/> on (default <c>event_topic</c>).</summary>
    public static string Topic(Guid applicationId, string devEui, string kind) => $"application/{applicationId}/device/{devEui}/event/{kind}";

    /// <summary>The device information every event carries.</summary>
    public static DeviceInfo Device(Guid tenantId, Guid applicationId, string devEui, string name, string region) => new()
    {
        TenantId = tenantId.ToString(),
        TenantName = "City of Astana",
        ApplicationId = applicationId.ToString(),
        ApplicationName = "street-devices",
        DeviceProfileId = "0f7a9c1e-5d3b-4c2a-9e8f-1a2b3c4d5e6f",
        DeviceProfileName = "EdgeDevices " + region,
        DeviceName = name,
        DevEui = devEui,
        DeviceClassEnabled = Chirpstack.Common.DeviceClass.ClassA,
    };

    /// <summary>An <c>up</c> event.</summary>
    public static string Uplink(DeviceInfo device, DateTimeOffset at, Guid deduplicationId, uint dataRate, uint fCnt, uint fPort, bool confirmed, bool adr, byte[] data, string region, uint frequencyHz, uint bandwidthHz, uint spreadingFactor, int rssi = -97, float snr = 6.5f)
    {
        var e = new UplinkEvent
        {
            DeduplicationId = deduplicationId.ToString(),
            Time = Timestamp.FromDateTimeOffset(at),
            DeviceInfo = device,
            DevAddr = device.DevEui[8..],
            Adr = adr,
            Dr = dataRate,
            FCnt = fCnt,
            FPort = fPort,
            Confirmed = confirmed,
            Data = ByteString.CopyFrom(data),
            TxInfo = new Chirpstack.Gateway.UplinkTxInfo
            {
                Frequency = frequencyHz,
                Modulation = new Chirpstack.Gateway.Modulation
                {
                    Lora = new Chirpstack.Gateway.LoraModulationInfo { Bandwidth = bandwidthHz, SpreadingFactor = spreadingFactor, CodeRate = Chirpstack.Gateway.CodeRate.Cr45 },
                },
            },
        };
        var rx = new Chirpstack.Gateway.UplinkRxInfo
        {
            GatewayId = "0016c001ff1e5a7b",
            UplinkId = (uint)Random.Shared.Next(1, int.MaxValue),
            NsTime = Timestamp.FromDateTimeOffset(at),
            Rssi = rssi,
            Snr = snr,
            Context = ByteString.CopyFrom(new byte[10]),
            CrcStatus = Chirpstack.Gateway.CRCStatus.CrcOk,
        };
        rx.Metadata.Add("region_config_id", region.ToLowerInvariant());
        rx.Metadata.Add("region_common_name", region);
        e.RxInfo.Add(rx);
        return Formatter.Format(e);
    }

    /// <summary>A <c>join</c> event (sent at the first uplink after an OTAA join).</summary>
    public static string Join(DeviceInfo device, DateTimeOffset at, string devAddr) => Formatter.Format(new JoinEvent
    {
        DeduplicationId = Guid.NewGuid().ToString(),
        Time = Timestamp.FromDateTimeOffset(at),
        DeviceInfo = device,
        DevAddr = devAddr,
    });

    /// <summary>An <c>ack</c> event: the device confirmed (or did not confirm in time) a confirmed downlink.</summary>
    public static string Ack(DeviceInfo device, DateTimeOffset at, string queueItemId, bool acknowledged, uint fCntDown) => Formatter.Format(new AckEvent
    {
        DeduplicationId = Guid.NewGuid().ToString(),
        Time = Timestamp.FromDateTimeOffset(at),
        DeviceInfo = device,
        QueueItemId = queueItemId,
        Acknowledged = acknowledged,
        FCntDown = fCntDown,
    });

    /// <summary>A <c>txack</c> event: a gateway took the downlink for transmission.</summary>
    public static string TxAck(DeviceInfo device, DateTimeOffset at, string queueItemId, uint fCntDown) => Formatter.Format(new TxAckEvent
    {
        DownlinkId = (uint)Random.Shared.Next(1, int.MaxValue),
        Time = Timestamp.FromDateTimeOffset(at),
        DeviceInfo = device,
        QueueItemId = queueItemId,
        FCntDown = fCntDown,
        GatewayId = "0016c001ff1e5a7b",
    });

    /// <summary>A <c>status</c> event: the device's answer to a DevStatusReq (link margin, battery).</summary>
    public static string Status(DeviceInfo device, DateTimeOffset at, int margin, bool externalPower, float? batteryPercent) => Formatter.Format(new StatusEvent
    {
        DeduplicationId = Guid.NewGuid().ToString(),
        Time = Timestamp.FromDateTimeOffset(at),
        DeviceInfo = device,
        Margin = margin,
        ExternalPowerSource = externalPower,
        BatteryLevelUnavailable = batteryPercent == null && !externalPower,
        BatteryLevel = batteryPercent ?? 0,
    });

    /// <summary>A <c>log</c> event.</summary>
    public static string Log(DeviceInfo device, DateTimeOffset at, LogLevel level, LogCode code, string description, IReadOnlyDictionary<string, string>? context = null)
    {
        var e = new LogEvent { Time = Timestamp.FromDateTimeOffset(at), DeviceInfo = device, Level = level, Code = code, Description = description };
        foreach (var (key, value) in context ?? new Dictionary<string, string>())
        {
            e.Context.Add(key, value);
        }

        return Formatter.Format(e);
    }

    /// <summary>Reads a <c>command/down</c> message as ChirpStack does (JSON of its <c>DownlinkCommand</c>); null when it is not one.</summary>
    public static DownlinkCommand? ParseDownlink(string json)
    {
        try
        {
            return JsonParser.Default.Parse<DownlinkCommand>(json);
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            return null;
        }
    }
}
