namespace EdgeDevices.Hardware.Emulation.LoRaWan;

/// <summary>What an emulated LoRaWAN modem reaches over the air: a network server behind a gateway.</summary>
public interface ILoRaNetwork
{
    /// <summary>An OTAA join request; true when the network knows the device and its key.</summary>
    bool Join(string devEui, string joinEui, string appKey);

    /// <summary>An uplink as the network server receives it; the answer is what comes back in the receive windows.</summary>
    LoRaAnswer Uplink(LoRaFrame frame);
}
