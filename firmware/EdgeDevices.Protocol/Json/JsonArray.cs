using System.Collections;

namespace EdgeDevices.Firmware.Json
{
    /// <summary>A parsed JSON array.</summary>
    public sealed class JsonArray
    {
        private readonly ArrayList _items = new ArrayList();

        /// <summary>Number of items.</summary>
        public int Count
        {
            get { return _items.Count; }
        }

        /// <summary>Item at <paramref name="index"/>.</summary>
        public object this[int index]
        {
            get { return _items[index]; }
        }

        /// <summary>Appends an item.</summary>
        public void Add(object item)
        {
            _items.Add(item);
        }
    }
}
