using System.Collections;

namespace EdgeDevices.Firmware.Json
{
    /// <summary>
    /// A parsed JSON object: names in document order with their values (string, bool, null,
    /// <see cref="JsonNumber"/>, <see cref="JsonObject"/> or <see cref="JsonArray"/>). Objects in device
    /// payloads are small, so lookups are linear and no hash table is needed.
    /// </summary>
    public sealed class JsonObject
    {
        private readonly ArrayList _names = new ArrayList();
        private readonly ArrayList _values = new ArrayList();

        /// <summary>Number of members.</summary>
        public int Count
        {
            get { return _names.Count; }
        }

        /// <summary>Name of the member at <paramref name="index"/>.</summary>
        public string NameAt(int index)
        {
            return (string)_names[index];
        }

        /// <summary>Value of the member at <paramref name="index"/>.</summary>
        public object ValueAt(int index)
        {
            return _values[index];
        }

        /// <summary>Whether a member of that name exists (its value may be null).</summary>
        public bool Contains(string name)
        {
            return IndexOf(name) >= 0;
        }

        /// <summary>The member's value, or null when absent.</summary>
        public object Get(string name)
        {
            int index = IndexOf(name);
            return index < 0 ? null : _values[index];
        }

        /// <summary>Adds a member; false when the name is already present.</summary>
        public bool TryAdd(string name, object value)
        {
            if (IndexOf(name) >= 0)
            {
                return false;
            }

            _names.Add(name);
            _values.Add(value);
            return true;
        }

        private int IndexOf(string name)
        {
            for (int i = 0; i < _names.Count; i++)
            {
                if ((string)_names[i] == name)
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
