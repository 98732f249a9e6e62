namespace Hpms.Protocols.AzureIotHub;

/// <summary>A direct-method call read from its topic.</summary>
/// <param name="MethodName">The method the service invoked.</param>
/// <param name="RequestId">The request id to answer on <see cref="IotHubMqttTopics.DirectMethodResponse"/>.</param>
public sealed record IotHubDirectMethod(string MethodName, string RequestId);
