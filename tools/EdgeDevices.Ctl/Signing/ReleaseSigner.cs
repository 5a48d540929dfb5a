using NSec.Cryptography;

namespace EdgeDevices.Ctl.Signing;

/// <summary>
/// Ed25519 on the technician's machine, with NSec (libsodium): the release key pair and the signatures of
/// bundle manifests. The devices verify with their own hand-written Ed25519 (no served nanoFramework package
/// has one); the tests hold the two to the same bytes (NSec signs, the firmware verifies, and back).
/// </summary>
public static class ReleaseSigner
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    /// <summary>A new release key: its 32-byte seed (the secret) and its public key.</summary>
    public static (byte[] Seed, byte[] PublicKey) NewKey()
    {
        using var key = Key.Create(Algorithm, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });
        return (key.Export(KeyBlobFormat.RawPrivateKey), key.PublicKey.Export(KeyBlobFormat.RawPublicKey));
    }

    /// <summary>The public key of <paramref name="seed"/>.</summary>
    public static byte[] PublicKeyOf(byte[] seed)
    {
        using var key = Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey);
        return key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    /// <summary>The signature of <paramref name="message"/> by <paramref name="seed"/>'s key.</summary>
    public static byte[] Sign(byte[] seed, byte[] message)
    {
        using var key = Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey);
        return Algorithm.Sign(key, message);
    }

    /// <summary>Whether <paramref name="signature"/> is <paramref name="publicKey"/>'s of <paramref name="message"/>.</summary>
    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature) =>
        PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key) && Algorithm.Verify(key!, message, signature);
}
