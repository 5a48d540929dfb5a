using System.Text;
using EdgeDevices.Firmware.Binary;

namespace EdgeDevices.Firmware.Update
{
    /// <summary>
    /// The bytes of an application bundle: the app's <c>.pe</c> assemblies in load order and the type whose
    /// static <c>Run(DeviceContext)</c> starts the app. Layout, all big-endian: "EDPK", format 1 (u8), entry
    /// type length (u8) and UTF-8 name, assembly count (u8), then per assembly its length (u32) and bytes.
    /// The manifest's SHA-256 covers all of it, so the entry type is signed along with the code. The device
    /// reads a bundle from its update region with <c>BundleImageReader</c> (firmware core).
    /// </summary>
    public sealed class BundleImage
    {
        /// <summary>Format written and read.</summary>
        public const byte Format = 1;

        /// <summary>Most assemblies a bundle holds.</summary>
        public const int MaxAssemblies = 16;

        /// <summary>The four bytes a bundle starts with.</summary>
        public const string MagicText = "EDPK";

        /// <summary>Bytes before the entry type's name: magic, format, name length.</summary>
        public const int HeaderSize = 6;

        /// <summary>Full name of the type whose static <c>Run(DeviceContext)</c> starts the app.</summary>
        public string EntryType { get; set; }

        /// <summary>The <c>.pe</c> images, in the order they are loaded (dependencies first).</summary>
        public byte[][] Assemblies { get; set; }

        /// <summary>The bundle's bytes.</summary>
        public byte[] ToBytes()
        {
            byte[] entry = Encoding.UTF8.GetBytes(EntryType);
            int size = HeaderSize + entry.Length + 1;
            for (int i = 0; i < Assemblies.Length; i++)
            {
                size += 4 + Assemblies[i].Length;
            }

            byte[] bytes = new byte[size];
            int at = 0;
            for (int i = 0; i < MagicText.Length; i++)
            {
                bytes[at++] = (byte)MagicText[i];
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
    }
}
