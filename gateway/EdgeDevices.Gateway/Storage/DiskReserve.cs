namespace EdgeDevices.Gateway.Storage;

/// <summary>
/// Room set aside on the buffer's disk: a file of <see cref="Bytes"/> written out in the state directory, given up
/// when the disk fills regardless (a burst between two free-space checks, another program's files). SQLite in WAL
/// mode cannot make room on a disk with no room at all: moving the log back into the database can grow it by the
/// log's size, and a delete needs room in the log. With the reserve released, the buffer checkpoints and drops
/// telemetry, and the reserve is written again once there is room for it above the free-space watermark.
/// </summary>
public sealed class DiskReserve(string stateDirectory)
{
    /// <summary>Twice the write-ahead log's size limit (<see cref="BufferDatabase.LogLimitBytes"/>): one checkpoint and the deletes after it fit.</summary>
    public const long Bytes = 2 * BufferDatabase.LogLimitBytes;

    /// <summary>The reserve file's name in the state directory.</summary>
    public const string FileName = "disk-reserve";

    /// <summary>The reserve file.</summary>
    public string Path { get; } = System.IO.Path.Combine(stateDirectory, FileName);

    /// <summary>Whether the reserve is on the disk, whole.</summary>
    public bool Held => new FileInfo(Path) is { Exists: true, Length: Bytes };

    /// <summary>Writes the reserve out (real blocks of random bytes: neither sparse nor compressible); false when the disk has no room for it.</summary>
    public bool TryHold()
    {
        try
        {
            using (var file = new FileStream(Path, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                var block = new byte[64 * 1024];
                for (long written = 0; written < Bytes; written += block.Length)
                {
                    System.Security.Cryptography.RandomNumberGenerator.Fill(block);
                    file.Write(block);
                }

                file.Flush(flushToDisk: true);
            }

            return true;
        }
        catch (IOException)
        {
            Release();
            return false;
        }
    }

    /// <summary>Gives the reserve back to the file system; false when there was none to give.</summary>
    public bool Release()
    {
        if (!File.Exists(Path))
        {
            return false;
        }

        File.Delete(Path);
        return true;
    }
}
