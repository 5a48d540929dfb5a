using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Gateway.Pipeline;

/// <summary>
/// Decodes a device payload with the firmware core's own codec (JSON when it starts with '{', else the
/// compact form) and checks that it arrived on the topic its type belongs to.
/// </summary>
public static class MessageDecoder
{
    /// <summary>The message, or the reason it is refused.</summary>
    public static Message? Decode(IngestItem item, out Rejection? rejection)
    {
        rejection = null;
        var payload = item.Payload;
        if (payload.Length == 0)
        {
            rejection = new Rejection("empty payload");
            return null;
        }

        Message message;
        try
        {
            message = payload[0] == (byte)'{' ? JsonCodec.Decode(payload, 0, payload.Length) : CompactCodec.Decode(payload, 0, payload.Length);
        }
        catch (CodecException ex)
        {
            rejection = new Rejection($"{ex.Error}: {ex.Message}", ex.Field);
            return null;
        }

        if (message is DeviceCommand)
        {
            rejection = new Rejection("a device does not send commands", "type");
            return null;
        }

        var expected = MqttTopics.ChannelFor(message.Type);
        if (expected != item.Channel)
        {
            rejection = new Rejection($"{WireNames.Of(message.Type)} belongs on '{expected}', not '{item.Channel}'", "type");
            return null;
        }

        return message;
    }
}
