using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;

namespace nanoFramework.Json;

/// <summary>
/// Stand-in for nanoFramework.Json's <c>JsonConvert</c>, keeping what the device library does and firmware
/// must live with: objects serialize through their public, non-virtual instance property getters only
/// (fields are ignored), key order is not guaranteed, enums come out as numbers, other structs as null,
/// dictionaries (a Hashtable) as objects, anything enumerable as an array, NaN as null and DateTime as
/// ISO 8601; property names match case-sensitively unless asked otherwise. Parsing uses the BCL's JSON
/// reader; mapping onto types is hand-written to follow the device library's rules.
/// </summary>
public static class JsonConvert
{
    /// <summary>JSON text of <paramref name="oSource"/>.</summary>
    public static string SerializeObject(object oSource)
    {
        var text = new StringBuilder();
        Write(text, oSource);
        return text.ToString();
    }

    /// <summary>An object of <paramref name="type"/> from JSON text.</summary>
    public static object DeserializeObject(string value, Type type) => DeserializeObject(value, type, new JsonSerializerOptions());

    /// <summary>An object of <paramref name="type"/> from JSON text.</summary>
    public static object DeserializeObject(string value, Type type, JsonSerializerOptions options)
    {
        using var document = JsonDocument.Parse(value);
        return Convert(document.RootElement, type, options ?? new JsonSerializerOptions());
    }

    /// <summary>An object of <paramref name="type"/> from a stream of JSON.</summary>
    public static object DeserializeObject(Stream stream, Type type) => DeserializeObject(stream, type, new JsonSerializerOptions());

    /// <summary>An object of <paramref name="type"/> from a stream of JSON.</summary>
    public static object DeserializeObject(Stream stream, Type type, JsonSerializerOptions options)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, false, 1024, leaveOpen: true);
        return DeserializeObject(reader.ReadToEnd(), type, options);
    }

    /// <summary>An object of <paramref name="type"/> from a reader of JSON.</summary>
    public static object DeserializeObject(StreamReader streamReader, Type type) => DeserializeObject(streamReader.ReadToEnd(), type, new JsonSerializerOptions());

    /// <summary>An object of <paramref name="type"/> from a reader of JSON.</summary>
    public static object DeserializeObject(StreamReader streamReader, Type type, JsonSerializerOptions options) => DeserializeObject(streamReader.ReadToEnd(), type, options);

    private static void Write(StringBuilder text, object value)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                return;
            case string s:
                text.Append(JsonSerializer.Serialize(s));
                return;
            case bool b:
                text.Append(b ? "true" : "false");
                return;
            case char c:
                text.Append(JsonSerializer.Serialize(c.ToString()));
                return;
            case DateTime d:
                text.Append('"').Append(d.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture)).Append('"');
                return;
            case TimeSpan t:
                text.Append('"').Append(t.ToString("c", CultureInfo.InvariantCulture)).Append('"');
                return;
            case Enum e:
                text.Append(System.Convert.ToInt64(e, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                return;
            case double dbl:
                text.Append(double.IsNaN(dbl) || double.IsInfinity(dbl) ? "null" : dbl.ToString("R", CultureInfo.InvariantCulture));
                return;
            case float f:
                text.Append(float.IsNaN(f) || float.IsInfinity(f) ? "null" : f.ToString("R", CultureInfo.InvariantCulture));
                return;
            case IConvertible number when value.GetType().IsPrimitive:
                text.Append(number.ToString(CultureInfo.InvariantCulture));
                return;
            case IDictionary dictionary:
                text.Append('{');
                var first = true;
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (!first)
                    {
                        text.Append(',');
                    }

                    first = false;
                    text.Append(JsonSerializer.Serialize(entry.Key.ToString())).Append(':');
                    Write(text, entry.Value);
                }

                text.Append('}');
                return;
            case IEnumerable items:
                text.Append('[');
                var firstItem = true;
                foreach (var item in items)
                {
                    if (!firstItem)
                    {
                        text.Append(',');
                    }

                    firstItem = false;
                    Write(text, item);
                }

                text.Append(']');
                return;
        }

        var type = value.GetType();
        if (type.IsValueType)
        {
            // The device library has no converter for user structs.
            text.Append("null");
            return;
        }

        text.Append('{');
        var firstProperty = true;
        foreach (var property in SerializableProperties(type))
        {
            if (!firstProperty)
            {
                text.Append(',');
            }

            firstProperty = false;
            text.Append(JsonSerializer.Serialize(property.Name)).Append(':');
            Write(text, property.GetValue(value));
        }

        text.Append('}');
    }

    // Public instance properties with a non-virtual getter and no index, in the order a Hashtable would give.
    private static IEnumerable<PropertyInfo> SerializableProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is { IsPublic: true, IsVirtual: false, IsAbstract: false })
            .OrderBy(p => p.Name.GetHashCode());

    private static object Convert(JsonElement element, Type type, JsonSerializerOptions options)
    {
        if (element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (type == typeof(object))
        {
            return Loose(element);
        }

        if (type == typeof(string))
        {
            return element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
        }

        if (type == typeof(bool))
        {
            return element.GetBoolean();
        }

        if (type == typeof(DateTime))
        {
            return DateTime.Parse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        }

        if (type == typeof(TimeSpan))
        {
            return TimeSpan.Parse(element.GetString(), CultureInfo.InvariantCulture);
        }

        if (type.IsEnum)
        {
            return Enum.ToObject(type, element.GetInt64());
        }

        if (type.IsPrimitive)
        {
            return System.Convert.ChangeType(element.GetDouble(), type, CultureInfo.InvariantCulture);
        }

        if (type == typeof(Hashtable))
        {
            return Loose(element);
        }

        if (type == typeof(ArrayList))
        {
            return Loose(element);
        }

        if (type.IsArray)
        {
            var itemType = type.GetElementType();
            var array = Array.CreateInstance(itemType, element.GetArrayLength());
            var index = 0;
            foreach (var item in element.EnumerateArray())
            {
                array.SetValue(Convert(item, itemType, options), index++);
            }

            return array;
        }

        var result = type.GetConstructor(Type.EmptyTypes)?.Invoke(null)
            ?? throw new InvalidCastException($"{type.Name} has no parameterless constructor");
        var comparison = options.PropertyNameCaseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (var member in element.EnumerateObject())
        {
            var property = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(p => p.SetMethod != null && string.Equals(p.Name, member.Name, comparison));
            if (property == null)
            {
                if (options.ThrowExceptionWhenPropertyNotFound)
                {
                    throw new DeserializationException($"no property '{member.Name}' on {type.Name}");
                }

                continue;
            }

            property.SetValue(result, Convert(member.Value, property.PropertyType, options));
        }

        return result;
    }

    // Untyped JSON: objects as Hashtable, arrays as ArrayList, numbers as long when whole, else double.
    private static object Loose(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var table = new Hashtable();
                foreach (var member in element.EnumerateObject())
                {
                    table[member.Name] = Loose(member.Value);
                }

                return table;
            case JsonValueKind.Array:
                var list = new ArrayList();
                foreach (var item in element.EnumerateArray())
                {
                    list.Add(Loose(item));
                }

                return list;
            case JsonValueKind.String:
                return element.GetString();
            case JsonValueKind.Number:
                return element.TryGetInt64(out var whole) ? whole : element.GetDouble();
            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}

/// <summary>Stand-in for nanoFramework.Json's <c>DeserializationException</c>.</summary>
public class DeserializationException : Exception
{
    /// <summary>A failure to map JSON onto a type.</summary>
    public DeserializationException(string message)
        : base(message)
    {
    }
}
