namespace Iot.Device.Bmxx80
{
    /// <summary>Stand-in for IoT.Device's <c>Sampling</c> (oversampling codes of the Bosch chips).</summary>
    public enum Sampling : byte
    {
#pragma warning disable CS1591
        Skipped = 0,
        UltraLowPower = 1,
        LowPower = 2,
        Standard = 3,
        HighResolution = 4,
        UltraHighResolution = 5,
#pragma warning restore CS1591
    }

    /// <summary>Stand-in for IoT.Device's <c>StandbyTime</c> (BME280 t_sb codes, in datasheet order).</summary>
    public enum StandbyTime : byte
    {
#pragma warning disable CS1591
        Ms0_5 = 0,
        Ms62_5 = 1,
        Ms125 = 2,
        Ms250 = 3,
        Ms500 = 4,
        Ms1000 = 5,
        Ms10 = 6,
        Ms20 = 7,
#pragma warning restore CS1591
    }

    /// <summary>Stand-in for IoT.Device's <c>Bme680HeaterProfile</c>.</summary>
    public enum Bme680HeaterProfile : byte
    {
#pragma warning disable CS1591
        Profile1 = 0, Profile2, Profile3, Profile4, Profile5, Profile6, Profile7, Profile8, Profile9, Profile10,
#pragma warning restore CS1591
    }
}

namespace Iot.Device.Bmxx80.FilteringMode
{
    /// <summary>Stand-in for IoT.Device's <c>Bmx280FilteringMode</c> (IIR filter coefficient codes).</summary>
    public enum Bmx280FilteringMode : byte
    {
#pragma warning disable CS1591
        Off = 0, X2 = 1, X4 = 2, X8 = 3, X16 = 4,
#pragma warning restore CS1591
    }

    /// <summary>Stand-in for IoT.Device's <c>Bme680FilteringMode</c>.</summary>
    public enum Bme680FilteringMode : byte
    {
#pragma warning disable CS1591
        C0 = 0, C1 = 1, C3 = 2, C7 = 3, C15 = 4, C31 = 5, C63 = 6, C127 = 7,
#pragma warning restore CS1591
    }
}

namespace Iot.Device.Bmxx80.PowerMode
{
    /// <summary>Stand-in for IoT.Device's <c>Bmx280PowerMode</c>.</summary>
    public enum Bmx280PowerMode : byte
    {
#pragma warning disable CS1591
        Sleep = 0,
        Forced = 2,
        Normal = 3,
#pragma warning restore CS1591
    }

    /// <summary>Stand-in for IoT.Device's <c>Bme680PowerMode</c>.</summary>
    public enum Bme680PowerMode : byte
    {
#pragma warning disable CS1591
        Sleep = 0,
        Forced = 1,
#pragma warning restore CS1591
    }
}
