namespace nanoFramework.M2Mqtt
{
    /// <summary>Stand-in for M2Mqtt's <c>MqttProtocolVersion</c>.</summary>
    public enum MqttProtocolVersion
    {
#pragma warning disable CS1591
        Version_3_1 = 3,
        Version_3_1_1 = 4,
        Version_5 = 5,
#pragma warning restore CS1591
    }

    /// <summary>Stand-in for M2Mqtt's <c>MqttSslProtocols</c>.</summary>
    public enum MqttSslProtocols
    {
#pragma warning disable CS1591
        None, SSLv3, TLSv1_0, TLSv1_1, TLSv1_2, TLSv1_3,
#pragma warning restore CS1591
    }
}

namespace nanoFramework.M2Mqtt.Messages
{
    /// <summary>Stand-in for M2Mqtt's <c>MqttQoSLevel</c>.</summary>
    public enum MqttQoSLevel : byte
    {
#pragma warning disable CS1591
        AtMostOnce = 0x00,
        AtLeastOnce = 0x01,
        ExactlyOnce = 0x02,
        GrantedFailure = 0x80,
#pragma warning restore CS1591
    }

    /// <summary>Stand-in for M2Mqtt's <c>MqttReasonCode</c>: MQTT 5 reason codes and the 3.1.1 CONNACK codes.</summary>
    public enum MqttReasonCode : byte
    {
#pragma warning disable CS1591
        Success = 0x00,
        NormalDisconnection = 0x00,
        GrantedQoS0 = 0x00,
        ConnectionRefusedUnacceptableProtocolVersion = 0x01,
        GrantedQoS1 = 0x01,
        ConnectionRefusedIdentifierRejected = 0x02,
        GrantedQoS2 = 0x02,
        ConnectionRefusedServerUnavailable = 0x03,
        ConnectionRefusedBadUserNameOrPassword = 0x04,
        DisconnectWithWillMessage = 0x04,
        ConnectionRefusedNotAuthorized = 0x05,
        NoMatchingSubscribers = 0x10,
        NoSubscriptionExisted = 0x11,
        ContinueAuthentication = 0x18,
        ReAuthenticate = 0x19,
        UnspecifiedError = 0x80,
        MalformedPacket = 0x81,
        ProtocolError = 0x82,
        ImplementationSpecificError = 0x83,
        UnsupportedProtocolVersion = 0x84,
        ClientIdentifierNotValid = 0x85,
        BadUserNameOrPassword = 0x86,
        NotAuthorized = 0x87,
        ServerUnavailable = 0x88,
        ServerBusy = 0x89,
        Banned = 0x8A,
        ServeShuttingDown = 0x8B,
        BadAuthenticationMethod = 0x8C,
        KeepAliveTimeout = 0x8D,
        SessionTakenOver = 0x8E,
        TopicFilterInvalid = 0x8F,
        TopicNameInvalid = 0x90,
        PacketIdentifierInUse = 0x91,
        PacketIdentifierNotFound = 0x92,
        ReceiveMaximumExceeded = 0x93,
        TopicAliasInvalid = 0x94,
        PacketTooLarge = 0x95,
        MessageRateTooHigh = 0x96,
        QuotaExceeded = 0x97,
        AdministrativeAction = 0x98,
        PayloadFormatInvalid = 0x99,
        RetainNotSupported = 0x9A,
        QoSNotSupported = 0x9B,
        UseAnotherServer = 0x9C,
        ServerMoved = 0x9D,
        SharedSubscriptionsNotSupported = 0x9E,
        ConnectionRateExceeded = 0x9F,
        MaximumConnectTime = 0xA0,
        SubscriptionIdentifiersNotSupported = 0xA1,
        WildcardSubscriptionsNotSupported = 0xA2,
#pragma warning restore CS1591
    }
}

namespace nanoFramework.M2Mqtt.Exceptions
{
    /// <summary>Stand-in for M2Mqtt's <c>MqttClientErrorCode</c>.</summary>
    public enum MqttClientErrorCode
    {
#pragma warning disable CS1591
        WillWrong = 1,
        KeepAliveWrong,
        TopicWildcard,
        TopicLength,
        QosNotAllowed,
        TopicsEmpty,
        QosLevelsEmpty,
        TopicsQosLevelsNotMatch,
        WrongBrokerMessage,
        WrongMessageId,
        InflightQueueFull,
        InvalidFlagBits,
        InvalidConnectFlags,
        InvalidClientId,
        InvalidProtocolName,
#pragma warning restore CS1591
    }
}
