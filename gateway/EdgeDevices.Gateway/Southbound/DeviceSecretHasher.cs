using System.Security.Cryptography;
using System.Text;

namespace EdgeDevices.Gateway.Southbound;

/// <summary>
/// Device passwords are machine-made random secrets (edgectl makes 144 bits), not words a person chose, so
/// a slow password KDF buys nothing against guessing and costs the gateway minutes when a street of devices
/// reconnects. They are kept as HMAC-SHA-256 under a key of the gateway's own (<see cref="KeyFileName"/> in the
/// state directory, owner-only, in the backup), bound to the device id: <c>hmac-sha256$</c> and the MAC in
/// base64. A stolen database without the key gives nothing to test guesses against; a check takes
/// microseconds. Entries written by earlier versions (PBKDF2, <see cref="PasswordHasher"/>) are still
/// accepted, and the registry replaces each on its first success.
/// </summary>
public sealed class DeviceSecretHasher
{
    /// <summary>The key file in the state directory.</summary>
    public const string KeyFileName = "credentials.key";

    private const string Scheme = "hmac-sha256$";
    private readonly byte[] _key;

    /// <summary>The hasher of the gateway whose state is in <paramref name="stateDirectory"/> (the key is made on first use).</summary>
    public DeviceSecretHasher(string stateDirectory)
    {
        _key = Storage.SecretKeyFile.LoadOrCreate(
            Path.Combine(stateDirectory, KeyFileName),
            "restore it from a backup (without it no device's password can be checked; re-provisioning every device is the only other way)");
    }

    /// <summary>What is stored for <paramref name="deviceId"/>'s <paramref name="password"/>.</summary>
    public string Hash(string deviceId, string password) => Scheme + Convert.ToBase64String(Mac(deviceId, password));

    /// <summary>
    /// Whether <paramref name="password"/> is <paramref name="deviceId"/>'s, by <paramref name="stored"/> (in constant
    /// time); <paramref name="outdated"/> when it matched an entry of the old scheme, to be replaced.
    /// </summary>
    public bool Verify(string deviceId, string password, string stored, out bool outdated)
    {
        outdated = false;
        if (stored.StartsWith(Scheme, StringComparison.Ordinal))
        {
            Span<byte> expected = stackalloc byte[32];
            return Convert.TryFromBase64String(stored[Scheme.Length..], expected, out var length) && length == 32
                && CryptographicOperations.FixedTimeEquals(expected, Mac(deviceId, password));
        }

        outdated = PasswordHasher.Verify(password, stored);
        return outdated;
    }

    // The id and the password, separated by a byte neither may contain.
    private byte[] Mac(string deviceId, string password) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(deviceId + "\n" + password));
}
