namespace EdgeDevices.Firmware.Json
{
    /// <summary>
    /// The text name of an enum's numeric value, or null when the value is not defined. Lets one reader
    /// handle every enum without generics (which the device runtime lacks).
    /// </summary>
    public delegate string NameLookup(int value);
}
