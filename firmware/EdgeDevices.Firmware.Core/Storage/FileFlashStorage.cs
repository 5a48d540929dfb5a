using System;
using System.IO;

namespace EdgeDevices.Firmware.Storage
{
    /// <summary>
    /// <see cref="IFlashStorage"/> over one file, e.g. I:\outbox.bin on the ESP32's LittleFS partition.
    /// The file is created at its full size once, so later writes never grow it.
    /// </summary>
    public sealed class FileFlashStorage : IFlashStorage, IDisposable
    {
        private readonly FileStream _stream;
        private readonly int _length;

        /// <summary>Opens (or creates and sizes) the file.</summary>
        public FileFlashStorage(string path, int length)
        {
            _length = length;
            _stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite);
            if (_stream.Length != length)
            {
                _stream.SetLength(length);
                _stream.Flush();
            }
        }

        /// <inheritdoc />
        public int Length
        {
            get { return _length; }
        }

        /// <inheritdoc />
        public void Read(int position, byte[] buffer, int offset, int count)
        {
            _stream.Seek(position, SeekOrigin.Begin);
            int done = 0;
            while (done < count)
            {
                int n = _stream.Read(buffer, offset + done, count - done);
                if (n <= 0)
                {
                    // Past the end of a short file: unwritten flash reads as erased.
                    for (int i = done; i < count; i++)
                    {
                        buffer[offset + i] = 0xFF;
                    }

                    return;
                }

                done += n;
            }
        }

        /// <inheritdoc />
        public void Write(int position, byte[] buffer, int offset, int count)
        {
            _stream.Seek(position, SeekOrigin.Begin);
            _stream.Write(buffer, offset, count);
        }

        /// <inheritdoc />
        public void Flush()
        {
            _stream.Flush();
        }

        /// <inheritdoc />
        public void Dispose()
        {
            _stream.Dispose();
        }
    }
}
