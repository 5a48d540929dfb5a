using System.Net;
using System.Net.Sockets;

namespace EdgeDevices.Hardware.Emulation.Network;

/// <summary>
/// A real TCP connection opened by an emulated board. <see cref="Reset"/> aborts it with a TCP reset
/// (linger 0), so the server sees the connection die without a goodbye, as it does when a device vanishes:
/// an MQTT broker then publishes the device's Last Will.
/// </summary>
internal sealed class LinkConnection
{
    private readonly WifiStation _station;
    private readonly TcpClient _client;
    private int _closed;

    public LinkConnection(WifiStation station, TcpClient client, IPEndPoint server)
    {
        _station = station;
        _client = client;
        Server = server;
        Stream = new OwnedStream(client.GetStream(), this);
    }

    public IPEndPoint Server { get; }

    public Stream Stream { get; }

    public void Reset()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }

        try
        {
            _client.Client.LingerState = new LingerOption(true, 0);
            _client.Client.Close(0);
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }

        _client.Dispose();
        _station.Forget(this);
    }

    private void Closed()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _client.Dispose();
            _station.Forget(this);
        }
    }

    // The stream MQTTnet reads and writes; disposing it closes the connection normally.
    private sealed class OwnedStream(NetworkStream inner, LinkConnection owner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                owner.Closed();
            }

            base.Dispose(disposing);
        }
    }
}
