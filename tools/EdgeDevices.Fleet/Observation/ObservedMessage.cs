using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Fleet.Observation;

/// <summary>A message a device published, as the broker delivered it.</summary>
public sealed record ObservedMessage(string Topic, string DeviceId, string Channel, byte[] Payload, bool Retained, DateTime ReceivedUtc)
{
    /// <summary>The payload as text (the status topic's online/offline).</summary>
    public string Text => System.Text.Encoding.UTF8.GetString(Payload);

    /// <summary>The payload decoded with the wire codecs, or null when it is not a message (status) or does not decode.</summary>
    public Message? Decoded
    {
        get
        {
            if (Channel == MqttTopics.Status || Payload.Length == 0)
            {
                return null;
            }

            try
            {
                return Payload[0] == (byte)'{' ? JsonCodec.Decode(Payload, 0, Payload.Length) : CompactCodec.Decode(Payload, 0, Payload.Length);
            }
            catch (CodecException)
            {
                return null;
            }
        }
    }
}
