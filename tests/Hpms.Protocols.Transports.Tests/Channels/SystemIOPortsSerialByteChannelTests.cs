using System.Runtime.Versioning;
using Hpms.Protocols.Transports.Channels;

namespace Hpms.Protocols.Transports.Tests.Channels;

[SupportedOSPlatform("linux")]
public sealed class SystemIOPortsSerialByteChannelTests : SerialByteChannelContractTests
{
    protected override IByteChannel CreateChannel(SerialLineOptions options) => new SystemIOPortsSerialByteChannel(options);
}
