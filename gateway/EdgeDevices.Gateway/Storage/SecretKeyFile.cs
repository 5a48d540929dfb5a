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
            // Another process (the CLI beside the service) may make it first: then theirs is used.
            WritePrivate(path, RandomNumberGenerator.GetBytes(Size), overwrite: false);
        }

        var key = File.ReadAllBytes(path);
        return key.Length == Size ? key : throw new InvalidDataException($"{path} is not a {Size}-byte key; {ifBroken}");
    }

    /// <summary>
    /// Writes <paramref name="bytes"/> to <paramref name="path"/> owner-only (0600 from its first byte), flushed,
    /// through a temporary file moved into place; without <paramref name="overwrite"/> an existing file is kept.
    /// </summary>
    public static void WritePrivate(string path, byte[] bytes, bool overwrite = true)
    {
        var temporary = path + ".new";
        using (var file = OperatingSystem.IsWindows()
            ? new FileStream(temporary, FileMode.Create, FileAccess.Write)
            : new FileStream(temporary, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
        {
            file.Write(bytes);
            file.Flush(flushToDisk: true);
        }

        try
        {
            File.Move(temporary, path, overwrite);
        }
        catch (IOException) when (!overwrite && File.Exists(path))
        {
            File.Delete(temporary);
        }
    }
}
