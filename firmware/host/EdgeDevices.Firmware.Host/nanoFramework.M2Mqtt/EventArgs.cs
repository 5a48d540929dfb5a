namespace nanoFramework.M2Mqtt.Messages;

/// <summary>Stand-in for M2Mqtt's <c>MqttMsgPublishEventArgs</c>: a message received.</summary>
public class MqttMsgPublishEventArgs : EventArgs
{
    /// <summary>A received message.</summary>
    public MqttMsgPublishEventArgs(string topic, byte[] message, bool dupFlag, MqttQoSLevel qosLevel, bool retain)
    {
        Topic = topic;
        Message = message;
        DupFlag = dupFlag;
        QosLevel = qosLevel;
        Retain = retain;
    }

    /// <summary>Topic.</summary>
    public string Topic { get; }

    /// <summary>Payload.</summary>
    public byte[] Message { get; }

    /// <summary>Duplicate delivery flag.</summary>
    public bool DupFlag { get; }

    /// <summary>QoS.</summary>
    public MqttQoSLevel QosLevel { get; }

    /// <summary>Retained.</summary>
    public bool Retain { get; }
}

/// <summary>Stand-in for M2Mqtt's <c>MqttMsgPublishedEventArgs</c>: a publish finished.</summary>
public class MqttMsgPublishedEventArgs : EventArgs
{
    /// <summary>A published message.</summary>
    public MqttMsgPublishedEventArgs(ushort messageId)
        : this(messageId, true)
    {
    }

    /// <summary>A publish that succeeded or not.</summary>
    public MqttMsgPublishedEventArgs(ushort messageId, bool isPublished)
    {
        MessageId = messageId;
        IsPublished = isPublished;
    }

    /// <summary>The id <c>Publish</c> returned.</summary>
    public ushort MessageId { get; set; }

    /// <summary>Whether the broker acknowledged it (QoS ≥ 1) or it was sent (QoS 0).</summary>
    public bool IsPublished { get; set; }
}

/// <summary>Stand-in for M2Mqtt's <c>MqttMsgSubscribedEventArgs</c>.</summary>
public class MqttMsgSubscribedEventArgs : EventArgs
{
    /// <summary>A subscription acknowledged.</summary>
    public MqttMsgSubscribedEventArgs(ushort messageId, MqttQoSLevel[] grantedQosLevels)
    {
        MessageId = messageId;
        GrantedQoSLevels = grantedQosLevels;
    }

    /// <summary>The id <c>Subscribe</c> returned.</summary>
    public ushort MessageId { get; }

    /// <summary>Granted QoS per topic.</summary>
    public MqttQoSLevel[] GrantedQoSLevels { get; }
}

/// <summary>Stand-in for M2Mqtt's <c>MqttMsgUnsubscribedEventArgs</c>.</summary>
public class MqttMsgUnsubscribedEventArgs : EventArgs
{
    /// <summary>An unsubscription acknowledged.</summary>
    public MqttMsgUnsubscribedEventArgs(ushort messageId) => MessageId = messageId;

    /// <summary>The id <c>Unsubscribe</c> returned.</summary>
    public ushort MessageId { get; }
}

/// <summary>Stand-in for M2Mqtt's <c>MqttMsgConnack</c> (MQTT 5 details are not emulated).</summary>
public class MqttMsgConnack
{
}

/// <summary>Stand-in for M2Mqtt's <c>MqttMsgDisconnect</c> (not emulated).</summary>
public class MqttMsgDisconnect
{
}

/// <summary>Stand-in for M2Mqtt's <c>MqttMsgAuthentication</c> (not emulated).</summary>
public class MqttMsgAuthentication
{
}

/// <summary>Stand-in for M2Mqtt's <c>ConnectionOpenedEventArgs</c> (MQTT 5 CONNACK).</summary>
public class ConnectionOpenedEventArgs : EventArgs
{
    /// <summary>An opened connection.</summary>
    public ConnectionOpenedEventArgs(MqttMsgConnack message) => Message = message;

    /// <summary>The CONNACK.</summary>
    public MqttMsgConnack Message { get; }
}

/// <summary>Stand-in for M2Mqtt's <c>ConnectionClosedRequestEventArgs</c> (MQTT 5 server DISCONNECT).</summary>
public class ConnectionClosedRequestEventArgs : EventArgs
{
    /// <summary>A close request.</summary>
    public ConnectionClosedRequestEventArgs(MqttMsgDisconnect message) => Message = message;

    /// <summary>The DISCONNECT.</summary>
    public MqttMsgDisconnect Message { get; }
}

/// <summary>Stand-in for M2Mqtt's <c>MqttMsgAuthenticationEventArgs</c> (not emulated).</summary>
public class MqttMsgAuthenticationEventArgs : EventArgs
{
    /// <summary>An AUTH exchange.</summary>
    public MqttMsgAuthenticationEventArgs(MqttMsgAuthentication message) => Message = message;

    /// <summary>The AUTH.</summary>
    public MqttMsgAuthentication Message { get; }
}

/// <summary>Stand-in for M2Mqtt's <c>UserProperty</c> (MQTT 5).</summary>
public class UserProperty
{
    /// <summary>A user property.</summary>
    public UserProperty(string name, string value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>Name.</summary>
    public string Name { get; set; }

    /// <summary>Value.</summary>
    public string Value { get; set; }
}
