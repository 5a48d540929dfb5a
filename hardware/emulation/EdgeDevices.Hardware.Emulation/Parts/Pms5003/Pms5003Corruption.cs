namespace EdgeDevices.Hardware.Emulation.Parts.Pms5003;

/// <summary>How an emulated PMS5003 frame goes wrong on the wire.</summary>
public enum Pms5003Corruption
{
    /// <summary>One payload bit flipped: the checksum no longer matches.</summary>
    BitFlip,

    /// <summary>The frame stops part-way (the sensor browned out, or bytes were lost).</summary>
    Truncated,

    /// <summary>Noise bytes (including a false start marker) before the frame.</summary>
    LeadingNoise,
}
