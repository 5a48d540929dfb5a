namespace EdgeDevices.Hardware.Emulation.Parts.Luminaire;

/// <summary>Ways an emulated luminaire fails.</summary>
public enum LuminaireFault
{
    /// <summary>Works.</summary>
    None,

    /// <summary>The LED string is open: the driver draws only its own standby power, no light.</summary>
    OpenLamp,

    /// <summary>The relay contacts are welded: the driver stays powered whatever the coil does.</summary>
    RelayStuckClosed,

    /// <summary>The relay never closes.</summary>
    RelayStuckOpen,

    /// <summary>The driver's thermal protection trips: the lamp goes off and on every few seconds.</summary>
    Cycling,
}
