using System.Text;
using EdgeDevices.Firmware.Binary;
using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Firmware.Update
{
    /// <summary>
    /// Reads a <see cref="BundleImage"/> (its layout is the wire contract's) from the device's update region,
    /// refusing anything that is not exactly one bundle.
    /// </summary>
    public static class BundleImageReader
    {
        /// <summary>The bundle in the first <paramref name="size"/> bytes of <paramref name="storage"/>, or null when they are not one.</summary>
        public static BundleImage Read(IFlashStorage storage, int size)
        {
            if (size < BundleImage.HeaderSize + 1 || size > storage.Length)
            {
                return null;
            }

            byte[] head = new byte[BundleImage.HeaderSize];
            storage.Read(0, head, 0, BundleImage.HeaderSize);
            for (int i = 0; i < BundleImage.MagicText.Length; i++)
            {
                if (head[i] != (byte)BundleImage.MagicText[i])
                {
                    return null;
                }
            }

            int entryLength = head[5];
            if (head[4] != BundleImage.Format || entryLength == 0 || BundleImage.HeaderSize + entryLength + 1 > size)
            {
                return null;
            }

            byte[] entry = new byte[entryLength + 1];
            storage.Read(BundleImage.HeaderSize, entry, 0, entryLength + 1);
            int count = entry[entryLength];
            if (count == 0 || count > BundleImage.MaxAssemblies)
            {
                return null;
            }

            BundleImage image = new BundleImage();
            image.EntryType = Encoding.UTF8.GetString(entry, 0, entryLength);
            image.Assemblies = new byte[count][];
            int at = BundleImage.HeaderSize + entryLength + 1;
            byte[] length = new byte[4];
            for (int i = 0; i < count; i++)
            {
                if (at + 4 > size)
                {
                    return null;
                }

                storage.Read(at, length, 0, 4);
                uint n = BigEndian.ReadUInt(length, 0, 4);
                at += 4;
                if (n == 0 || n > (uint)(size - at))
                {
                    return null;
                }

                byte[] pe = new byte[(int)n];
                storage.Read(at, pe, 0, (int)n);
                image.Assemblies[i] = pe;
                at += (int)n;
            }

            return at == size ? image : null;
        }
    }
}
