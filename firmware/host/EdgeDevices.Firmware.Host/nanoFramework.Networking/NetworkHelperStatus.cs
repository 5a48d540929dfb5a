namespace nanoFramework.Networking;

/// <summary>Stand-in for nanoFramework's <c>NetworkHelperStatus</c>.</summary>
public enum NetworkHelperStatus
{
#pragma warning disable CS1591
    None, Started, NetworkIsReady, FailedNoNetworkInterface, TokenExpiredWaitingIPAddress,
    TokenExpiredWaitingDateTime, ErrorConnetingToWiFiWhileScanning, ExceptionOccurred, Reconnecting,
#pragma warning restore CS1591
}
