using System.Security.Cryptography;

namespace EdgeDevices.Gateway.Storage;

/// <summary>
/// A 32-byte key the gateway makes once and keeps in its state directory, readable by its owner only
/// (written to a temporary file and moved into place, so a crash never leaves half a key). Losing one is
/// not recoverable by making another, so each is in the backup (<see cref="BufferBackup"/>).
/// </summary>
public static class SecretKeyFile
{
    /// <summary>The key's size in bytes.</summary>
    public const int Size = 32;

    /// <summary>
    /// The key in <paramref name="path"/>, made on first use; throws <see cref="InvalidDataException"/> saying
    /// <paramref name="ifBroken"/> when the file is not a key.
    /// </summary>
    public static byte[] LoadOrCreate(string path, string ifBroken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            var temporary = path + ".new";
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write))
            {
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }

                file.Write(RandomNumberGenerator.GetBytes(Size));
                file.Flush(flushToDisk: true);
            }

            try
            {
                File.Move(temporary, path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process (the CLI beside the service) made it first: use theirs.
                File.Delete(temporary);
            }
        }

        var key = File.ReadAllBytes(path);
        return key.Length == Size ? key : throw new InvalidDataException($"{path} is not a {Size}-byte key; {ifBroken}");
    }
}
