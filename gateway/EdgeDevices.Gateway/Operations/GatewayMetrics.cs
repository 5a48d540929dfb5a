using Prometheus;

namespace EdgeDevices.Gateway.Operations;

/// <summary>
/// The gateway's Prometheus metrics, in a registry of its own (one per gateway, so tests can run several in
/// one process). Served at /metrics.
/// </summary>
public sealed class GatewayMetrics
{
    public GatewayMetrics()
    {
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        Ingested = factory.CreateCounter("edgedevices_ingested_total", "Messages committed to the buffer.", "type");
        Duplicates = factory.CreateCounter("edgedevices_duplicates_total", "Messages dropped as already seen (device, boot id, sequence).");
        Quarantined = factory.CreateCounter("edgedevices_quarantined_total", "Payloads refused and kept in the quarantine, by the field at fault (\"payload\" when the whole payload is).", "field");
        StorageFailures = factory.CreateCounter("edgedevices_storage_failures_total", "Commits that failed (the devices resend).");
        Refused = factory.CreateCounter("edgedevices_refused_total", "Connections, publishes and subscriptions the broker refused.", "what");
        Dropped = factory.CreateCounter("edgedevices_dropped_total", "Buffered readings dropped undelivered.", "cause");
        Delivered = factory.CreateCounter("edgedevices_delivered_total", "Readings a sink delivered.", "sink");
        SinkFailures = factory.CreateCounter("edgedevices_sink_failures_total", "Failed delivery attempts.", "sink");
        SinkRejected = factory.CreateCounter("edgedevices_sink_rejected_total", "Readings a sink's destination refused for good (kept for the operator).", "sink");
        CommitSize = factory.CreateHistogram("edgedevices_commit_messages", "Messages per buffer commit.", new HistogramConfiguration { Buckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] });
        BufferDepth = factory.CreateGauge("edgedevices_buffer_depth", "Readings in the buffer.", "lane");
        BufferOldestAge = factory.CreateGauge("edgedevices_buffer_oldest_age_seconds", "Age of the oldest reading in the buffer.");
        BufferBytes = factory.CreateGauge("edgedevices_buffer_bytes", "Bytes the buffer's live pages take.");
        SinkLag = factory.CreateGauge("edgedevices_sink_lag", "Readings a sink has not delivered yet.", "sink");
        Commands = factory.CreateCounter("edgedevices_commands_total", "Commands sent to devices and what became of them.", "outcome");
        UpdateChunks = factory.CreateCounter("edgedevices_update_chunks_total", "Chunk requests of update downloads and how they were answered.", "outcome");
        LoRaWanUplinks = factory.CreateCounter("edgedevices_lorawan_uplinks_total", "ChirpStack uplink events, by what became of them (ingested, duplicate, empty, fragment, quarantined).", "result");
        LoRaWanEvents = factory.CreateCounter("edgedevices_lorawan_events_total", "ChirpStack device events other than uplinks (join, ack, txack, status, log), by what became of them.", "event", "result");
        RejectNotices = factory.CreateCounter("edgedevices_reject_notices_total", "Reject notices to devices whose payloads went to the quarantine, by what became of them (sent, notSent: no MQTT route now or a LoRaWAN device, suppressed: over the per-device rate, dropped: queue full).", "outcome");
        ConnectedDevices = factory.CreateGauge("edgedevices_connected_devices", "Devices connected to the broker.");
    }

    public CollectorRegistry Registry { get; }

    public Counter Ingested { get; }

    public Counter Duplicates { get; }

    public Counter Quarantined { get; }

    public Counter Commands { get; }

    /// <summary>Reject notices: sent, notSent, suppressed, dropped.</summary>
    public Counter RejectNotices { get; }

    /// <summary>Update chunk requests: served, notServed, malformed.</summary>
    public Counter UpdateChunks { get; }

    public Counter LoRaWanUplinks { get; }

    public Counter LoRaWanEvents { get; }

    public Counter StorageFailures { get; }

    public Counter Refused { get; }

    public Counter Dropped { get; }

    public Counter Delivered { get; }

    public Counter SinkFailures { get; }

    public Counter SinkRejected { get; }

    public Histogram CommitSize { get; }

    public Gauge BufferDepth { get; }

    public Gauge BufferOldestAge { get; }

    public Gauge BufferBytes { get; }

    public Gauge SinkLag { get; }

    public Gauge ConnectedDevices { get; }
}
