using System.Collections;
using nanoFramework.M2Mqtt.Messages;

namespace nanoFramework.M2Mqtt;

/// <summary>Stand-in for M2Mqtt's <c>IMqttClient</c>, with the event delegates nested in it.</summary>
public interface IMqttClient : IDisposable
{
    /// <summary>A message arrived.</summary>
    delegate void MqttMsgPublishEventHandler(object sender, MqttMsgPublishEventArgs e);

    /// <summary>A publish finished.</summary>
    delegate void MqttMsgPublishedEventHandler(object sender, MqttMsgPublishedEventArgs e);

    /// <summary>A subscription was acknowledged.</summary>
    delegate void MqttMsgSubscribedEventHandler(object sender, MqttMsgSubscribedEventArgs e);

    /// <summary>An unsubscription was acknowledged.</summary>
    delegate void MqttMsgUnsubscribedEventHandler(object sender, MqttMsgUnsubscribedEventArgs e);

    /// <summary>The connection closed.</summary>
    delegate void ConnectionClosedEventHandler(object sender, EventArgs e);

    /// <summary>A message arrived.</summary>
    event MqttMsgPublishEventHandler MqttMsgPublishReceived;

    /// <summary>A publish finished.</summary>
    event MqttMsgPublishedEventHandler MqttMsgPublished;

    /// <summary>A subscription was acknowledged.</summary>
    event MqttMsgSubscribedEventHandler MqttMsgSubscribed;

    /// <summary>An unsubscription was acknowledged.</summary>
    event MqttMsgUnsubscribedEventHandler MqttMsgUnsubscribed;

    /// <summary>The connection closed.</summary>
    event ConnectionClosedEventHandler ConnectionClosed;

    /// <summary>Whether connected.</summary>
    bool IsConnected { get; }

    /// <summary>Sets up the client.</summary>
    void Init(string brokerHostName, int brokerPort, bool secure, byte[] caCert, byte[] clientCert, MqttSslProtocols sslProtocol);

    /// <summary>Connects.</summary>
    MqttReasonCode Connect(string clientId, string username, string password, bool willRetain, MqttQoSLevel willQosLevel, bool willFlag, string willTopic, string willMessage, bool cleanSession, ushort keepAlivePeriod);

    /// <summary>Publishes (QoS 0).</summary>
    ushort Publish(string topic, byte[] message);

    /// <summary>Publishes (QoS 0) with a content type.</summary>
    ushort Publish(string topic, byte[] message, string contentType);

    /// <summary>Publishes.</summary>
    ushort Publish(string topic, byte[] message, string contentType, ArrayList userProperties, MqttQoSLevel qosLevel, bool retain);

    /// <summary>Subscribes.</summary>
    ushort Subscribe(string[] topics, MqttQoSLevel[] qosLevels);

    /// <summary>Unsubscribes.</summary>
    ushort Unsubscribe(string[] topics);

    /// <summary>Disconnects gracefully.</summary>
    void Disconnect();

    /// <summary>Closes without a goodbye.</summary>
    void Close();
}
