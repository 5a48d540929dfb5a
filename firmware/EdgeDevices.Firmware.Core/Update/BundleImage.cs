using System.Text;
using EdgeDevices.Firmware.Binary;
using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Firmware.Update
{
    /// <summary>
    /// The bytes of an application bundle: the app's <c>.pe</c> assemblies in load order and the type whose
    /// static <c>Run(DeviceContext)</c> starts the app. Layout, all big-endian: "EDPK", format 1 (u8), entry
    /// type length (u8) and UTF-8 name, assembly count (u8), then per assembly its length (u32) and bytes.
    /// The manifest's SHA-256 covers all of it, so the entry type is signed along with the code.
    /// </summary>
    public sealed class BundleImage
    {
        /// <summary>Format written and read.</summary>
        public const byte Format = 1;

        /// <summary>Most assemblies a bundle holds.</summary>
        public const int MaxAssemblies = 16;

        private static readonly byte[] Magic = new byte[] { (byte)'E', (byte)'D', (byte)'P', (byte)'K' };

        /// <summary>Full name of the type whose static <c>Run(DeviceContext)</c> starts the app.</summary>
        public string EntryType { get; set; }

        /// <summary>The <c>.pe</c> images, in the order they are loaded (dependencies first).</summary>
        public byte[][] Assemblies { get; set; }

        /// <summary>The bundle's bytes.</summary>
        public byte[] ToBytes()
        {
            byte[] entry = Encoding.UTF8.GetBytes(EntryType);
            int size = 4 + 1 + 1 + entry.Length + 1;
            for (int i = 0; i < Assemblies.Length; i++)
            {
                size += 4 + Assemblies[i].Length;
            }

            byte[] bytes = new byte[size];
            int at = 0;
            for (int i = 0; i < Magic.Length; i++)
            {
                bytes[at++] = Magic[i];
            }

            bytes[at++] = Format;
            bytes[at++] = (byte)entry.Length;
            for (int i = 0; i < entry.Length; i++)
            {
                bytes[at++] = entry[i];
            }

            bytes[at++] = (byte)Assemblies.Length;
            for (int i = 0; i < Assemblies.Length; i++)
            {
                BigEndian.WriteUInt(bytes, at, 4, (uint)Assemblies[i].Length);
                at += 4;
                byte[] pe = Assemblies[i];
                for (int j = 0; j < pe.Length; j++)
                {
                    bytes[at++] = pe[j];
                }
            }

            return bytes;
        }

        /// <summary>The bundle in the first <paramref name="size"/> bytes of <paramref name="storage"/>, or null when they are not one.</summary>
        public static BundleImage Read(IFlashStorage storage, int size)
        {
            if (size < 7 || size > storage.Length)
            {
                return null;
            }

            byte[] head = new byte[6];
            storage.Read(0, head, 0, 6);
            for (int i = 0; i < Magic.Length; i++)
            {
                if (head[i] != Magic[i])
                {
                    return null;
                }
            }

            int entryLength = head[5];
            if (head[4] != Format || entryLength == 0 || 6 + entryLength + 1 > size)
            {
                return null;
            }

            byte[] entry = new byte[entryLength + 1];
            storage.Read(6, entry, 0, entryLength + 1);
            int count = entry[entryLength];
            if (count == 0 || count > MaxAssemblies)
            {
                return null;
            }

            BundleImage image = new BundleImage();
            image.EntryType = Encoding.UTF8.GetString(entry, 0, entryLength);
            image.Assemblies = new byte[count][];
            int at = 6 + entryLength + 1;
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
