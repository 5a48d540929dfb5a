namespace EdgeDevices.Hardware.Emulation.LoRaWan;

/// <summary>
/// An uplink on the air: who sent it, at which data rate, its frame counter, port (0: no payload) and
/// payload, and whether it carries a DeviceTimeReq MAC command.
/// </summary>
public sealed record LoRaFrame(string DevEui, string Region, int DataRate, uint FCnt, int FPort, byte[] Data, bool Confirmed, bool Adr, bool DeviceTimeRequest = false);
