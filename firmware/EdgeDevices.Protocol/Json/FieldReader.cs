using System.Collections;

namespace EdgeDevices.Firmware.Json
{
    /// <summary>
    /// Reads typed fields out of a <see cref="JsonObject"/> and records every problem with the field's
    /// full path instead of stopping at the first, so one pass can tell a technician everything that is
    /// wrong. Nested objects share the parent's error list. The readers return the default value when a
    /// field is missing or bad; callers check <see cref="HasErrors"/> before trusting the result.
    /// </summary>
    public sealed class FieldReader
    {
        private readonly JsonObject _object;
        private readonly string _prefix;
        private readonly ArrayList _errors;

        /// <summary>Reads the top-level object.</summary>
        public FieldReader(JsonObject obj)
            : this(obj, string.Empty, new ArrayList())
        {
        }

        private FieldReader(JsonObject obj, string prefix, ArrayList errors)
        {
            _object = obj;
            _prefix = prefix;
            _errors = errors;
        }

        /// <summary>Whether any problem has been recorded (in this reader or any sharing its list).</summary>
        public bool HasErrors
        {
            get { return _errors.Count > 0; }
        }

        /// <summary>Problems recorded so far, in the order found.</summary>
        public FieldError[] Errors
        {
            get { return (FieldError[])_errors.ToArray(typeof(FieldError)); }
        }

        /// <summary>Whether the field is present (even if null).</summary>
        public bool Has(string name)
        {
            return _object.Contains(name);
        }

        /// <summary>Full path of a field of this object.</summary>
        public string PathOf(string name)
        {
            return _prefix + name;
        }

        /// <summary>Records a problem with a field of this object.</summary>
        public void AddError(string name, FieldErrorKind kind, string message)
        {
            _errors.Add(new FieldError(PathOf(name), kind, PathOf(name) + " " + message));
        }

        /// <summary>A whole number in [min, max].</summary>
        public long Integer(string name, bool required, long defaultValue, long min, long max)
        {
            JsonNumber number = Number(name, required);
            if (number == null)
            {
                return defaultValue;
            }

            long value;
            if (!number.TryGetInteger(out value))
            {
                AddError(name, FieldErrorKind.WrongType, "must be a whole number, not " + number.Text);
                return defaultValue;
            }

            return InRange(name, value, min, max, defaultValue, 0);
        }

        /// <summary>A decimal number as value × 10^decimals (rounded), in [min, max] of that scaled value.</summary>
        public long Scaled(string name, int decimals, bool required, long defaultValue, long min, long max)
        {
            JsonNumber number = Number(name, required);
            if (number == null)
            {
                return defaultValue;
            }

            long value;
            if (!number.TryGetScaled(decimals, out value))
            {
                AddError(name, FieldErrorKind.OutOfRange, "is too large: " + number.Text);
                return defaultValue;
            }

            return InRange(name, value, min, max, defaultValue, decimals);
        }

        /// <summary>true or false.</summary>
        public bool Boolean(string name, bool required, bool defaultValue)
        {
            object raw = Raw(name, required);
            if (raw == null)
            {
                return defaultValue;
            }

            if (!(raw is bool))
            {
                AddError(name, FieldErrorKind.WrongType, "must be true or false");
                return defaultValue;
            }

            return (bool)raw;
        }

        /// <summary>A string whose length is in [minLength, maxLength].</summary>
        public string String(string name, bool required, string defaultValue, int minLength, int maxLength)
        {
            object raw = Raw(name, required);
            if (raw == null)
            {
                return defaultValue;
            }

            string value = raw as string;
            if (value == null)
            {
                AddError(name, FieldErrorKind.WrongType, "must be a string");
                return defaultValue;
            }

            if (value.Length < minLength || value.Length > maxLength)
            {
                AddError(name, FieldErrorKind.OutOfRange, "must be " + NumberText.Integer(minLength) + " to " + NumberText.Integer(maxLength) + " characters long");
                return defaultValue;
            }

            return value;
        }

