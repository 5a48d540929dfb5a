namespace EdgeDevices.Gateway.Storage;

/// <summary>How much room the file system holding a directory has left (a test puts in its own disk).</summary>
public class FreeSpace
{
    /// <summary>Bytes an unprivileged writer may still use on <paramref name="directory"/>'s file system.</summary>
    public virtual long AvailableBytes(string directory) => new DriveInfo(Path.GetFullPath(directory)).AvailableFreeSpace;
}
