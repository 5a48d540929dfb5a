namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// Follows the MQTT fixed headers in one client's inbound byte stream as the broker reads it and says when a
/// packet announces more than is allowed: the first packet must be a CONNECT of at most
/// <c>maxConnectBytes</c>, every later one at most <c>maxPacketBytes</c> (whole packet: header, remaining
/// length and body). The verdict falls on the last byte of the remaining length, before the broker has
/// allocated the body, so a client announcing 256 MB costs the gateway a few bytes. Hand-written because
/// MQTTnet 5 allocates the announced body before any of its hooks runs and has no size limit of its own.
/// </summary>
public sealed class MqttFrameLimit(int maxConnectBytes, int maxPacketBytes)
{
    private const byte ConnectType = 1;

    private State _state = State.TypeAndFlags;
    private bool _first = true;
    private int _length;
    private int _multiplier = 1;
    private int _lengthBytes;
    private long _bodyLeft;

    private enum State
    {
        TypeAndFlags,
        RemainingLength,
        Body,
    }

    /// <summary>Whether the client's CONNECT has passed (a refusal after it comes from a client that logged in).</summary>
    public bool PastConnect => !_first;

    /// <summary>Why the stream was cut off, or null while it keeps to the limits.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Takes the next <paramref name="bytes"/> the client sent; false (and <see cref="Refusal"/>) when they break a limit.</summary>
    public bool Accept(ReadOnlySpan<byte> bytes)
    {
        if (Refusal != null)
        {
            return false;
        }

        var i = 0;
        while (i < bytes.Length)
        {
            switch (_state)
            {
                case State.TypeAndFlags:
                    if (_first && bytes[i] >> 4 != ConnectType)
                    {
                        return Refuse($"the first packet is of type {bytes[i] >> 4}, not CONNECT");
                    }

                    i++;
                    _length = 0;
                    _multiplier = 1;
                    _lengthBytes = 0;
                    _state = State.RemainingLength;
                    break;

                case State.RemainingLength:
                    var encoded = bytes[i++];
                    _length += (encoded & 127) * _multiplier;
                    _multiplier *= 128;
                    _lengthBytes++;
                    if ((encoded & 128) != 0)
                    {
                        if (_lengthBytes == 4)
                        {
                            return Refuse("a remaining length longer than four bytes");
                        }

                        break;
                    }

                    var limit = _first ? maxConnectBytes : maxPacketBytes;
                    var total = 1L + _lengthBytes + _length;
                    if (total > limit)
                    {
                        return Refuse($"a {(_first ? "CONNECT" : "packet")} of {total} bytes (at most {limit})");
                    }

                    _first = false;
                    _bodyLeft = _length;
                    _state = _length == 0 ? State.TypeAndFlags : State.Body;
                    break;

                default:
                    var taken = (int)Math.Min(_bodyLeft, bytes.Length - i);
                    i += taken;
                    _bodyLeft -= taken;
                    if (_bodyLeft == 0)
                    {
                        _state = State.TypeAndFlags;
                    }

                    break;
            }
        }

        return true;
    }

    private bool Refuse(string reason)
    {
        Refusal = reason;
        return false;
    }
}
