using System.Net;
using System.Net.Sockets;

namespace EdgeDevices.Hardware.Emulation.Tests.Network;

public sealed class WifiStationTests
{
    [Fact]
    public void Joins_after_the_association_delay_and_only_with_the_right_password()
    {
        var bench = new Bench();
        bench.World.Network.AddAccessPoint("city-iot", "correct horse battery");
        bench.Board.PowerOn();
        bench.Board.Wifi.Join("city-iot", "wrong password");
        bench.Run(20_000);
        Assert.False(bench.Board.Wifi.IsConnected);

        bench.Board.Wifi.Join("city-iot", "correct horse battery");
        bench.Run(bench.World.Network.JoinDelayMilliseconds + 6_000);
        Assert.True(bench.Board.Wifi.IsConnected);
        Assert.True(bench.Board.RtcIsSet, "SNTP set the clock once the network was up");
    }

    [Fact]
    public async Task Dropping_the_link_resets_open_connections_and_the_station_rejoins_when_restored()
    {
        var bench = new Bench();
        bench.World.Network.AddAccessPoint("city-iot", "correct horse battery");
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var endpoint = (IPEndPoint)server.LocalEndpoint;
        bench.Board.PowerOn();
        bench.Board.Wifi.Join("city-iot", "correct horse battery");
        bench.Run(2_000);

        var stream = await bench.Board.Wifi.ConnectAsync(endpoint, CancellationToken.None);
        using var accepted = await server.AcceptTcpClientAsync();
        Assert.Equal(1, bench.Board.Wifi.OpenConnections);

        bench.Board.Wifi.DropLink();
        Assert.Equal(0, bench.Board.Wifi.OpenConnections);
        var buffer = new byte[1];
        await Assert.ThrowsAnyAsync<IOException>(async () => await accepted.GetStream().ReadExactlyAsync(buffer));
        await Assert.ThrowsAsync<SocketException>(() => bench.Board.Wifi.ConnectAsync(endpoint, CancellationToken.None));

        bench.Board.Wifi.RestoreLink();
        bench.Run(2_000);
        Assert.True(bench.Board.Wifi.IsConnected);
        stream.Dispose();
    }
}
