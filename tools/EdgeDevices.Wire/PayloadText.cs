using System.Globalization;
using System.Text;
using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Firmware.Messages;

namespace EdgeDevices.Wire;

/// <summary>Turns what a technician pastes (hex, base64 from ChirpStack, or JSON) into a message.</summary>
public static class PayloadText
{
    /// <summary>Decodes <paramref name="text"/>; <paramref name="format"/> is auto, hex, base64 or json.</summary>
    public static Message Decode(string text, string format)
    {
        text = text.Trim();
        switch (format)
        {
            case "json":
                return JsonCodec.Decode(text);
            case "hex":
                return CompactCodec.Decode(FromHex(text));
            case "base64":
                return CompactCodec.Decode(FromBase64(text));
        }

        if (text.StartsWith('{'))
        {
            return JsonCodec.Decode(text);
        }

        var hex = text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (hex.Length % 2 == 0 && hex.All(Uri.IsHexDigit))
        {
            return CompactCodec.Decode(FromHex(hex));
        }

        return CompactCodec.Decode(FromBase64(text));
    }

    /// <summary>Upper-case hex with no separators.</summary>
    public static string Hex(byte[] bytes) => Convert.ToHexString(bytes);

    private static byte[] FromHex(string text)
    {
        var clean = text.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (clean.Length % 2 != 0 || !clean.All(Uri.IsHexDigit))
        {
            throw new CodecException(CodecError.Truncated, null, "not a whole number of hex bytes");
        }

        return Convert.FromHexString(clean);
    }

    private static byte[] FromBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new CodecException(CodecError.MalformedJson, null, "payload is neither JSON, hex nor base64");
        }
    }

    /// <summary>"21.50" from 2150 and 2, invariant.</summary>
    public static string Fixed(long scaled, int decimals)
    {
        var sb = new StringBuilder();
        EdgeDevices.Firmware.Json.NumberText.AppendScaled(sb, scaled, decimals);
        return sb.ToString();
    }

    /// <summary>ISO time of a message timestamp, or "clock not set".</summary>
    public static string Time(uint unixSeconds) =>
        unixSeconds == 0 ? "clock not set" : DateTimeOffset.FromUnixTimeSeconds(unixSeconds).ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
