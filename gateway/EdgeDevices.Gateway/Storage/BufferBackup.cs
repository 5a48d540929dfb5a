using Microsoft.Data.Sqlite;

namespace EdgeDevices.Gateway.Storage;

/// <summary>
/// A consistent copy of the gateway's state while it runs: the buffer through SQLite's online backup (WAL and
/// all), and the gateway's keys beside it (the pseudonym key, and the key of the device password hashes without
/// which no device can be admitted, and the broker's local CA and certificate in <c>tls/</c>), into a folder only its owner can open (0700, files 0600). Run as the
/// service user, into the state directory by default, where that user may write. The copy holds every
/// device's command key and password hash, and those keys: it is as secret as the gateway itself.
/// </summary>
public static class BufferBackup
{
    /// <summary>Copies the state in <paramref name="stateDirectory"/> into <paramref name="folder"/> (made; must not hold a backup yet); returns the files written.</summary>
    public static IReadOnlyList<string> Run(string stateDirectory, string folder)
    {
        var source = Path.Combine(stateDirectory, BufferDatabase.FileName);
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"no buffer at {source}: is the state directory right (--set stateDirectory=…, or $STATE_DIRECTORY)?", source);
        }

        var target = Path.Combine(folder, BufferDatabase.FileName);
        if (File.Exists(target))
        {
            throw new IOException($"{target} exists already: give another --output, or move the old backup away");
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // Created owner-only before SQLite writes a byte into it.
        CreatePrivate(target).Dispose();
        using (var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
        {
            from.Open();
            to.Open();
            from.BackupDatabase(to);
        }

        var written = new List<string> { target };
        var tls = Southbound.BrokerCertificates.Folder;
        if (Directory.Exists(Path.Combine(stateDirectory, tls)))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(Path.Combine(folder, tls));
            }
            else
            {
                Directory.CreateDirectory(Path.Combine(folder, tls), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        foreach (var name in new[]
        {
            Privacy.Pseudonyms.KeyFileName,
            Southbound.DeviceSecretHasher.KeyFileName,
            Path.Combine(tls, Southbound.BrokerCertificates.CaFile),
            Path.Combine(tls, Southbound.BrokerCertificates.CaKeyFile),
            Path.Combine(tls, Southbound.BrokerCertificates.ServerFile),
        })
        {
            var key = Path.Combine(stateDirectory, name);
            if (File.Exists(key))
            {
                var copy = Path.Combine(folder, name);
                using (var output = CreatePrivate(copy))
                {
                    output.Write(File.ReadAllBytes(key));
                }

                written.Add(copy);
            }
        }

        return written;
    }

    private static FileStream CreatePrivate(string path) =>
        OperatingSystem.IsWindows()
            ? new FileStream(path, FileMode.CreateNew, FileAccess.Write)
            : new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
}
