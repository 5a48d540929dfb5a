using System.CommandLine;
using EdgeDevices.Firmware.Codec;
using EdgeDevices.Firmware.Codec.Compact;
using EdgeDevices.Firmware.Codec.JsonForm;
using EdgeDevices.Wire;
using Spectre.Console;

var payload = new Argument<string>("payload") { Description = "Compact payload as hex or base64 (a ChirpStack \"data\" field), or a JSON message" };
var format = new Option<string>("--format") { Description = "auto, hex, base64 or json", DefaultValueFactory = _ => "auto" };
format.AcceptOnlyFromAmong("auto", "hex", "base64", "json");
var decode = new Command("decode", "Decode a device payload and print it as the JSON form") { payload, format };
decode.SetAction(result =>
{
    try
    {
        var message = PayloadText.Decode(result.GetValue(payload)!, result.GetValue(format)!);
        Console.WriteLine(JsonCodec.Encode(message));
        return 0;
    }
    catch (CodecException ex)
    {
        Console.Error.WriteLine($"cannot decode: {ex.Error}{(ex.Field is null ? "" : " (field " + ex.Field + ")")}: {ex.Message}");
        return 2;
    }
});

var json = new Argument<string>("json") { Description = "A message in the JSON form" };
var encode = new Command("encode", "Encode a JSON message in the compact form (hex and base64)") { json };
encode.SetAction(result =>
{
    try
    {
        var bytes = CompactCodec.Encode(JsonCodec.Decode(result.GetValue(json)!));
        Console.WriteLine($"{bytes.Length} bytes");
        Console.WriteLine($"hex    {PayloadText.Hex(bytes)}");
        Console.WriteLine($"base64 {Convert.ToBase64String(bytes)}");
        return 0;
    }
    catch (CodecException ex)
    {
        Console.Error.WriteLine($"cannot encode: {ex.Error}{(ex.Field is null ? "" : " (field " + ex.Field + ")")}: {ex.Message}");
        return 2;
    }
});

var root = new RootCommand("edgewire: the EdgeDevices wire format from a shell") { decode, encode };
return root.Parse(args).Invoke();
