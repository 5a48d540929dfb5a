using System.Text;

namespace EdgeDevices.Firmware.Json
{
    /// <summary>
    /// Builds compact JSON text. Numbers are written from integers (<see cref="NumberText"/>), so output is
    /// byte-for-byte the same on the device and the host.
    /// </summary>
    public sealed class JsonWriter
    {
        private const int MaxDepth = 16;

        private readonly StringBuilder _sb;
        private readonly bool[] _hasMembers = new bool[MaxDepth + 1];
        private int _depth;
        private bool _afterName;

        /// <summary>Creates a writer with a starting capacity.</summary>
        public JsonWriter(int capacity)
        {
            _sb = new StringBuilder(capacity);
        }

        /// <summary>Starts an object (as a value or at top level).</summary>
        public void BeginObject()
        {
            BeforeValue();
            _sb.Append('{');
            Push();
        }

        /// <summary>Ends the current object.</summary>
        public void EndObject()
        {
            _depth--;
            _sb.Append('}');
        }

        /// <summary>Starts an array.</summary>
        public void BeginArray()
        {
            BeforeValue();
            _sb.Append('[');
            Push();
        }

        /// <summary>Ends the current array.</summary>
        public void EndArray()
        {
            _depth--;
            _sb.Append(']');
        }

        /// <summary>Writes a member name; the next call writes its value.</summary>
        public void Name(string name)
        {
            BeforeValue();
            AppendQuoted(name);
            _sb.Append(':');
            _afterName = true;
        }

        /// <summary>Writes a string value (null writes null).</summary>
        public void String(string value)
        {
            BeforeValue();
            if (value == null)
            {
                _sb.Append("null");
            }
            else
            {
                AppendQuoted(value);
            }
        }

        /// <summary>Writes an integer value.</summary>
        public void Integer(long value)
        {
            BeforeValue();
            NumberText.AppendInteger(_sb, value);
        }

        /// <summary>Writes scaled / 10^decimals with that many decimals.</summary>
        public void Scaled(long scaled, int decimals)
        {
            BeforeValue();
            NumberText.AppendScaled(_sb, scaled, decimals);
        }

        /// <summary>Writes true or false.</summary>
        public void Boolean(bool value)
        {
            BeforeValue();
            _sb.Append(value ? "true" : "false");
        }

        /// <summary>The text written so far.</summary>
        public override string ToString()
        {
            return _sb.ToString();
        }

        private void Push()
        {
            if (_depth == MaxDepth)
            {
                throw new System.InvalidOperationException("JSON nested deeper than the writer allows");
            }

            _depth++;
            _hasMembers[_depth] = false;
        }

        private void BeforeValue()
        {
            if (_afterName)
            {
                _afterName = false;
                return;
            }

            if (_depth > 0)
            {
                if (_hasMembers[_depth])
                {
                    _sb.Append(',');
                }

                _hasMembers[_depth] = true;
            }
        }

        private void AppendQuoted(string value)
        {
            _sb.Append('"');
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '"':
                        _sb.Append("\\\"");
                        break;
                    case '\\':
                        _sb.Append("\\\\");
                        break;
                    case '\n':
                        _sb.Append("\\n");
                        break;
                    case '\r':
                        _sb.Append("\\r");
                        break;
                    case '\t':
                        _sb.Append("\\t");
                        break;
                    default:
                        if (c < ' ')
                        {
                            _sb.Append("\\u00");
                            _sb.Append(HexDigit(c >> 4));
                            _sb.Append(HexDigit(c & 0xF));
                        }
                        else
                        {
                            _sb.Append(c);
                        }

                        break;
                }
            }

            _sb.Append('"');
        }

        private static char HexDigit(int value)
        {
            return (char)(value < 10 ? '0' + value : 'a' + value - 10);
        }
    }
}
