using System.IO;
using EdgeDevices.Firmware.Storage;

namespace EdgeDevices.Firmware.Device.Storage
{
    /// <summary>
    /// The device's files on the ESP32's internal flash drive (I:\, LittleFS): each region is a file of a
    /// fixed size, and text files are replaced by writing a temporary file and renaming it, so a power
    /// cut leaves the old or the new text, never half of one (a reader finding only the temporary file
    /// takes it: the cut came between the delete and the rename).
    /// </summary>
    public sealed class InternalFlashFiles : IDeviceFiles
    {
        /// <summary>The internal flash drive.</summary>
        public const string DefaultRoot = "I:\\";

        private const string TemporarySuffix = ".new";

        private readonly string _root;

        /// <summary>Files under <paramref name="root"/> (a drive or directory path ending in a separator).</summary>
        public InternalFlashFiles(string root)
        {
            _root = root;
        }

        /// <inheritdoc />
        public IFlashStorage OpenRegion(string name, int size)
        {
            return new FileFlashStorage(_root + name + ".bin", size);
        }

        /// <inheritdoc />
        public string ReadText(string name)
        {
            string path = _root + name;
            if (File.Exists(path))
            {
                return File.ReadAllText(path);
            }

            string pending = path + TemporarySuffix;
            return File.Exists(pending) ? File.ReadAllText(pending) : null;
        }

        /// <inheritdoc />
        public void WriteText(string name, string text)
        {
            string path = _root + name;
            string pending = path + TemporarySuffix;
            File.WriteAllText(pending, text);
            if (File.Exists(path))
            {
                File.Delete(path);
            }

            File.Move(pending, path);
        }

        /// <inheritdoc />
        public void Delete(string name)
        {
            string path = _root + name;
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }
}
