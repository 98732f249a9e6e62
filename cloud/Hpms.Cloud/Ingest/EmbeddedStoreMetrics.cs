using Hpms.Cloud.Operations;

namespace Hpms.Cloud.Ingest;

/// <summary>The embedded time-series store's figures on <c>/metrics</c>.</summary>
/// <param name="store">The store.</param>
public sealed class EmbeddedStoreMetrics(EmbeddedTimeSeriesSink store) : IMetricsSource
{
    /// <inheritdoc/>
    public void WriteTo(PrometheusText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.Counter("hpms_cloud_embedded_points_total", "Points written to the embedded time-series store.", store.PointsWritten);
        text.Gauge("hpms_cloud_embedded_bytes", "Bytes the embedded store's day files hold.", store.Bytes);
        text.Counter("hpms_cloud_embedded_files_deleted_total", "Day files deleted to stay under Ingest:EmbeddedMaxBytes.", store.FilesDeleted);
        text.Counter("hpms_cloud_embedded_write_failures_total", "Batches the embedded store could not write (retried by the ingest).", store.WriteFailures);
        text.Counter("hpms_cloud_embedded_encode_rejected_total", "Points the line encoder refused (bad channel names or tags).", store.EncodeRejected);
    }
}
