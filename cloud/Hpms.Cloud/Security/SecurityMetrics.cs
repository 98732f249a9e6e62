using Hpms.Cloud.Operations;

namespace Hpms.Cloud.Security;

/// <summary>Sign-in and API-key counters for <c>/metrics</c>.</summary>
public sealed class SecurityMetrics : IMetricsSource
{
    private long _signIns;
    private long _failedSignIns;
    private long _apiKeyRejected;

    /// <summary>Gets the failed sign-ins so far.</summary>
    public long FailedSignIns => Interlocked.Read(ref _failedSignIns);

    /// <summary>Counts a successful sign-in.</summary>
    public void CountSignIn() => Interlocked.Increment(ref _signIns);

    /// <summary>Counts a failed sign-in.</summary>
    public void CountFailedSignIn() => Interlocked.Increment(ref _failedSignIns);

    /// <summary>Counts an unknown or revoked API key.</summary>
    public void CountApiKeyRejected() => Interlocked.Increment(ref _apiKeyRejected);

    /// <inheritdoc/>
    public void WriteTo(PrometheusText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text.Counter("hpms_cloud_auth_sign_ins_total", "Tokens issued for a user name and password.", Interlocked.Read(ref _signIns));
        text.Counter("hpms_cloud_auth_failed_sign_ins_total", "Sign-ins refused (unknown user, wrong password, disabled).", FailedSignIns);
        text.Counter("hpms_cloud_auth_api_keys_rejected_total", "Requests with an unknown or revoked API key.", Interlocked.Read(ref _apiKeyRejected));
    }
}