        /// <summary>
        /// A string that must be one of the names <paramref name="lookup"/> gives for 0..<paramref name="maxValue"/>;
        /// returns its numeric value, or -1 (with an error naming <paramref name="allowed"/>) when absent or unknown.
        /// </summary>
        public int Name(string name, bool required, int maxValue, NameLookup lookup, string allowed)
        {
            string text = String(name, required, null, 1, 64);
            if (text == null)
            {
                return -1;
            }

            int value = FindName(text, maxValue, lookup);
            if (value < 0)
            {
                AddError(name, FieldErrorKind.InvalidValue, "must be " + allowed);
            }

            return value;
        }

        /// <summary>The value whose name is <paramref name="text"/>, or -1.</summary>
        public static int FindName(string text, int maxValue, NameLookup lookup)
        {
            for (int value = 0; value <= maxValue; value++)
            {
                string candidate = lookup(value);
                if (candidate != null && candidate == text)
                {
                    return value;
                }
            }

            return -1;
        }

        /// <summary>A nested object; null (and an error if required) when absent or not an object.</summary>
        public FieldReader Object(string name, bool required)
        {
            object raw = Raw(name, required);
            if (raw == null)
            {
                return null;
            }

            JsonObject obj = raw as JsonObject;
            if (obj == null)
            {
                AddError(name, FieldErrorKind.WrongType, "must be an object");
                return null;
            }

            return new FieldReader(obj, PathOf(name) + ".", _errors);
        }

        /// <summary>An array; null (and an error if required) when absent or not an array.</summary>
        public JsonArray Array(string name, bool required)
        {
            object raw = Raw(name, required);
            if (raw == null)
            {
                return null;
            }

            JsonArray array = raw as JsonArray;
            if (array == null)
            {
                AddError(name, FieldErrorKind.WrongType, "must be an array");
            }

            return array;
        }

        /// <summary>Reader over an object item of an array field, with path name[index].</summary>
        public FieldReader Item(string arrayName, JsonArray array, int index)
        {
            JsonObject obj = array[index] as JsonObject;
            string path = PathOf(arrayName) + "[" + NumberText.Integer(index) + "]";
            if (obj == null)
            {
                _errors.Add(new FieldError(path, FieldErrorKind.WrongType, path + " must be an object"));
                return null;
            }

            return new FieldReader(obj, path + ".", _errors);
        }

        /// <summary>Records every member not named in <paramref name="known"/> as an unknown field.</summary>
        public void RejectUnknown(string[] known)
        {
            for (int i = 0; i < _object.Count; i++)
            {
                string name = _object.NameAt(i);
                bool found = false;
                for (int k = 0; k < known.Length; k++)
                {
                    if (known[k] == name)
                    {
                        found = true;
                        break;
                    }
                }

                if (!found)
                {
                    AddError(name, FieldErrorKind.UnknownField, "is not a known setting (misspelt?)");
                }
            }
        }

        private object Raw(string name, bool required)
        {
            if (!_object.Contains(name))
            {
                if (required)
                {
                    AddError(name, FieldErrorKind.Missing, "is required");
                }

                return null;
            }

            object raw = _object.Get(name);
            if (raw == null)
            {
                AddError(name, FieldErrorKind.WrongType, "must not be null");
            }

            return raw;
        }

        private JsonNumber Number(string name, bool required)
        {
            object raw = Raw(name, required);
            if (raw == null)
            {
                return null;
            }

            JsonNumber number = raw as JsonNumber;
            if (number == null)
            {
                AddError(name, FieldErrorKind.WrongType, "must be a number");
            }

            return number;
        }

        private long InRange(string name, long value, long min, long max, long defaultValue, int decimals)
        {
            if (value < min || value > max)
            {
                System.Text.StringBuilder sb = new System.Text.StringBuilder();
                sb.Append("must be between ");
                NumberText.AppendScaled(sb, min, decimals);
                sb.Append(" and ");
                NumberText.AppendScaled(sb, max, decimals);
                AddError(name, FieldErrorKind.OutOfRange, sb.ToString());
                return defaultValue;
            }

            return value;
        }
    }
}
