namespace nanoFramework.Runtime.Events;

/// <summary>Stand-in for nanoFramework's <c>BaseEvent</c>: the base of events the native layer posts.</summary>
public class BaseEvent
{
    /// <summary>The event's source (native id).</summary>
    public ushort Source;

    /// <summary>The event's message code.</summary>
    public byte Message;
}
