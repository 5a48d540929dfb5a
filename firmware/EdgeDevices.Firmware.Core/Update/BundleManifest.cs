using EdgeDevices.Firmware.Security;

namespace EdgeDevices.Firmware.Update
{
    /// <summary>
    /// What describes an application bundle (the app's <c>.pe</c> assemblies, as one file) and is signed:
    /// which app it is for, its version, its size and its SHA-256. The signature (Ed25519, by the city's
    /// release key) covers <see cref="SignedText"/>, a fixed line format with nothing to canonicalise, so the
    /// device checks it the same way the signing tool wrote it.
    /// </summary>
    public sealed class BundleManifest
    {
        /// <summary>The app: streetlight, airquality or meter.</summary>
        public string App { get; set; }

        /// <summary>Version, major part.</summary>
        public int Major { get; set; }

        /// <summary>Version, minor part.</summary>
        public int Minor { get; set; }

        /// <summary>Version, patch part.</summary>
        public int Patch { get; set; }

        /// <summary>Bytes of the bundle.</summary>
        public int Size { get; set; }

        /// <summary>SHA-256 of the bundle.</summary>
        public byte[] Sha256 { get; set; }

        /// <summary>Ed25519 signature of <see cref="SignedText"/>.</summary>
        public byte[] Signature { get; set; }

        /// <summary>The version as text.</summary>
        public string VersionText
        {
            get { return Major.ToString() + "." + Minor.ToString() + "." + Patch.ToString(); }
        }

        /// <summary>The exact bytes the signature covers: "EDB1", app, version, size, SHA-256 in hex, one per line.</summary>
        public byte[] SignedText()
        {
            string text = "EDB1\n" + App + "\n" + VersionText + "\n" + Size.ToString() + "\n" + HexText.Of(Sha256) + "\n";
            return System.Text.Encoding.UTF8.GetBytes(text);
        }

        /// <summary>Signs the manifest with the release key's <paramref name="seed"/> (the signing tool).</summary>
        public void SignWith(byte[] seed)
        {
            byte[] text = SignedText();
            Signature = Ed25519.Sign(seed, text, 0, text.Length);
        }

        /// <summary>Whether the version <paramref name="major"/>.<paramref name="minor"/>.<paramref name="patch"/> is older than this manifest's.</summary>
        public bool IsNewerThan(int major, int minor, int patch)
        {
            if (Major != major)
            {
                return Major > major;
            }

            return Minor != minor ? Minor > minor : Patch > patch;
        }
    }
}
