namespace nanoFramework.M2Mqtt.Exceptions;

/// <summary>Stand-in for M2Mqtt's <c>MqttClientException</c>.</summary>
public class MqttClientException : Exception
{
    /// <summary>An exception with an error code.</summary>
    public MqttClientException(MqttClientErrorCode errorCode)
        : base("MQTT client error " + errorCode) => ErrorCode = errorCode;

    /// <summary>The error.</summary>
    public MqttClientErrorCode ErrorCode { get; set; }
}

/// <summary>Stand-in for M2Mqtt's <c>MqttCommunicationException</c>.</summary>
public class MqttCommunicationException : Exception
{
    /// <summary>A communication failure.</summary>
    public MqttCommunicationException()
    {
    }

    /// <summary>A communication failure caused by <paramref name="e"/>.</summary>
    public MqttCommunicationException(Exception e)
        : base(e.Message, e)
    {
    }
}

/// <summary>Stand-in for M2Mqtt's <c>MqttConnectionException</c>: the broker could not be reached.</summary>
public class MqttConnectionException : Exception
{
    /// <summary>A connection failure.</summary>
    public MqttConnectionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Stand-in for M2Mqtt's <c>MqttTimeoutException</c>.</summary>
public class MqttTimeoutException : Exception
{
    /// <summary>A timeout.</summary>
    public MqttTimeoutException()
    {
    }
}
