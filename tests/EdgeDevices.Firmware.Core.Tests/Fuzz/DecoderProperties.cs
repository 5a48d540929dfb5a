using System.Text;
using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Config;
using EdgeDevices.Firmware.Core.Tests.Codec;
using EdgeDevices.Firmware.Lighting.Schedule;
using FsCheck.Xunit;

namespace EdgeDevices.Firmware.Core.Tests.Fuzz;

/// <summary>
/// Property-based and fuzz-style checks of everything that reads outside input: whatever arrives, the
/// decoders and parsers end (no hang), throw nothing but their own documented error, and every rejection
/// names what is wrong. Inputs are random bytes and text, and valid messages with random damage.
/// </summary>
public sealed class DecoderProperties
{
    private static readonly byte[][] ValidCompact = [.. SampleMessages.All().Select(CompactCodec.Encode)];
    private static readonly string[] ValidJson = [.. SampleMessages.All().Select(JsonCodec.Encode)];

    [Property(MaxTest = 3000)]
    public bool Compact_decoding_of_any_bytes_returns_a_message_or_a_codec_error(byte[] bytes) => Decodes(() => CompactCodec.Decode(bytes ?? []));

    [Property(MaxTest = 3000)]
    public bool Compact_decoding_of_damaged_messages_returns_a_message_or_a_codec_error(int seed)
    {
        var random = new Random(seed);
        var bytes = (byte[])ValidCompact[random.Next(ValidCompact.Length)].Clone();
        for (var flips = random.Next(1, 4); flips > 0; flips--)
        {
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
        }

        var cut = random.Next(3) == 0 ? bytes[..random.Next(bytes.Length)] : bytes;
        return Decodes(() => CompactCodec.Decode(cut));
    }

    [Property(MaxTest = 3000)]
    public bool Json_decoding_of_any_text_returns_a_message_or_a_codec_error(string text) =>
        Decodes(() => JsonCodec.Decode(Encoding.UTF8.GetBytes(text ?? string.Empty), 0, Encoding.UTF8.GetByteCount(text ?? string.Empty)));

    [Property(MaxTest = 3000)]
    public bool Json_decoding_of_damaged_messages_returns_a_message_or_a_codec_error(int seed)
    {
        var random = new Random(seed);
        var text = new StringBuilder(ValidJson[random.Next(ValidJson.Length)]);
        const string Noise = "{}[]\",:0123456789-.eEtruefalsn \\u";
        for (var edits = random.Next(1, 5); edits > 0; edits--)
        {
            var at = random.Next(text.Length);
            switch (random.Next(3))
            {
                case 0: text[at] = Noise[random.Next(Noise.Length)]; break;
                case 1: text.Remove(at, 1); break;
                default: text.Insert(at, Noise[random.Next(Noise.Length)]); break;
            }
        }

        return Decodes(() => JsonCodec.Decode(text.ToString()));
    }

    [Property(MaxTest = 2000)]
    public bool Device_configuration_parsing_never_throws_and_names_every_problem(int seed)
    {
        var text = Damaged(seed, """
            { "version": 1, "deviceId": "sl-0001", "role": "streetlight", "board": "esp32-devkitc-streetlight",
              "wifi": { "ssid": "city-iot", "password": "correct horse battery" },
              "mqtt": { "host": "gateway.local", "password": "device-key-0001" },
              "location": { "latitude": 51.1694, "longitude": 71.4491 }, "lamp": { "ratedWatts": 100 } }
            """);
        var result = DeviceConfigParser.Parse(text);
        return result.IsValid || (result.Errors.Length > 0 && result.Errors.All(e => !string.IsNullOrEmpty(e.Field) && !string.IsNullOrEmpty(e.Message)));
    }

    [Property(MaxTest = 2000)]
    public bool Schedule_parsing_never_throws_and_names_every_problem(int seed)
    {
        var text = Damaged(seed, """
            { "version": 3, "holidays": ["01-01", "2026-05-27"], "defaultProgram": 1,
              "programs": [ { "id": 1, "activeFrom": "sunset-10", "activeUntil": "sunrise+10", "steps": [ { "at": "23:00", "level": 70 } ] } ],
              "calendar": [ { "program": 1, "weekdays": ["mon", "fri"], "from": "10-01", "until": "03-31" } ] }
            """);
        var result = ScheduleJson.Parse(text);
        return result.IsValid || (result.Errors.Length > 0 && result.Errors.All(e => !string.IsNullOrEmpty(e.Field) && !string.IsNullOrEmpty(e.Message)));
    }

    // True when decoding ended with a message or with a codec error that says why; anything else fails.
    private static bool Decodes(Func<object> decode)
    {
        try
        {
            return decode() != null;
        }
        catch (CodecException ex)
        {
            return !string.IsNullOrEmpty(ex.Message);
        }
    }

    private static string Damaged(int seed, string valid)
    {
        var random = new Random(seed);
        var text = new StringBuilder(valid);
        const string Noise = "{}[]\",:0123456789-.eEtruefalsn x";
        for (var edits = random.Next(0, 6); edits > 0; edits--)
        {
            var at = random.Next(text.Length);
            switch (random.Next(3))
            {
                case 0: text[at] = Noise[random.Next(Noise.Length)]; break;
                case 1: text.Remove(at, 1); break;
                default: text.Insert(at, Noise[random.Next(Noise.Length)]); break;
            }
        }

        return text.ToString();
    }
}
