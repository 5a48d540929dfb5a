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

        /// <summary>
        /// The manifest as one line of five space-separated fields — app, version, size, SHA-256 (hex),
        /// signature (hex) — the form an update command carries as its document.
        /// </summary>
        public string ToLine()
        {
            return App + " " + VersionText + " " + Size.ToString() + " " + HexText.Of(Sha256) + " " + HexText.Of(Signature);
        }

        /// <summary>The manifest in <paramref name="line"/> (see <see cref="ToLine"/>), or null when it is not one. The signature is not checked here.</summary>
        public static BundleManifest FromLine(string line)
        {
            if (line == null || line.Length > 400)
            {
                return null;
            }

            string[] fields = line.Split(new char[] { ' ' });
            int major;
            int minor;
            int patch;
            if (fields.Length != 5 || fields[0].Length == 0 || fields[0].Length > 32 || !Update.VersionText.TryParse(fields[1], out major, out minor, out patch))
            {
                return null;
            }

            int size = 0;
            string sizeText = fields[2];
            if (sizeText.Length == 0 || sizeText.Length > 9)
            {
                return null;
            }

            for (int i = 0; i < sizeText.Length; i++)
            {
                char c = sizeText[i];
                if (c < '0' || c > '9')
                {
                    return null;
                }

                size = (size * 10) + (c - '0');
            }

            BundleManifest manifest = new BundleManifest();
            manifest.App = fields[0];
            manifest.Major = major;
            manifest.Minor = minor;
            manifest.Patch = patch;
            manifest.Size = size;
            manifest.Sha256 = HexText.Parse(fields[3], 32);
            manifest.Signature = HexText.Parse(fields[4], Ed25519.SignatureSize);
            return manifest.Sha256 == null || manifest.Signature == null ? null : manifest;
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
