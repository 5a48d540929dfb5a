namespace System.IO.Ports;

/// <summary>Stand-in for nanoFramework's <c>Parity</c>.</summary>
public enum Parity
{
    /// <summary>None.</summary>
    None = 0,

    /// <summary>Odd.</summary>
    Odd = 1,

    /// <summary>Even.</summary>
    Even = 2,
}

/// <summary>Stand-in for nanoFramework's <c>StopBits</c>.</summary>
public enum StopBits
{
    /// <summary>One.</summary>
    One = 1,

    /// <summary>Two.</summary>
    Two = 2,

    /// <summary>One and a half.</summary>
    OnePointFive = 3,
}

/// <summary>Stand-in for nanoFramework's <c>Handshake</c>.</summary>
public enum Handshake
{
    /// <summary>None.</summary>
    None,

    /// <summary>XON/XOFF.</summary>
    XOnXOff,

    /// <summary>RTS/CTS.</summary>
    RequestToSend,

    /// <summary>RTS/CTS and XON/XOFF.</summary>
    RequestToSendXOnXOff,
}

/// <summary>Stand-in for nanoFramework's <c>SerialMode</c>.</summary>
public enum SerialMode
{
    /// <summary>Normal UART.</summary>
    Normal,

    /// <summary>RS-485 half duplex.</summary>
    RS485,
}

/// <summary>Stand-in for nanoFramework's <c>SerialData</c>.</summary>
public enum SerialData
{
    /// <summary>Characters arrived.</summary>
    Chars = 1,

    /// <summary>The watch character arrived.</summary>
    WatchChar = 2,
}

/// <summary>Stand-in for nanoFramework's <c>SerialDataReceivedEventArgs</c>.</summary>
public class SerialDataReceivedEventArgs : EventArgs
{
    internal SerialDataReceivedEventArgs(SerialData eventType) => EventType = eventType;

    /// <summary>What arrived.</summary>
    public SerialData EventType { get; }
}

/// <summary>Stand-in for nanoFramework's <c>SerialDataReceivedEventHandler</c>.</summary>
public delegate void SerialDataReceivedEventHandler(object sender, SerialDataReceivedEventArgs e);
