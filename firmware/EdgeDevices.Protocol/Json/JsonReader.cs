using System.Text;

namespace EdgeDevices.Firmware.Json
{
    /// <summary>
    /// A strict RFC 8259 parser into <see cref="JsonObject"/> / <see cref="JsonArray"/> / string / bool /
    /// null / <see cref="JsonNumber"/>. Input comes from the network and from files a technician wrote, so
    /// nesting depth and length are bounded (no stack overflow on hostile input) and duplicate names are
    /// an error rather than a silent choice.
    /// </summary>
    public sealed class JsonReader
    {
        /// <summary>Nesting depth allowed by default.</summary>
        public const int DefaultMaxDepth = 16;

        private readonly string _text;
        private readonly int _maxDepth;
        private int _position;
        private int _depth;

        private JsonReader(string text, int maxDepth)
        {
            _text = text;
            _maxDepth = maxDepth;
        }

        /// <summary>Parses one JSON value that must span the whole text (surrounding whitespace allowed).</summary>
        public static object Parse(string text)
        {
            return Parse(text, DefaultMaxDepth);
        }

        /// <summary>Parses with an explicit nesting limit.</summary>
        public static object Parse(string text, int maxDepth)
        {
            if (text == null)
            {
                throw new JsonException("no text", 0);
            }

            JsonReader reader = new JsonReader(text, maxDepth);
            reader.SkipWhitespace();
            object value = reader.ParseValue();
            reader.SkipWhitespace();
            if (reader._position != text.Length)
            {
                throw new JsonException("unexpected text after the value", reader._position);
            }

            return value;
        }

        private object ParseValue()
        {
            if (_position >= _text.Length)
            {
                throw new JsonException("unexpected end of text", _position);
            }

            char c = _text[_position];
            switch (c)
            {
                case '{':
                    return ParseObject();
                case '[':
                    return ParseArray();
                case '"':
                    return ParseString();
                case 't':
                    ExpectLiteral("true");
                    return true;
                case 'f':
                    ExpectLiteral("false");
                    return false;
                case 'n':
                    ExpectLiteral("null");
                    return null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ParseNumber();
                    }

                    throw new JsonException("unexpected character '" + c.ToString() + "'", _position);
            }
        }

        private JsonObject ParseObject()
        {
            Enter();
            _position++;
            JsonObject result = new JsonObject();
            SkipWhitespace();
            if (Peek() == '}')
            {
                _position++;
                _depth--;
                return result;
            }

            while (true)
            {
                SkipWhitespace();
                if (Peek() != '"')
                {
                    throw new JsonException("expected a member name", _position);
                }

                int nameAt = _position;
                string name = ParseString();
                SkipWhitespace();
                Expect(':');
                SkipWhitespace();
                object value = ParseValue();
                if (!result.TryAdd(name, value))
                {
                    throw new JsonException("duplicate member \"" + name + "\"", nameAt);
                }

                SkipWhitespace();
                char c = Peek();
                _position++;
                if (c == '}')
                {
                    _depth--;
                    return result;
                }

                if (c != ',')
                {
                    throw new JsonException("expected ',' or '}'", _position - 1);
                }
            }
        }

        private JsonArray ParseArray()
        {
            Enter();
            _position++;
            JsonArray result = new JsonArray();
            SkipWhitespace();
            if (Peek() == ']')
            {
                _position++;
                _depth--;
                return result;
            }

            while (true)
            {
                SkipWhitespace();
                result.Add(ParseValue());
                SkipWhitespace();
                char c = Peek();
                _position++;
                if (c == ']')
                {
                    _depth--;
                    return result;
                }

                if (c != ',')
                {
                    throw new JsonException("expected ',' or ']'", _position - 1);
                }
            }
        }

        private string ParseString()
        {
            int start = _position;
            _position++;
            StringBuilder sb = null;
            int runStart = _position;
            while (true)
            {
                if (_position >= _text.Length)
                {
                    throw new JsonException("unterminated string", start);
                }

                char c = _text[_position];
                if (c == '"')
                {
                    string tail = _text.Substring(runStart, _position - runStart);
                    _position++;
                    if (sb == null)
                    {
                        return tail;
                    }

                    sb.Append(tail);
                    return sb.ToString();
                }

                if (c < ' ')
                {
                    throw new JsonException("control character in string", _position);
                }

                if (c != '\\')
                {
                    _position++;
                    continue;
                }

                if (sb == null)
                {
                    sb = new StringBuilder();
                }

                sb.Append(_text.Substring(runStart, _position - runStart));
                _position++;
                sb.Append(ParseEscape());
                runStart = _position;
            }
        }

        private char ParseEscape()
        {
            if (_position >= _text.Length)
            {
                throw new JsonException("unterminated escape", _position);
            }

            char e = _text[_position++];
            switch (e)
            {
                case '"': return '"';
                case '\\': return '\\';
                case '/': return '/';
                case 'b': return '\b';
                case 'f': return '\f';
                case 'n': return '\n';
                case 'r': return '\r';
                case 't': return '\t';
                case 'u':
                    if (_position + 4 > _text.Length)
                    {
                        throw new JsonException("short \\u escape", _position);
                    }

                    int code = 0;
                    for (int i = 0; i < 4; i++)
                    {
                        int h = EdgeDevices.Firmware.Security.HexText.Digit(_text[_position++]);
                        if (h < 0)
                        {
                            throw new JsonException("bad hex digit in \\u escape", _position - 1);
                        }

                        code = (code << 4) | h;
                    }

                    return (char)code;
                default:
                    throw new JsonException("unknown escape '\\" + e.ToString() + "'", _position - 1);
            }
        }

        private JsonNumber ParseNumber()
        {
            int start = _position;
            if (Peek() == '-')
            {
                _position++;
            }

            if (Peek() == '0')
            {
                _position++;
            }
            else if (!ReadDigits())
            {
                throw new JsonException("expected a digit", _position);
            }

            if (Peek() == '.')
            {
                _position++;
                if (!ReadDigits())
                {
                    throw new JsonException("expected a digit after '.'", _position);
                }
            }

            char c = Peek();
            if (c == 'e' || c == 'E')
            {
                _position++;
                c = Peek();
                if (c == '+' || c == '-')
                {
                    _position++;
                }

                if (!ReadDigits())
                {
                    throw new JsonException("expected a digit in the exponent", _position);
                }
            }

            return new JsonNumber(_text.Substring(start, _position - start));
        }

        private bool ReadDigits()
        {
            int start = _position;
            while (_position < _text.Length && _text[_position] >= '0' && _text[_position] <= '9')
            {
                _position++;
            }

            return _position > start;
        }

        private void ExpectLiteral(string literal)
        {
            if (_position + literal.Length > _text.Length || _text.Substring(_position, literal.Length) != literal)
            {
                throw new JsonException("expected " + literal, _position);
            }

            _position += literal.Length;
        }

        private void Expect(char c)
        {
            if (Peek() != c)
            {
                throw new JsonException("expected '" + c.ToString() + "'", _position);
            }

            _position++;
        }

        private void Enter()
        {
            _depth++;
            if (_depth > _maxDepth)
            {
                throw new JsonException("nested deeper than " + _maxDepth.ToString() + " levels", _position);
            }
        }

        // The current character, or '\0' at the end (never valid where it is tested).
        private char Peek()
        {
            return _position < _text.Length ? _text[_position] : '\0';
        }

        private void SkipWhitespace()
        {
            while (_position < _text.Length)
            {
                char c = _text[_position];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                {
                    return;
                }

                _position++;
            }
        }
    }
}
