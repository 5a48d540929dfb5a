using EdgeDevices.Firmware.Security;

namespace EdgeDevices.Firmware.Update
{
    /// <summary>
    /// The device's checks of an update, before and after the download: a manifest is taken only when signed
    /// by the release key, for this app, newer than what runs, and small enough; the downloaded bundle only
    /// when it is whole and has the manifest's SHA-256. Nothing is applied on any other verdict.
    /// </summary>
    public static class UpdateCheck
    {
        /// <summary>The verdict on <paramref name="manifest"/> for a device running <paramref name="app"/> at the given version.</summary>
        public static UpdateVerdict Manifest(BundleManifest manifest, byte[] releaseKey, string app, int major, int minor, int patch, int maxSize)
        {
            if (releaseKey == null || releaseKey.Length != Ed25519.PublicKeySize)
            {
                return UpdateVerdict.NoKey;
            }

            byte[] text = manifest.SignedText();
            if (manifest.Signature == null || !Ed25519.Verify(releaseKey, manifest.Signature, text, 0, text.Length))
            {
                return UpdateVerdict.BadSignature;
            }

            if (manifest.Major > 255 || manifest.Minor > 255 || manifest.Patch > 65535)
            {
                return UpdateVerdict.Malformed;
            }

            if (manifest.App != app)
            {
                return UpdateVerdict.WrongApp;
            }

            if (!manifest.IsNewerThan(major, minor, patch))
            {
                return UpdateVerdict.NotNewer;
            }

            return manifest.Size <= 0 || manifest.Size > maxSize ? UpdateVerdict.TooLarge : UpdateVerdict.Accepted;
        }

        /// <summary>The verdict on a downloaded bundle of <paramref name="size"/> bytes whose SHA-256 is <paramref name="sha256"/>.</summary>
        public static UpdateVerdict Content(BundleManifest manifest, int size, byte[] sha256)
        {
            if (size < manifest.Size)
            {
                return UpdateVerdict.Truncated;
            }

            if (size > manifest.Size || sha256 == null || manifest.Sha256 == null || sha256.Length != manifest.Sha256.Length)
            {
                return UpdateVerdict.WrongHash;
            }

            int diff = 0;
            for (int i = 0; i < sha256.Length; i++)
            {
                diff |= sha256[i] ^ manifest.Sha256[i];
            }

            return diff == 0 ? UpdateVerdict.Accepted : UpdateVerdict.WrongHash;
        }
    }
}
